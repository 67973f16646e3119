"""Scrapy extensions of the egovscan crawler."""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured


class RobotsCrawlDelay:
    """Honour robots.txt ``Crawl-delay`` per host, capped by EGOVSCAN_MAX_CRAWL_DELAY.

    Scrapy's RobotsTxtMiddleware (Protego) decides allow/deny but ignores the delay. This
    reads it from the same parsed file and keeps it as a floor of that host's download slot:
    set when a request reaches the downloader (a recreated slot gets it too) and restored
    after each response, after AutoThrottle (loaded before this) has adjusted the delay. Such a
    slot gets no random jitter, which would otherwise halve the delay at times.
    """

    def __init__(self, crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("EGOVSCAN_MAX_CRAWL_DELAY")
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.request_reached_downloader, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def robots_parsed(self, robotparser, request):
        protego = getattr(robotparser, "rp", None)
        delay = protego.crawl_delay(self.agent) if protego is not None else None
        if delay:
            key = self.crawler.engine.downloader.get_slot_key(request)
            self.floors[key] = min(float(delay), self.cap)
            self._apply(key)

    def _apply(self, key: str) -> None:
        floor = self.floors.get(key)
        slot = self.crawler.engine.downloader.slots.get(key) if floor else None
        if slot is not None:
            slot.delay = max(slot.delay, floor)
            # Scrapy's ±50 % jitter would go below the owner's minimum; keep the floor exact
            slot.jitter = 0.0

    def request_reached_downloader(self, request, spider=None):
        self._apply(self.crawler.engine.downloader.get_slot_key(request))

    def response_downloaded(self, response, request, spider=None):
        self._apply(self.crawler.engine.downloader.get_slot_key(request))
