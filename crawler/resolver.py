"""The crawl's DNS resolver: Scrapy's caching resolver that never hands the downloader a
private address for a name the sites file does not list.

``crawler.middlewares.PrivateAddressGuard`` checks every request's address before robots.txt
is fetched, but a name that answers with a public address to the check and with a private one
to the download (DNS rebinding) would get past a check made only there. This resolver makes
the same check on the answer the download actually connects to, whether it comes from Scrapy's
DNS cache or from a new lookup. The download of a refused name then fails the way an
unresolvable one does; ``refused()`` tells the crawler's status mapping that it was this
refusal (``blocked_address``), not a lapsed domain (``dns_error``).
"""

from __future__ import annotations

import logging

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from ground.private import is_private

logger = logging.getLogger(__name__)

# Host names the sites file lists, set by the spider for the crawl in this process (None: no
# check, EGOVSCAN_BLOCK_PRIVATE is off or no egovscan spider runs here). The resolver is one
# per process, installed before any spider exists, so it reads them from here.
LISTED_NAMES: set[str] | None = None
_REFUSED: dict[str, str] = {}      # name: why


class PrivateAnswer(DNSLookupError):
    """A name not listed in the sites file answered with a private address."""

    def __init__(self, name: str, address: str):
        self.reason = f"{name} resolves to {address}, a private address not listed in the sites file"
        super().__init__(self.reason)
        self.name, self.address = name, address


def refused(host: str) -> str | None:
    """Why this crawl refused the address host resolved to, if it did."""
    return _REFUSED.get(host.lower())


class GuardedResolver(CachingThreadedResolver):
    def getHostByName(self, name, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self._check, name)

    @staticmethod
    def _check(address: str, name: str) -> str:
        listed = LISTED_NAMES
        if listed is not None and is_private(address) and name.lower() not in listed:
            refusal = PrivateAnswer(name, address)
            if name.lower() not in _REFUSED:
                logger.warning("refused %s", refusal.reason)
                _REFUSED[name.lower()] = refusal.reason
            raise refusal
        return address
