"""Several crawl processes, on one or many machines, sharing one run through Redis.

    egovscan crawl sites.csv --db /shared/audit.db --redis redis://queue-host:6379/0

Every worker runs the same command. The unit of work is a site: a site's pages are planned
level by level by one process (crawler/frontier.py), which is what keeps its page budget exact
and its page set independent of timing, so workers share sites, not requests:

- the first worker to take the run lock creates the run (or finds the unfinished one of the
  same sites file) and queues the site ids not yet done; the others join that run;
- a worker takes sites from the queue with LMOVE and records itself as their owner;
- each worker refreshes a heartbeat key (a few seconds' TTL) while it lives;
- when the queue is empty, a worker sweeps: a site not finished in the store whose owner's
  heartbeat has expired (the worker was killed) goes back in the queue, and the next worker
  to take it resumes it from its stored pages, as `egovscan crawl --resume` would;
- a worker stops when every site of the run is finished in the store.

The store is the one SQLite database (WAL mode, busy timeout), so the workers share a
filesystem: one machine, or a shared volume for machines that do not write concurrently to
the same file over NFS. Each process writes its own WARC segment.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from contextlib import contextmanager

HEARTBEAT_TTL = 5            # seconds a silent worker is still counted alive
LOCK_TTL = 60


class Coordinator:
    def __init__(self, url: str):
        import redis

        self.redis = redis.Redis.from_url(url, decode_responses=True)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.prefix = ""

    # -- the run ---------------------------------------------------------------------------
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

    def join(self, run: dict, unfinished: list[str]) -> None:
        """Use the run's keys; queue its unfinished sites once (the first worker does it)."""
        self.prefix = f"egovscan:run:{run['sites_sha1'][:12]}:{run['id']}:{run['started_at']}"
        self.beat()
        if self.redis.set(f"{self.prefix}:seeded", self.worker, nx=True):
            if unfinished:
                self.redis.rpush(f"{self.prefix}:pending", *unfinished)

    # -- sites -----------------------------------------------------------------------------
    def beat(self) -> None:
        self.redis.set(f"{self.prefix}:alive:{self.worker}", "1", ex=HEARTBEAT_TTL)

    _CLAIM = """local s = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
if s then redis.call('HSET', KEYS[3], s, ARGV[1]) end
return s"""

    def claim(self) -> str | None:
        """Take the next queued site and become its owner, in one step (a Lua script)."""
        return self.redis.eval(self._CLAIM, 3, f"{self.prefix}:pending", f"{self.prefix}:claimed:{self.worker}",
                               f"{self.prefix}:owner", self.worker)

    def sweep(self, unfinished: list[str]) -> int:
        """Queue again the unfinished sites whose owner is gone (or that nobody holds);
        returns how many unfinished sites remain anywhere."""
        if not unfinished:
            return 0
        with self.lock(f"{self.prefix}:sweep", wait=30):
            pending = set(self.redis.lrange(f"{self.prefix}:pending", 0, -1))
            owners = self.redis.hmget(f"{self.prefix}:owner", unfinished)
            alive = {}
            orphans = []
            for site_id, owner in zip(unfinished, owners):
                if site_id in pending:
                    continue
                if owner is not None and owner not in alive:
                    alive[owner] = bool(self.redis.exists(f"{self.prefix}:alive:{owner}"))
                if owner is None or not alive[owner]:
                    orphans.append(site_id)
            if orphans:
                self.redis.hdel(f"{self.prefix}:owner", *orphans)
                self.redis.rpush(f"{self.prefix}:pending", *orphans)
        return len(unfinished)

    def leave(self) -> None:
        if self.prefix:
            self.redis.delete(f"{self.prefix}:alive:{self.worker}")
