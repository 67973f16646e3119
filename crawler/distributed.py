"""Several crawl processes, on one or many machines, sharing one run through scrapy-redis.

    egovscan crawl sites.csv --db /shared/audit.db --redis redis://queue-host:6379/0
    scrapy crawl agency -a sites=sites.csv -s EGOVSCAN_DB=... -s EGOVSCAN_REDIS_URL=redis://...

Every worker runs the same command. Requests are shared, not sites: the scheduler is
scrapy-redis's (crawler/scheduler.py), so every request of the run sits in one Redis
priority queue and any worker downloads and parses it; the duplicates filter is scrapy-redis's
Redis set, one per run. What egovscan adds keeps the crawl's promises across processes:

- Seeding: the first worker to join the run puts every unfinished site's start URL (or, for a
  resumed run, whatever its stored pages say is still to fetch) into the queue.
- Budgets and page sets: a site is still planned level by level (crawler/frontier.py), so the
  pages a budget buys do not depend on which worker answered first. A Redis counter per site
  holds the requests of its current level still to come back; the worker whose stored page takes
  it to zero replans the site from the store (the pages every worker stored) and queues the next
  level together with the new counter in one transaction.
- Nothing lost: popping a request also records, in the same Lua script, which worker holds it.
  Each worker keeps a heartbeat key alive; a live worker sweeps the work of a dead one: a request
  it held goes back in the queue (or, when its page was stored before the kill, is counted as
  done), and a site it was replanning is replanned.

The store is the one SQLite database (WAL mode, busy timeout), so the workers share a
filesystem: one machine, or a shared volume for machines that do not write concurrently to
the same file over NFS. Each process writes its own WARC segment.

Shards (EGOVSCAN_SHARD): workers that share only Redis each write their own database and WARC
segments. The run is then named in Redis (the first worker to open it for a sites file names it,
the others join it), and what a replan needs from other workers' pages travels with the count:
the Lua script that counts a stored result also keeps, for its site, the page's status, final
URL and links (compressed), until the site is finished. So a site is replanned from Redis, not
from a store, and crawler/shards.py merges the shards into the run's database afterwards.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
import zlib
from contextlib import contextmanager

from scrapy.utils.defer import maybe_deferred_to_future

from .frontier import PAGE, Planned, SiteFrontier
from .links import Link

logger = logging.getLogger(__name__)

HEARTBEAT_TTL = 15           # seconds a silent worker is still counted alive
HEARTBEAT_EVERY = 2.0        # seconds; HEARTBEAT_TTL is several beats
LOCK_TTL = 60
# replayed frontiers a worker of a shared run keeps: the sites of the waves it is crawling
# (crawler/scheduler.py); a site whose frontier was dropped is replayed from the store again
FRONTIER_CACHE = 512
FRONTIER_WAVES = 4
CLOSED_TTL = 7 * 24 * 3600   # seconds a sharded run's "closed" mark stays, for workers still waiting


def planned_key(planned: Planned) -> str:
    """A request's identity within its run: the same for its retries, redirects and re-queues."""
    return "\t".join((planned.site_id, planned.kind, str(planned.depth), str(planned.ord), planned.url))


def level_key(site_id: str, depth: int) -> str:
    """A site's level: the field of its counter of requests still to come back."""
    return f"{site_id}\t{depth}"


def planned_from_key(key: str) -> Planned:
    site_id, kind, depth, ord_, url = key.split("\t", 4)
    return Planned(site_id, kind, url, int(depth), int(ord_))


def encode_result(fetch_status: str | None, final_url: str | None, links: list[Link]) -> bytes:
    """What a replan needs of a stored page (crawler/replay.py), as a shard keeps it in Redis."""
    rows = [[link.url, link.text, link.heading, link.tag] for link in links]
    return zlib.compress(json.dumps([fetch_status, final_url, rows], ensure_ascii=False).encode("utf-8"), 3)


def decode_result(url: str, data: bytes) -> dict:
    fetch_status, final_url, rows = json.loads(zlib.decompress(data))
    return {"url": url, "fetch_status": fetch_status, "final_url": final_url, "links": [Link(*row) for row in rows]}


DOCUMENT_RESULT = b"probed"


class RedisAddon:
    """Scrapy add-on: with EGOVSCAN_REDIS_URL set, the crawl uses scrapy-redis's scheduler."""

    def update_settings(self, settings):
        url = settings.get("EGOVSCAN_REDIS_URL")
        if not url:
            return
        for name, value in {
            "SCHEDULER": "crawler.scheduler.SharedScheduler",
            "SCHEDULER_QUEUE_CLASS": "crawler.scheduler.SharedQueue",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_PERSIST": True,          # one worker closing must not empty the others' queue
            "REDIS_URL": url,
        }.items():
            settings.set(name, value, priority="addon")
        # one pace per host across the workers; after the robots.txt check (100), before the slot
        settings["DOWNLOADER_MIDDLEWARES"]["crawler.middlewares.SharedHostPace"] = 900


class SharedRun:
    """The Redis side of one run: its keys, its workers' heartbeats and the level counters."""

    def __init__(self, url: str, sharded: bool = False):
        import redis

        self.redis = redis.Redis.from_url(url, decode_responses=True)
        self.raw = redis.Redis.from_url(url)                     # queue members are bytes (pickled requests)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.prefix = ""
        self.sharded = sharded          # each worker writes its own store: results travel through Redis

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @contextmanager
    def lock(self, name: str, wait: float = 120.0):
        """A Redis lock (SET NX with a TTL) held for a with-block."""
        key = f"egovscan:lock:{name}"
        deadline = time.monotonic() + wait
        while not self.redis.set(key, self.worker, nx=True, ex=LOCK_TTL):
            if time.monotonic() > deadline:
                raise TimeoutError(f"Redis lock {name} held by another worker for over {wait:.0f} s")
            time.sleep(0.1)
        try:
            yield
        finally:
            if self.redis.get(key) == self.worker:
                self.redis.delete(key)

    def join(self, run: dict) -> bool:
        """Use the run's keys; True for the one worker that seeds the run."""
        name = run.get("shared_run") or f"{run['id']}:{run['started_at']}"
        self.prefix = f"egovscan:run:{run['sites_sha1'][:12]}:{name}"
        self.open_key = f"egovscan:shards:{run['sites_sha1'][:12]}:open"
        self.beat()
        return bool(self.redis.set(self.key("seeded"), self.worker, nx=True))

    def beat(self) -> None:
        self.redis.set(self.key(f"alive:{self.worker}"), "1", ex=HEARTBEAT_TTL)

    def shared_run(self, sites_sha1: str) -> str:
        """The name of the sharded run of this sites file that workers are crawling now: the
        first worker to ask names a new one (call it under the open-run lock)."""
        key = f"egovscan:shards:{sites_sha1[:12]}:open"
        self.redis.set(key, f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{uuid.uuid4().hex[:8]}", nx=True)
        # a run shared through Redis until it is closed
        return self.redis.get(key)

    def leave(self) -> None:
        if self.prefix:
            self.redis.delete(self.key(f"alive:{self.worker}"))

    def close_run(self) -> None:
        """The run is crawled: its queue, filter and counters are of no further use."""
        self.redis.delete(*(self.key(k) for k in ("requests", "dupefilter", "left", "planning", "inflight", "seeded")))
        if self.sharded:            # the workers still waiting see it closed; the next one opens a new run
            self.redis.set(self.key("closed"), "1", ex=CLOSED_TTL)
            self.redis.delete(self.key("finished"))
            if self.redis.get(self.open_key) == self.prefix.rsplit(":", 1)[1]:
                self.redis.delete(self.open_key)

    # -- levels ------------------------------------------------------------------------------
    def planning(self, site_ids: list[str]) -> None:
        """Mark sites as being planned by this worker (a dead planner's sites are replanned)."""
        if site_ids:
            self.redis.hset(self.key("planning"), mapping={s: self.worker for s in site_ids})

    def enqueue_level(self, site_id: str, depth: int, members: list[tuple[bytes, float]]) -> None:
        """Queue a site's next level and set its counter, in one transaction."""
        pipe = self.raw.pipeline(transaction=True)
        pipe.hset(self.key("left"), level_key(site_id, depth), len(members))
        for member, score in members:
            pipe.execute_command("ZADD", self.key("requests"), score, member)
        pipe.hdel(self.key("planning"), site_id)
        pipe.execute()

    def site_finished(self, site_id: str) -> None:
        if self.sharded:
            pipe = self.redis.pipeline(transaction=True)
            pipe.sadd(self.key("finished"), site_id)
            pipe.delete(self.key(f"results:{site_id}"))
            pipe.hdel(self.key("planning"), site_id)
            pipe.execute()
        else:
            self.redis.hdel(self.key("planning"), site_id)

    # -- a sharded run's state -----------------------------------------------------------------
    def all_finished(self, sites: int) -> bool:
        return bool(self.redis.exists(self.key("closed"))) or self.redis.scard(self.key("finished")) >= sites

    def is_finished(self, site_id: str) -> bool:
        return bool(self.redis.sismember(self.key("finished"), site_id))

    def results(self, site_id: str) -> tuple[list[dict], set[str]]:
        """A site's counted results: (page rows as the replay reads them, probed document URLs)."""
        pages, documents = [], set()
        for field, data in self.raw.hgetall(self.key(f"results:{site_id}")).items():
            kind, url = field.decode("utf-8").split("\t", 1)
            if kind == PAGE:
                pages.append(decode_result(url, data))
            else:
                documents.add(url)
        return pages, documents

    # a level's counter exists from its queuing to its last result: a late second copy of a
    # request (or of a whole level's) finds no counter, or no in-flight entry, and counts nothing
    _DONE = """if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return -1 end
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 0 then return -1 end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[4], ARGV[5], ARGV[6]) end
local n = redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
if n <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
end
return n"""

    def done(self, planned: Planned, result: bytes | None = None) -> bool:
        """A request's result is stored; True when it was the last of its level and this
        worker must plan the site's next one. A shard's result (encode_result) is kept for its
        site in the same step: counted and known to every worker, or neither."""
        left = self.redis.eval(self._DONE, 4, self.key("inflight"), self.key("left"), self.key("planning"),
                               self.key(f"results:{planned.site_id}"),
                               planned_key(planned), level_key(planned.site_id, planned.depth), planned.site_id,
                               self.worker, f"{planned.kind}\t{planned.url}", result or b"")
        return left == 0

    _TURN = """if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl"""

    def host_turn(self, host: str, delay: float) -> float:
        """0 when this worker may send the host a request now (the next one may follow after
        `delay` seconds, whichever worker sends it); else the seconds to wait first."""
        wait = self.redis.eval(self._TURN, 1, f"egovscan:host:{host}", self.worker, max(1, int(delay * 1000)))
        return wait / 1000.0

    def discard(self, planned: Planned) -> None:
        """Forget a late copy of a request whose level was already counted."""
        self.redis.hdel(self.key("inflight"), planned_key(planned))

    # -- recovery ------------------------------------------------------------------------------
    def orphans(self) -> tuple[list[Planned], list[str]]:
        """Take over what dead workers held: (requests they had popped, sites they were planning)."""
        with self.lock(f"{self.prefix}:sweep", wait=30):
            held = self.redis.hgetall(self.key("inflight"))
            planning = self.redis.hgetall(self.key("planning"))
            owners = set(held.values()) | set(planning.values())
            dead = {w for w in owners if w != self.worker and not self.redis.exists(self.key(f"alive:{w}"))}
            requests = [k for k, w in held.items() if w in dead]
            sites = [s for s, w in planning.items() if w in dead]
            if requests:
                self.redis.hset(self.key("inflight"), mapping={k: self.worker for k in requests})
            if sites:
                self.planning(sites)
        return [planned_from_key(k) for k in requests], sites


class SharedCrawl:
    """One worker's part in a shared run: seed it (the first worker), keep the heartbeat, plan a
    site's next level when this worker stored the last result of its current one, and sweep dead
    workers' work, until every site of the run is finished. The requests themselves come from
    scrapy-redis's scheduler (crawler/scheduler.py); the spider builds them (``request``)."""

    def __init__(self, run, planner, request):
        self.run = run                  # crawler.runs.OpenRun
        self.shared: SharedRun = run.shared
        self.planner = planner          # crawler.replay.SitePlanner
        self.request = request          # Planned -> scrapy.Request
        self.sites_by_id = {site.site_id: site for site in run.sites}
        self.frontiers: dict[str, SiteFrontier] = {}

    async def crawl(self) -> None:
        """Seed the run (first worker), then sweep dead workers' work until every site is done."""
        from twisted.internet import reactor, task

        heartbeat = task.LoopingCall(self.shared.beat)
        heartbeat.start(HEARTBEAT_EVERY)
        try:
            if self.run.seeds:
                self.shared.planning([site.site_id for site in self.run.pending_sites])
                for site in self.run.pending_sites:
                    self.plan_site(site.site_id)
            while True:
                if self.all_finished():
                    self.shared.close_run()
                    if self.shared.sharded:     # this shard holds its part of a finished run
                        self.run.store.set_run_state(self.run.run_id, "crawled", finished=True)
                    return
                await maybe_deferred_to_future(task.deferLater(reactor, 2.0, lambda: None))
                self.recover()
        finally:
            heartbeat.stop()
            self.shared.leave()

    def all_finished(self) -> bool:
        if self.shared.sharded:
            return self.shared.all_finished(len(self.sites_by_id))
        total, finished = self.run.store.count_sites(self.run.run_id)
        return finished == total

    def plan_site(self, site_id: str) -> None:
        """Queue a site's next level (or record it finished) from what the store holds now."""
        frontier, plan = self.planner.plan(self.sites_by_id[site_id])
        self._cache(frontier)
        if plan:
            self.shared.enqueue_level(site_id, plan[0].depth,
                                      [self.run.shared_queue.member(self.request(p)) for p in plan])
        else:
            self.run.finish_site(site_id)
            self.shared.site_finished(site_id)

    def _cache(self, frontier: SiteFrontier) -> None:
        self.frontiers.pop(frontier.site_id, None)
        self.frontiers[frontier.site_id] = frontier
        if len(self.frontiers) > max(FRONTIER_CACHE, FRONTIER_WAVES * self.run.max_active):
            self.frontiers.pop(next(iter(self.frontiers)))

    def frontier(self, planned: Planned) -> SiteFrontier | None:
        """The frontier a result belongs to; None for a late copy of a request already counted."""
        frontier = self.frontiers.get(planned.site_id)
        if frontier is None and self.shared.sharded and self.shared.is_finished(planned.site_id):
            self.shared.discard(planned)        # a late copy: the site's results are gone from Redis
            return None
        if (frontier is None or frontier.depth < planned.depth
                or (planned.kind == PAGE and frontier.depth == planned.depth and planned.ord >= frontier.pages_issued)):
            # a level (or its top-up, crawler/frontier.py) planned by another worker
            frontier, _ = self.planner.plan(self.sites_by_id[planned.site_id])
            self._cache(frontier)
        if frontier.depth != planned.depth or frontier.finished:
            self.shared.discard(planned)
            return None
        return frontier

    def stored(self, planned: Planned, result: bytes | None = None) -> None:
        """The store pipeline wrote this request's result (crawler.runs.result_stored): count it,
        plan the next level if it was the last."""
        if self.shared.done(planned, result):
            self.plan_site(planned.site_id)

    def recover(self) -> None:
        requests, sites = self.shared.orphans()
        for site_id in sites:
            logger.warning("site %s: its planner stopped; planned again", site_id)
            self.plan_site(site_id)
        for planned in requests:
            # a shard's result is counted in the step that keeps it: a held request has none
            if not self.shared.sharded and self.run.store.has_result(self.run.run_id, planned.site_id, planned.kind,
                                                                     planned.url):
                self.stored(planned)
            else:
                self.run.shared_queue.push(self.request(planned))
        if requests:
            logger.warning("%d requests of a stopped worker queued again", len(requests))
