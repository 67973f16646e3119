"""Downloader middlewares of the egovscan crawler."""

from __future__ import annotations

import ipaddress
import logging
import socket

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from scrapy.resolver import dnscache
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from ground.private import is_private

from .listed import host_port, refused_before_dns
from .resolver import PrivateAnswer
from .runs import OpenRun, site_finished

logger = logging.getLogger(__name__)


class PrivateAddressGuard:
    """Never let a crawled site send the crawler into private address space.

    A request (a link, a redirect, a robots.txt or document probe) whose host is, or resolves
    to, a private address is refused with status ``blocked_address`` unless the sites file
    itself lists a site at that host and port: the sites file is trusted, pages are not.
    Switch off with ``EGOVSCAN_BLOCK_PRIVATE = False`` (never needed for listed sites).
    """

    def __init__(self, crawler):
        if not crawler.settings.getbool("EGOVSCAN_BLOCK_PRIVATE", True):
            raise NotConfigured
        run = crawler.get_extension(OpenRun)
        # this crawl's own list (crawler/listed.py); without an egovscan run nothing private is listed
        self.listed_hosts = run.listed.hosts if run is not None else set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def listed(self) -> set[tuple[str, int | None]]:
        return self.listed_hosts

    async def process_request(self, request):
        host, port = host_port(request.url)
        refuse = refused_before_dns(host, port, self.listed())
        if refuse:
            self.refuse(request, host)
        if refuse is None:
            from twisted.internet import reactor


            try:  # Scrapy's caching resolver: the download that follows reuses the answer
                address = await maybe_deferred_to_future(reactor.resolve(host))
            except PrivateAnswer as exc:    # crawler/resolver.py checks every answer too
                address = exc.address
            except Exception:  # noqa: BLE001 - an unresolvable name fails in the download as dns_error
                return None
            if is_private(address):
                self.refuse(request, f"{host} ({address})")
        return None

    def refuse(self, request, what: str):
        logger.warning("refused %s: %s is a private address not listed in the sites file", request.url, what)
        raise IgnoreRequest(f"{what} is a private address not listed in the sites file")


# getaddrinfo's answers that say the name has no address (NXDOMAIN, or a name without one),
# as opposed to a resolver that did not answer (EAI_AGAIN) or answered too late
_NO_SUCH_NAME = {code for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
                 if code is not None}


def name_does_not_exist(error: BaseException) -> bool:
    """A lookup failure that says the name does not resolve, not that the resolver failed."""
    text = str(error)
    return any(f"[Errno {code}]" in text for code in _NO_SUCH_NAME)


class HostNotResolved(CannotResolveHostError):
    """A request not sent because its host name does not resolve. Never retried (a name that
    does not exist will not exist a second later); the spider records it as ``dns_error``."""

    def __init__(self, host: str, looked_up: bool):
        self.host, self.looked_up = host, looked_up
        super().__init__(f"DNS lookup failed: {host} does not resolve" if looked_up else
                         f"not requested: {host} did not resolve earlier in this crawl")


class UnresolvedHosts:
    """A host whose name does not resolve costs one lookup per crawl process, not one per URL.

    Before anything else (robots.txt included) looks at a request, its host name is looked up
    through the crawl's resolver (Scrapy's cache keeps a good answer for the checks and the
    download that follow). When the answer is that the name does not exist, the host is
    remembered: this request and every later one to it fail at once with ``HostNotResolved``,
    without a lookup, a robots.txt fetch or a retry. Requests that arrive while the lookup runs
    wait for its answer instead of starting their own. A resolver that times out or cannot be
    reached decides nothing: the request goes on, and Scrapy's retries apply as to any failure.
    """

    def __init__(self):
        self.dead: set[str] = set()
        self.waiting: dict[str, list] = {}      # host: Deferreds of requests waiting for its lookup

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    async def process_request(self, request):
        host = host_port(request.url)[0]
        if not host or host in dnscache or _is_address(host):
            return None
        if host in self.dead:
            raise self._refuse(request, host, looked_up=False)
        if host in self.waiting:                # another request's lookup of this host is under way
            waiter = Deferred()
            self.waiting[host].append(waiter)
            if await maybe_deferred_to_future(waiter):
                raise self._refuse(request, host, looked_up=False)
            return None
        self.waiting[host] = []
        dead = False
        try:
            dead = await self._look_up(host)
        finally:
            for waiter in self.waiting.pop(host):
                waiter.callback(dead)
        if dead:
            raise self._refuse(request, host, looked_up=True)
        return None

    async def _look_up(self, host: str) -> bool:
        """True when the name does not exist."""
        from twisted.internet import reactor

        try:
            await maybe_deferred_to_future(reactor.resolve(host))
        except Exception as exc:  # noqa: BLE001 - any other failure is the download's to meet and retry
            if name_does_not_exist(exc):
                self.dead.add(host)
                logger.debug("%s does not resolve: its other URLs in this crawl are not requested", host)
                return True
        return False

    @staticmethod
    def _refuse(request, host: str, looked_up: bool) -> HostNotResolved:
        request.meta["dont_retry"] = True
        return HostNotResolved(host, looked_up)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class SharedHostPace:
    """A shared run (crawler/distributed.py): one pace per host across all workers.

    Every worker sends requests to every host, and each one's download slots only see its own
    requests. Before a request goes to its slot, this takes the host's turn in Redis (a key
    that lives for the host's current delay: DOWNLOAD_DELAY, or what AutoThrottle or a
    Crawl-delay made it), waiting until the key expires when another worker holds it; so
    together the workers keep the pace one crawler would.
    """

    def __init__(self, crawler):
        if not crawler.settings.get("EGOVSCAN_REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler
        self.shared = OpenRun.of(crawler).shared
        self.default = crawler.settings.getfloat("DOWNLOAD_DELAY")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request):
        from twisted.internet import reactor, task

        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        delay = slot.delay if slot is not None else self.default
        if delay <= 0:
            return None
        while (wait := self.shared.host_turn(key, delay)) > 0:
            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))
        return None


class SiteRobotsTxt(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, keeping each host's parsed robots.txt only while a site
    that requested the host is crawled.

    Scrapy keeps every host's parser until the crawl ends: one per site of the run, which a
    national crawl of 10,000 sites held to the end. Here a host's parser is let go when the last
    site under way that sent a request to it is finished (``crawler.runs.site_finished``); a
    later site on the same host fetches its robots.txt again, as a new crawl would."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.hosts_of: dict[str, set[str]] = {}      # site_id: the hosts its requests went to
        self.sites_on: dict[str, set[str]] = {}      # host: the unfinished sites that sent requests to it
        crawler.signals.connect(self.site_finished, signal=site_finished)

    async def robot_parser(self, request):
        planned = request.meta.get("planned")
        if planned is not None:
            netloc = urlparse_cached(request).netloc
            self.hosts_of.setdefault(planned.site_id, set()).add(netloc)
            self.sites_on.setdefault(netloc, set()).add(planned.site_id)
        return await super().robot_parser(request)

    def site_finished(self, site_id: str) -> None:
        for netloc in self.hosts_of.pop(site_id, ()):
            sites = self.sites_on.get(netloc)
            if sites is not None:
                sites.discard(site_id)
                if sites:
                    continue
                del self.sites_on[netloc]
            # a robots.txt still being fetched is left to finish: its waiters hold it
            if not isinstance(self._parsers.get(netloc), Deferred):
                self._parsers.pop(netloc, None)
