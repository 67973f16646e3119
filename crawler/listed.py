"""The hosts a crawl's sites file lists: the private addresses that crawl may reach.

The sites file is trusted, pages are not (crawler.middlewares.PrivateAddressGuard): a private
address is reached only at a host and port the crawl's own sites file lists. Each crawl (each
Scrapy crawler) has its own ListedHosts, filled once when its run opens (crawler.runs), so two
crawls in one process never see each other's lists:

- the downloader middleware and the spider read it from the crawl's run (``OpenRun.listed``);
- Scrapy installs one DNS resolver per process (crawler.resolver);
  each crawl's ListedHosts is watched by it while the crawl runs (``accepts``);
- rendering (crawler.render) runs in scrapy-playwright's callbacks, which see only the request:
  a rendered request names its crawl's listing (``key``), found again with ``ListedHosts.named``.
"""

from __future__ import annotations

import ipaddress
import weakref
from urllib.parse import urlsplit

from ground.private import private_name

from .resolver import GuardedResolver

# listings by key, while their crawl runs (rendered requests carry the key, not the list)
_BY_KEY: weakref.WeakValueDictionary[str, ListedHosts] = weakref.WeakValueDictionary()


def host_port(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = None
    return (parts.hostname or "").lower(), port


def refused_before_dns(host: str, port: int | None, listed: set) -> bool | None:
    """The private-address rule as far as it goes without DNS: False for no host, a host:port the
    sites file lists or a public IP literal; True for a private IP literal or a name for this
    machine; None for a name, whose answer decides (refused when is_private)."""
    if not host or (host, port) in listed:
        return False
    if private_name(host):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    return False


class ListedHosts:
    """One crawl's listed (host, port) pairs and host names, and the names its resolver refused.

    ``hosts`` is None when the crawl's private-address guard is off (EGOVSCAN_BLOCK_PRIVATE
    false): then nothing is refused. Until the run opens, nothing private is listed."""

    def __init__(self, block_private: bool = True):
        self.block_private = block_private
        self.hosts: set[tuple[str, int | None]] | None = set() if block_private else None
        self.names: set[str] | None = set() if block_private else None
        self.key: str | None = None
        self._refused: dict[str, str] = {}     # name: why

    @classmethod
    def from_settings(cls, settings) -> ListedHosts:
        return cls(settings.getbool("EGOVSCAN_BLOCK_PRIVATE", True))

    @classmethod
    def named(cls, key: str | None) -> ListedHosts | None:
        """The listing a rendered request names, while its crawl runs in this process."""
        return _BY_KEY.get(key) if key else None

    def open(self, urls, key: str) -> None:
        """Fill from the sites' URLs and start guarding the process's DNS answers for this crawl.
        key names the run's sites file and run, the same in every worker of a shared run, so a
        rendered request queued by one worker finds its listing in another."""
        if self.block_private:
            self.hosts = {host_port(url) for url in urls}
            self.names = {host for host, _ in self.hosts}
        self.key = key
        _BY_KEY[key] = self
        GuardedResolver.watch(self)

    def close(self) -> None:
        GuardedResolver.unwatch(self)
        if self.key and _BY_KEY.get(self.key) is self:
            del _BY_KEY[self.key]

    def accepts(self, name: str) -> bool:
        """The resolver's question: may this crawl connect to a private address name answered with?"""
        return self.names is None or name.lower() in self.names

    def note_refused(self, name: str, why: str) -> None:
        """The resolver refused name's answer: the downloads of this crawl that asked for it fail."""
        self._refused.setdefault(name.lower(), why)

    def refused(self, host: str) -> str | None:
        """Why the resolver refused the address host resolved to, for this crawl, if it did."""
        return self._refused.get(host.lower())
