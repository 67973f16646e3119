"""Downloader middlewares of the egovscan crawler."""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached


class RobotsCrawlDelayMiddleware:
    """Honour robots.txt ``Crawl-delay`` (capped by EGOVSCAN_MAX_CRAWL_DELAY) per host.

    Scrapy's RobotsTxtMiddleware (Protego) decides allow/deny; this one reads the delay
    from the same parsed file and sets it as the download slot's delay and floor, which
    CrawlDelayAutoThrottle then never goes below.
    """

    def __init__(self, crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("EGOVSCAN_MAX_CRAWL_DELAY")
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def robots_parsed(self, robotparser, request):
        protego = getattr(robotparser, "rp", None)
        delay = protego.crawl_delay(self.agent) if protego is not None else None
        if delay:
            self.delays[urlparse_cached(request).netloc] = min(float(delay), self.cap)

    def process_request(self, request, spider=None):
        delay = self.delays.get(urlparse_cached(request).netloc)
        if delay:
            downloader = self.crawler.engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            if slot is not None and getattr(slot, "egovscan_min_delay", None) != delay:
                slot.egovscan_min_delay = delay
                slot.delay = max(slot.delay, delay)
        return None
