"""scrapy-redis's scheduler and priority queue, on the keys of one shared run (crawler/distributed.py)."""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from .distributed import SharedRun, planned_key
from .runs import OpenRun

# scrapy-redis 0.9.1 still passes the spider to the stats collector on every request, and
# logs through Spider.log() when it opens: warnings about its code, not the user's
warnings.filterwarnings("ignore", message="Passing a 'spider' argument", category=ScrapyDeprecationWarning)
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning)


ROUND = 1_000_000        # more than any site's page budget
WAVE = 100 * ROUND       # more than any depth
ENGINE_HEARTBEAT = 0.5   # seconds


class SharedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop also records the worker holding the request.

    A member is `planned key` + newline + the pickled request, so the Lua pop can name the
    request in the run's in-flight hash in the same step as it takes it from the queue: a
    worker killed at any moment never holds a request nobody knows about."""

    shared: SharedRun | None = None
    waves: dict[str, int] = {}

    _POP = """local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if not r[1] then return false end
redis.call('ZREM', KEYS[1], r[1])
local nl = string.find(r[1], '\\n', 1, true)
redis.call('HSET', KEYS[2], string.sub(r[1], 1, nl - 1), ARGV[1])
return r[1]"""

    def _encode_request(self, request):
        return planned_key(request.meta["planned"]).encode() + b"\n" + super()._encode_request(request)

    def _decode_request(self, encoded_request):
        return super()._decode_request(encoded_request.split(b"\n", 1)[1])

    def member(self, request) -> tuple[bytes, float]:
        """The queue member and its score. Sites come in waves, as in a single-process crawl
        (EGOVSCAN_MAX_ACTIVE_SITES sites of the sites file each); within a wave depth first
        (scrapy-redis's -priority), then the request's place in its site's plan, so workers
        take every site's first request, then every site's second ... Ordered by the member's
        bytes instead (one site's key after another), a worker's concurrent requests were mostly
        one site's, each waiting for that host's turn; and without waves a 1,000-site run kept
        every site active, more than a worker's frontier cache holds, so each result replayed
        its site from the store."""
        planned = request.meta["planned"]
        wave = self.waves.get(planned.site_id, 0)
        return self._encode_request(request), wave * WAVE + -request.priority * ROUND + min(planned.ord, ROUND - 1)

    def push(self, request):
        self.server.execute_command("ZADD", self.key, *reversed(self.member(request)))

    def pop(self, timeout=0):
        data = self.server.eval(self._POP, 2, self.key, self.shared.key("inflight"), self.shared.worker)
        return self._decode_request(data) if data else None


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler on the run's own keys (the run's SharedRun names them, crawler/runs.py)."""

    def open(self, spider):
        run = OpenRun.of(spider.crawler)
        shared: SharedRun = run.shared
        self.queue_key = shared.key("requests").replace("%", "%%")   # scrapy-redis %-formats it
        self.df = RFPDupeFilter(self.server, key=shared.key("dupefilter"))
        super().open(spider)
        self.queue.shared, self.queue.waves = shared, run.waves
        run.shared_queue = self.queue
        # Other workers fill the queue without this engine knowing: an idle engine looks at its
        # scheduler again only on its heartbeat, every 5 s, and a worker that found the queue
        # empty for a moment (another worker took the last requests of a level) sat out the
        # next 5 s of the crawl. A class constant of Scrapy's engine, set for this one.
        spider.crawler.engine._SLOT_HEARTBEAT_INTERVAL = ENGINE_HEARTBEAT
