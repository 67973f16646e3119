"""The run a crawl writes into: choosing it (a new one, or the unfinished one to resume) and
opening it for a crawler (``OpenRun``, the Scrapy extension the spider, the store pipeline and
the middlewares take the run from)."""

from __future__ import annotations

import contextlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ground import __version__
from ground.sites import Site, SitesFile, read_sites
from ground.status import PAGE_HTTP_ERROR, site_status
from ground.store import Store

from .distributed import SharedRun
from .listed import ListedHosts

logger = logging.getLogger(__name__)

# sent by the store pipeline once a request's result is stored (planned=the request's Planned):
# a shared run counts it, and plans the site's next level after its last one
result_stored = object()
# sent once a site's crawl is finished and recorded (site_id=...): what was kept for the site
# while it was crawled (its scope, its hosts' robots.txt) is let go, so a crawl process holds
# the state of the sites under way, not of every site of the run
site_finished = object()

RECORDED_SETTINGS = ("EGOVSCAN_PAGE_BUDGET", "EGOVSCAN_DEPTH_LIMIT", "EGOVSCAN_DOCUMENT_PROBES",
                     "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN", "EGOVSCAN_RENDER", "EGOVSCAN_FOCUS")


class RunError(Exception):
    pass


@dataclass
class CrawlRun:
    run_id: int
    resumed: bool
    warc_dir: str
    sites_file: SitesFile | None


def _prepare_shard(store: Store, sites_path: str | None, settings) -> CrawlRun:
    url = settings.get("EGOVSCAN_REDIS_URL")
    if not url:
        raise RunError("EGOVSCAN_SHARD needs EGOVSCAN_REDIS_URL: shards of a run share it through Redis")
    if not sites_path:
        raise RunError("a shard worker needs the sites file: every worker of the run is given the same one")
    sites_file = read_sites(sites_path)
    if not sites_file.sites:
        raise RunError(f"{sites_file.path}: no usable site rows ({len(sites_file.errors)} bad rows)")
    shared_run = SharedRun(url, sharded=True).shared_run(sites_file.sha1)
    unfinished = store.latest_run(state="crawling")
    if unfinished is not None and unfinished.get("shared_run") == shared_run:
        return CrawlRun(unfinished["id"], True, unfinished["warc_dir"], sites_file)
    warc_dir = str(Path(settings.get("EGOVSCAN_WARC_DIR") or default_warc_dir(store.path)).resolve())
    recorded = {k: settings.get(k) for k in RECORDED_SETTINGS}
    run_id = store.create_run(sites_file, warc_dir, recorded, __version__,
                              shard={"shared_run": shared_run, "shard": uuid.uuid4().hex[:10]})
    return CrawlRun(run_id, False, warc_dir, sites_file)


def default_warc_dir(db_path: str) -> str:
    p = Path(db_path)
    return str(p.with_name(p.stem + "-warc"))


def prepare_run(store: Store, sites_path: str | None, settings, resume: bool | None = None,
                run_id: int | None = None) -> CrawlRun:
    """resume=True: continue the latest unfinished run (error if none). resume=None: continue it
    automatically when it crawled the same sites file, else start a new run. resume=False: new run.

    A shard (EGOVSCAN_SHARD, with EGOVSCAN_REDIS_URL) continues its run while Redis names it as the
    sites file's run the workers are crawling, and otherwise starts its part of the one Redis names."""
    if settings.getbool("EGOVSCAN_SHARD") and run_id is None:
        return _prepare_shard(store, sites_path, settings)
    if run_id is not None:
        run = store.run(run_id)
        if run is None:
            raise RunError(f"{store.path}: there is no run {run_id}")
        return CrawlRun(run_id, True, run["warc_dir"], None)
    sites_file = read_sites(sites_path) if sites_path else None
    unfinished = store.latest_run(state="crawling")
    if resume is True and unfinished is None:
        raise RunError(f"{store.path}: no unfinished crawl to resume")
    if unfinished is not None and (resume is True or (
            resume is None and sites_file is not None and unfinished["sites_sha1"] == sites_file.sha1)):
        return CrawlRun(unfinished["id"], True, unfinished["warc_dir"], sites_file)
    if sites_file is None:
        raise RunError("a sites file is needed to start a new run")
    if not sites_file.sites:
        shown = [e.format(sites_file.path) for e in sites_file.errors[:10]]
        more = [f"... and {len(sites_file.errors) - 10} more"] if len(sites_file.errors) > 10 else []
        raise RunError("\n".join([f"{sites_file.path}: no usable site rows ({len(sites_file.errors)} bad rows)",
                                   *shown, *more]))
    warc_dir = settings.get("EGOVSCAN_WARC_DIR") or default_warc_dir(store.path)
    recorded = {k: settings.get(k) for k in RECORDED_SETTINGS}
    run_id = store.create_run(sites_file, str(Path(warc_dir).resolve()), recorded, __version__)
    return CrawlRun(run_id, False, str(Path(warc_dir).resolve()), sites_file)


class OpenRun:
    """Scrapy extension: the crawler's run, opened once when the crawl starts.

    It owns what the crawl's components share: the store, the run (chosen by prepare_run from the
    spider's arguments sites, db, run and resume, and the EGOVSCAN_* settings), its sites, the
    hosts the sites file lists (crawler/listed.py), the site scopes the spider plans with (the
    store pipeline splits links by them) and, with EGOVSCAN_REDIS_URL, the run's Redis side
    (crawler/distributed.py). Components reach it with ``crawler.get_extension(OpenRun)``
    (``OpenRun.of``), never through the spider's attributes."""

    def __init__(self, crawler, sites: str | None = None, db: str | None = None, run_id: int | None = None,
                 resume: bool | None = None):
        settings = crawler.settings
        self.crawler = crawler
        self.store = Store(db or settings.get("EGOVSCAN_DB"))
        redis_url = settings.get("EGOVSCAN_REDIS_URL")
        # a shard: this worker's own database holds only the results it fetched (crawler/distributed.py)
        self.sharded = bool(redis_url) and settings.getbool("EGOVSCAN_SHARD")
        self.shared = SharedRun(redis_url, sharded=self.sharded) if redis_url else None
        # workers of a shared run starting together must join one run, not create one each
        with self.shared.lock("open-run") if self.shared else contextlib.nullcontext():
            self.crawl_run = prepare_run(self.store, sites, settings, resume=resume, run_id=run_id)
        self.run_id = self.crawl_run.run_id
        self.warc_dir = self.crawl_run.warc_dir
        self.pending_sites: list[Site] = self.store.run_sites(self.run_id, unfinished_only=True)
        run = self.store.run(self.run_id)
        self.seeds = self.shared is not None and self.shared.join(run)
        # the sites file is trusted: its own hosts may be private (an intranet audit, a test)
        self.sites: list[Site] = self.store.run_sites(self.run_id)
        self.listed = ListedHosts.from_settings(settings)
        self.listed.open([s.url for s in self.sites], f"{run['sites_sha1']}:{run['id']}:{run['started_at']}")
        # site_id: SiteScope, set by the spider as it plans each site, dropped when it is finished
        self.scopes: dict = {}
        self.max_active = max(1, settings.getint("EGOVSCAN_MAX_ACTIVE_SITES"))
        # a shared run's sites come in waves of EGOVSCAN_MAX_ACTIVE_SITES (crawler/scheduler.py)
        self.waves = {site.site_id: i // self.max_active for i, site in enumerate(self.sites)}
        self.shared_queue = None        # a shared run's Redis queue, set by crawler.scheduler.SharedScheduler
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        sites_file = self.crawl_run.sites_file
        if sites_file is not None and not self.crawl_run.resumed:
            for note in sites_file.notes:
                logger.warning("sites file: %s", note)
            for error in sites_file.errors:
                logger.error("sites file: %s", error.format(sites_file.path))
        logger.info("run %d: %d sites to crawl", self.run_id, len(self.pending_sites))

    @classmethod
    def from_crawler(cls, crawler):
        spider = crawler.spider
        if spider is None or not hasattr(spider, "run_arguments"):
            raise NotConfigured("not an egovscan spider")
        return cls(crawler, **spider.run_arguments())

    @staticmethod
    def of(crawler) -> OpenRun:
        run = crawler.get_extension(OpenRun)
        if run is None:
            raise RunError("the crawl's run is not open: crawler.runs.OpenRun is missing from EXTENSIONS")
        return run

    def finish_site(self, site_id: str) -> None:
        if self.sharded:        # its status needs every shard's pages: judged when they are merged
            self.store.record_site_finished(self.run_id, site_id, {})
        else:
            finish_site(self.store, self.run_id, site_id)
        self.scopes.pop(site_id, None)
        self.crawler.signals.send_catch_log(site_finished, site_id=site_id)

    def closed(self, spider=None, reason=None) -> None:
        self.listed.close()


def finish_site(store: Store, run_id: int, site_id: str, finished_at: str | None = None) -> None:
    """Record a site's crawl as finished, with its status and counts from its stored pages."""
    pages = store.site_pages(run_id, site_id)
    status, detail = site_status(pages)
    home = pages[0] if pages else {}
    documents, outbound = store.site_link_counts(run_id, site_id)
    store.record_site_finished(run_id, site_id, {
        "status": status, "detail": detail, "final_url": home.get("final_url"),
        "pages_fetched": sum(1 for p in pages if p["warc_file"]),
        "pages_failed": sum(1 for p in pages if not p["warc_file"] or p["fetch_status"] == PAGE_HTTP_ERROR),
        "documents": documents, "outbound_links": outbound}, finished_at=finished_at)
