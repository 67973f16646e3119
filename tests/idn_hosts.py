"""A crawl resolver for tests: names given in EGOVSCAN_TEST_HOSTS ("name=address ...") answer
with that loopback address, so a fixture site is crawled under a Thai domain name
(http://ไทยคู่ฟ้า.รัฐบาล.ไทย:port/, stored as xn--...), as on the real web. Every other name, and
every check of the crawl's own resolver, is as in production (crawler/resolver.py).

    egovscan crawl sites.csv --set TWISTED_DNS_RESOLVER=tests.idn_hosts.FixedHosts
"""

from __future__ import annotations

import os

from twisted.internet import defer

from crawler.resolver import GuardedResolver


def fixed_hosts() -> dict[str, str]:
    pairs = (item.split("=", 1) for item in os.environ.get("EGOVSCAN_TEST_HOSTS", "").split() if "=" in item)
    return {name.lower(): address for name, address in pairs}


class FixedHosts(GuardedResolver):
    def getHostByName(self, name, timeout=()):
        address = fixed_hosts().get(name.lower())
        if address is None:
            return super().getHostByName(name, timeout)
        return defer.succeed(address).addCallback(self._check, name)
