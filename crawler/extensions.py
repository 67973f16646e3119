"""Scrapy extensions of the egovscan crawler."""

from __future__ import annotations

import json
import time
from pathlib import Path
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import NotConfigured

# URLs whose body passed the download limit without ending: why, for the page's error
_CUT_OFF: dict[str, str] = {}


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


class BodySizeLimit:
    """Tell a body cut off at the download limit from a lost connection.

    Scrapy stops a download whose body passes DOWNLOAD_MAXSIZE; when the size was announced
    (Content-Length) it says so, but a chunked or unannounced body that never ends is cancelled
    with no reason given, which looked like a connection the server dropped. This counts the bytes
    of each download as they arrive and remembers the URLs that went past the limit, so the
    status mapping (``crawler.failures.classify_failure``) calls the failure ``too_large``.
    """

    def __init__(self, crawler):
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.received: WeakKeyDictionary = WeakKeyDictionary()
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def bytes_received(self, data, request, spider=None):
        limit = request.meta.get("download_maxsize", self.maxsize)
        received = self.received.get(request, 0) + len(data)
        self.received[request] = received
        if limit and received > limit and request.url not in _CUT_OFF:
            _CUT_OFF[request.url] = (f"the body went past the download limit ({limit:,} bytes, "
                                     "DOWNLOAD_MAXSIZE) without ending")


def cut_off(url: str) -> str | None:
    """Why the download of url was stopped at the size limit, if it was."""
    return _CUT_OFF.get(url)


class CrawlTimings:
    """Where a crawl process's time goes, written as JSON to EGOVSCAN_TIMINGS_FILE when the
    spider closes (off when the setting is empty; bench/national.py sets it).

    The event loop: a timer asks to run every TICK seconds, and how late it runs is how long the
    reactor was busy with other callbacks (a loop that keeps up runs it a few milliseconds late).
    Also the process's CPU against the wall time (all its threads), how long the reactor's
    thread was ready to run but waited for a core (Linux's schedstat: a machine shared with
    other work), and the store pipeline's seconds writing WARC records and SQLite rows."""

    TICK = 0.1

    def __init__(self, crawler):
        self.path = crawler.settings.get("EGOVSCAN_TIMINGS_FILE")
        if not self.path:
            raise NotConfigured
        self.crawler = crawler
        self.late: list[float] = []
        self.started = self.cpu_started = 0.0
        self.waited_started: float | None = None
        self._call = None
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @staticmethod
    def waited_for_cpu() -> float | None:
        """Seconds the calling thread (the reactor's) has waited on a run queue (None off Linux)."""
        try:
            return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e9
        except (OSError, ValueError, IndexError):
            return None

    def engine_started(self):
        self.started, self.cpu_started = time.perf_counter(), time.process_time()
        self.waited_started = self.waited_for_cpu()
        self._schedule()

    def _schedule(self):
        from twisted.internet import reactor

        due = time.perf_counter() + self.TICK
        self._call = reactor.callLater(self.TICK, self._tick, due)

    def _tick(self, due: float):
        self.late.append(max(0.0, time.perf_counter() - due))
        self._schedule()

    def spider_closed(self, spider, reason):
        if self._call is not None and self._call.active():
            self._call.cancel()
        wall = time.perf_counter() - self.started
        late = sorted(self.late) or [0.0]
        waited = self.waited_for_cpu()
        stats = self.crawler.stats
        result = {
            "wall_s": wall, "cpu_s": time.process_time() - self.cpu_started,
            "waited_for_cpu_s": None if waited is None or self.waited_started is None else waited - self.waited_started,
            "responses": stats.get_value("downloader/response_count", 0),
            "pages_stored": stats.get_value("egovscan/pages_stored", 0),
            "warc_write_s": stats.get_value("egovscan/warc_write_s", 0.0),
            "sqlite_write_s": stats.get_value("egovscan/sqlite_write_s", 0.0),
            "loop": {"tick_s": self.TICK, "ticks": len(self.late), "late_mean_s": sum(late) / len(late),
                     "late_p50_s": late[len(late) // 2], "late_p95_s": late[int(len(late) * 0.95)],
                     "late_max_s": late[-1],
                     # the share of the wall time the timer was kept waiting past its due time
                     "late_share": sum(late) / wall if wall > 0 else 0.0},
        }
        Path(self.path).write_text(json.dumps(result, indent=1), "utf-8")
