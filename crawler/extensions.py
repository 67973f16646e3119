"""Scrapy extensions of the egovscan crawler."""

from __future__ import annotations

from scrapy.extensions.throttle import AutoThrottle


class CrawlDelayAutoThrottle(AutoThrottle):
    """AutoThrottle that never lowers a host's delay below its robots.txt Crawl-delay."""

    def _adjust_delay(self, slot, latency, response):
        super()._adjust_delay(slot, latency, response)
        floor = getattr(slot, "egovscan_min_delay", 0.0)
        if slot.delay < floor:
            slot.delay = floor
