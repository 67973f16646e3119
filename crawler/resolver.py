"""The crawl's DNS resolver: Scrapy's caching resolver that never hands the downloader a
private address for a name the sites file does not list.

``crawler.middlewares.PrivateAddressGuard`` checks every request's address before robots.txt
is fetched, but a name that answers with a public address to the check and with a private one
to the download (DNS rebinding) would get past a check made only there. This resolver makes
the same check on the answer the download actually connects to, whether it comes from Scrapy's
DNS cache or from a new lookup. The download of a refused name then fails the way an
unresolvable one does; the crawl's ``ListedHosts.refused()`` (crawler/listed.py) tells the
crawler's status mapping that it was this refusal (``blocked_address``), not a lapsed domain
(``dns_error``).

Scrapy installs one resolver per process, built from the process, and a lookup does not say
which crawl asked; so each crawl's listing is watched by the resolver while it runs, and a private
answer for a name is handed out only when every watching crawl lists the name (one crawl per
process, as egovscan crawl, scrapy crawl and a Scrapyd job run: that crawl's own list), so no
crawl's list opens a name to another. An IP literal cannot answer differently later: the
request check of the crawl that asked has decided it, so one listed by any crawl passes here.
"""

from __future__ import annotations

import ipaddress
import logging
import weakref

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from ground.private import is_private

logger = logging.getLogger(__name__)


class PrivateAnswer(DNSLookupError):
    """A name not listed in the sites file answered with a private address."""

    def __init__(self, name: str, address: str):
        self.reason = f"{name} resolves to {address}, a private address not listed in the sites file"
        super().__init__(self.reason)
        self.name, self.address = name, address


class GuardedResolver(CachingThreadedResolver):
    # the running crawls' listings (crawler/listed.py): the resolver is built from the process,
    # maybe after the crawls open, so they register with the class, not with an instance
    watching: weakref.WeakSet = weakref.WeakSet()
    logged: set[str] = set()

    @classmethod
    def watch(cls, listed) -> None:
        cls.watching.add(listed)

    @classmethod
    def unwatch(cls, listed) -> None:
        cls.watching.discard(listed)

    def getHostByName(self, name, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self._check, name)

    def _check(self, address: str, name: str) -> str:
        watching = list(self.watching)
        if not watching or not is_private(address):
            return address
        # an IP literal answers with itself: the request check of the crawl that asked
        # (crawler/middlewares.py, with the port) has decided it, and no answer can change after
        literal = _is_address(name)
        if not (any if literal else all)(listed.accepts(name) for listed in watching):
            refusal = PrivateAnswer(name, address)
            if name.lower() not in self.logged:
                logger.warning("refused %s", refusal.reason)
                self.logged.add(name.lower())
            for listed in watching:
                listed.note_refused(name, refusal.reason)
            raise refusal
        return address


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True
