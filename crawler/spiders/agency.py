"""The one generic spider: every agency site, breadth-first, within its scope and budget.

    scrapy crawl agency -a sites=sites.csv [-s EGOVSCAN_DB=audit.db]
    egovscan crawl sites.csv --db audit.db          (the same spider, with a progress bar)

The spider only plans (crawler.frontier) and reads responses; storing is the
StorePipeline's job and politeness is Scrapy's (settings, AutoThrottle, robots.txt).
"""

from __future__ import annotations

import codecs
import contextlib
import logging
from collections import OrderedDict

import scrapy
from scrapy.http import TextResponse
from twisted.internet.defer import Deferred
from scrapy.utils.defer import maybe_deferred_to_future

from ground.sites import Site
from ground.status import (BLOCKED_ADDRESS, DNS_ERROR, PAGE_DUPLICATE, PAGE_HTTP_ERROR, PAGE_NOT_HTML, PAGE_OK,
                           PAGE_OUT_OF_SCOPE, TOO_LARGE)
from ground.store import Store
from ground.warc import read_record

from .. import render, resolver
from ..distributed import SharedRun
from ..encoding import decode_html
from ..extensions import cut_off
from ..failures import classify_failure, describe_failure
from ..focus import FocusPriority
from ..frontier import PAGE, Planned, SiteFrontier
from ..items import DocumentItem, PageItem, SiteDoneItem
from ..links import extract_links
from ..middlewares import HostNotResolved, host_port
from ..pipelines import finish_site
from ..runs import prepare_run

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = 2.0          # seconds; crawler.distributed.HEARTBEAT_TTL is several beats
# replayed frontiers a worker of a shared run keeps: the sites of the waves it is crawling
# (crawler/scheduler.py); a site whose frontier was dropped is replayed from the store again
FRONTIER_CACHE = 512
FRONTIER_WAVES = 4
LINKS_KEPT = 20_000            # pages whose links a worker of a shared run keeps for its replays
HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class AgencySpider(scrapy.Spider):
    name = "agency"

    def __init__(self, sites: str | None = None, db: str | None = None, run: str | None = None,
                 resume: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sites_path = sites
        self.db_path = db
        self.run_arg = int(run) if run else None
        self.resume_arg = None if resume is None else str(resume).lower() in ("1", "true", "yes")
        self.frontiers: dict[str, SiteFrontier] = {}
        self.links_seen: OrderedDict[tuple[str, str], list] = OrderedDict()
        self.scopes: dict = {}
        self._waiting: list[Deferred] = []
        self.active_sites = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._open_run(crawler.settings)
        return spider

    def _open_run(self, settings) -> None:
        self.store = Store(self.db_path or settings.get("EGOVSCAN_DB"))
        self.shared = None
        if settings.get("EGOVSCAN_REDIS_URL"):
            self.shared = SharedRun(settings.get("EGOVSCAN_REDIS_URL"))
        # workers of a shared run starting together must join one run, not create one each
        with self.shared.lock("open-run") if self.shared else contextlib.nullcontext():
            crawl_run = prepare_run(self.store, self.sites_path, settings, resume=self.resume_arg,
                                    run_id=self.run_arg)
        self.run_id = crawl_run.run_id
        self.warc_dir = crawl_run.warc_dir
        self.budget = settings.getint("EGOVSCAN_PAGE_BUDGET")
        self.depth_limit = settings.getint("EGOVSCAN_DEPTH_LIMIT")
        self.document_probes = settings.getint("EGOVSCAN_DOCUMENT_PROBES")
        self.store_documents = settings.getbool("EGOVSCAN_STORE_DOCUMENTS")
        self.render = settings.getbool("EGOVSCAN_RENDER")
        self.max_active = max(1, settings.getint("EGOVSCAN_MAX_ACTIVE_SITES"))
        concurrent = settings.getint("CONCURRENT_REQUESTS")
        if self.max_active >= concurrent:
            # a request waiting for its host's delay holds one of Scrapy's global slots
            logger.warning("EGOVSCAN_MAX_ACTIVE_SITES (%d) is not below CONCURRENT_REQUESTS (%d): sites will wait "
                           "for a free request slot rather than keep their pace; raise CONCURRENT_REQUESTS above it",
                           self.max_active, concurrent)
        self.priority = FocusPriority() if settings.getbool("EGOVSCAN_FOCUS") else None
        self.pending_sites = self.store.run_sites(self.run_id, unfinished_only=True)
        self.seeds = self.shared is not None and self.shared.join(self.store.run(self.run_id))
        # the sites file is trusted: its own hosts may be private (an intranet audit, a test)
        self.sites = self.store.run_sites(self.run_id)
        self.listed_hosts = {host_port(s.url) for s in self.sites}
        block_private = settings.getbool("EGOVSCAN_BLOCK_PRIVATE", True)
        resolver.LISTED_NAMES = {host for host, _ in self.listed_hosts} if block_private else None
        if self.render:
            render.LISTED_HOSTS = self.listed_hosts if block_private else None
        if crawl_run.sites_file is not None and not crawl_run.resumed:
            for note in crawl_run.sites_file.notes:
                logger.warning("sites file: %s", note)
            for error in crawl_run.sites_file.errors:
                logger.error("sites file: %s", error.format(crawl_run.sites_file.path))
        logger.info("run %d: %d sites to crawl", self.run_id, len(self.pending_sites))

    # -- start --------------------------------------------------------------------
    async def start(self):
        if self.shared is not None:
            await self._shared_run()
            return
        for site in self.pending_sites:
            while self.active_sites >= self.max_active:
                waiter = Deferred()
                self._waiting.append(waiter)
                await maybe_deferred_to_future(waiter)
            self.active_sites += 1
            frontier, plan = self._planned_site(site)
            self.frontiers[site.site_id] = frontier
            for out in self._follow(frontier, plan):
                yield out

    def _planned_site(self, site: Site) -> tuple[SiteFrontier, list[Planned]]:
        """A site's frontier, replayed through its stored pages, and what it has still to fetch."""
        frontier = SiteFrontier(site.site_id, site.url, page_budget=self.budget, depth_limit=self.depth_limit,
                                document_probes=self.document_probes, priority=self.priority,
                                own_domains=site.domains)
        self.scopes[site.site_id] = frontier.scope
        stored = self.store.site_pages(self.run_id, site.site_id)
        plan = self._replay(frontier, stored) if stored else frontier.start()
        return frontier, plan

    def _replay(self, frontier: SiteFrontier, stored: list[dict]) -> list[Planned]:
        """Re-plan a partly crawled site from its stored pages; returns what is still to fetch."""
        pages = {row["url"]: row for row in stored}
        documents = {url for url, status in self.store.db.execute(
            "select url, fetch_status from documents where run_id = ? and site_id = ?",
            [self.run_id, frontier.site_id]) if status != "not_probed"}
        plan = frontier.start()
        while plan:
            remaining = [p for p in plan if not (pages.get(p.url) if p.kind == PAGE else p.url in documents)]
            following: list[Planned] = []
            for planned in plan:
                if planned in remaining:
                    continue
                if planned.kind == PAGE:
                    row = pages[planned.url]
                    following = frontier.page_done(planned, row["final_url"], self._stored_links(row),
                                                   unresolved=row["fetch_status"] == DNS_ERROR) or following
                else:
                    following = frontier.document_done(planned) or following
            if remaining:
                return remaining
            plan = following
        return []

    def _stored_links(self, row: dict) -> list:
        if row["fetch_status"] != PAGE_OK or not row["warc_file"]:
            return []
        key = (row["site_id"], row["url"])
        links = self.links_seen.get(key)
        if links is not None:
            self.links_seen.move_to_end(key)
            return links
        _, body = read_record(self.warc_dir, row["warc_file"], row["warc_offset"])
        text = body.decode(row["encoding"] or "utf-8", errors="replace")
        links = extract_links(text, row["final_url"] or row["url"]).links
        if self.shared is not None:
            self._remember_links(key, links)
        return links

    def _remember_links(self, key: tuple[str, str], links: list) -> None:
        """A worker of a shared run replays a site from the store at every level it did not plan
        itself; the links of the pages it parsed (fetched, or read back once) are kept so a
        replay does not read and parse them again. parse_page's text is the stored body decoded
        the same way, so these are the links a replay would extract."""
        self.links_seen[key] = links
        if len(self.links_seen) > LINKS_KEPT:
            self.links_seen.popitem(last=False)

    # -- shared run (crawler/distributed.py) -------------------------------------------
    async def _shared_run(self):
        """Seed the run (first worker), then sweep dead workers' work until every site is done;
        the requests themselves come from scrapy-redis's scheduler."""
        from twisted.internet import reactor, task

        heartbeat = task.LoopingCall(self.shared.beat)
        heartbeat.start(HEARTBEAT_EVERY)
        self.sites_by_id = {site.site_id: site for site in self.sites}
        self.waves = {site.site_id: i // self.max_active for i, site in enumerate(self.sites)}
        try:
            if self.seeds:
                self.shared.planning([site.site_id for site in self.pending_sites])
                for site in self.pending_sites:
                    self._plan_shared(site.site_id)
            while True:
                total, finished = self.store.count_sites(self.run_id)
                if finished == total:
                    self.shared.close_run()
                    return
                await maybe_deferred_to_future(task.deferLater(reactor, 2.0, lambda: None))
                self._recover()
        finally:
            heartbeat.stop()
            self.shared.leave()

    def _plan_shared(self, site_id: str) -> None:
        """Queue a site's next level (or record it finished) from what the store holds now."""
        frontier, plan = self._planned_site(self.sites_by_id[site_id])
        self._cache(frontier)
        if plan:
            self.shared.enqueue_level(site_id, plan[0].depth, [self.shared_queue.member(self._request(p)) for p in plan])
        else:
            finish_site(self.store, self.run_id, site_id)
            self.shared.site_finished(site_id)

    def _cache(self, frontier: SiteFrontier) -> None:
        self.frontiers.pop(frontier.site_id, None)
        self.frontiers[frontier.site_id] = frontier
        if len(self.frontiers) > max(FRONTIER_CACHE, FRONTIER_WAVES * self.max_active):
            self.frontiers.pop(next(iter(self.frontiers)))

    def _frontier(self, planned: Planned) -> SiteFrontier | None:
        """The frontier a result belongs to; None for a late copy of a request already counted."""
        if self.shared is None:
            return self.frontiers[planned.site_id]
        frontier = self.frontiers.get(planned.site_id)
        if (frontier is None or frontier.depth < planned.depth
                or (planned.kind == PAGE and frontier.depth == planned.depth and planned.ord >= frontier.pages_issued)):
            # a level (or its top-up, crawler/frontier.py) planned by another worker
            frontier, _ = self._planned_site(self.sites_by_id[planned.site_id])
            self._cache(frontier)
        if frontier.depth != planned.depth or frontier.finished:
            self.shared.discard(planned)
            return None
        return frontier

    def stored(self, planned: Planned) -> None:
        """The store pipeline wrote this request's result: count it, plan the next level if it was the last."""
        if self.shared is not None and self.shared.done(planned):
            self._plan_shared(planned.site_id)

    def _recover(self) -> None:
        requests, sites = self.shared.orphans()
        for site_id in sites:
            logger.warning("site %s: its planner stopped; planned again", site_id)
            self._plan_shared(site_id)
        for planned in requests:
            if self.store.has_result(self.run_id, planned.site_id, planned.kind, planned.url):
                self.stored(planned)
            else:
                self.shared_queue.push(self._request(planned))
        if requests:
            logger.warning("%d requests of a stopped worker queued again", len(requests))

    # -- requests ---------------------------------------------------------------------
    def _request(self, planned: Planned, rendering: PageItem | None = None) -> scrapy.Request:
        meta = {"planned": planned}
        if planned.kind == PAGE:
            if rendering is not None:
                meta.update(playwright=True, rendered=True,
                            playwright_page_init_callback="crawler.render.serve_static_body",
                            egovscan_static_body=rendering.response.body, egovscan_encoding=rendering.encoding)
            return scrapy.Request(planned.url, callback=self.parse_page, errback=self.page_failed,
                                  dont_filter=True, meta=meta, priority=-planned.depth)
        method = "GET" if self.store_documents else "HEAD"
        return scrapy.Request(planned.url, method=method, callback=self.document_probed,
                              errback=self.document_failed, dont_filter=True, meta=meta,
                              priority=-planned.depth - 1)

    def _follow(self, frontier: SiteFrontier, plan: list[Planned]):
        for planned in plan:
            yield self._request(planned)
        if frontier.finished:
            yield SiteDoneItem(self.run_id, frontier.site_id)
            self._site_finished(frontier.site_id)

    def _site_finished(self, site_id: str) -> None:
        self.frontiers.pop(site_id, None)
        self.active_sites -= 1
        if self._waiting:
            self._waiting.pop(0).callback(None)

    # -- pages --------------------------------------------------------------------------
    def parse_page(self, response):
        planned: Planned = response.meta["planned"]
        frontier = self._frontier(planned)
        if frontier is None:
            return
        rendered = bool(response.meta.get("rendered"))
        final_url = response.url
        content_type = _header(response, "Content-Type")
        item = PageItem(self.run_id, planned, PAGE_OK, final_url=final_url, status_code=response.status,
                        content_type=content_type, response=response, rendered=rendered)
        links = []
        if final_url != planned.url and planned.depth > 0 and final_url not in frontier.scope:
            item.fetch_status, item.response = PAGE_OUT_OF_SCOPE, None
        elif frontier.is_duplicate(planned, final_url):
            item.fetch_status, item.response = PAGE_DUPLICATE, None
        elif not self._is_html(response, content_type):
            item.fetch_status = PAGE_NOT_HTML
        else:
            text, item.encoding = decode_html(response.body, content_type)
            item.page = extract_links(text, final_url)
            if response.status >= 400:
                item.fetch_status = PAGE_HTTP_ERROR
            else:
                if self.render and item.page.js_only and not rendered:
                    yield self._request(planned, rendering=item)
                    return
                links = item.page.links
                if self.shared is not None:
                    self._remember_links((planned.site_id, planned.url), links)
        yield item
        if self.shared is None:         # shared runs are planned by the store pipeline's call to stored()
            yield from self._follow(frontier, frontier.page_done(planned, final_url, links))

    @staticmethod
    def _is_html(response, content_type: str | None) -> bool:
        head = response.body[:4096]
        if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return False            # binary (an image, an archive) served as text/html: only UTF-16 text has NULs
        if content_type:
            return content_type.split(";", 1)[0].strip().lower().startswith(HTML_TYPES)
        return isinstance(response, TextResponse) or response.body.lstrip()[:1] == b"<"

    def page_failed(self, failure):
        planned: Planned = failure.request.meta["planned"]
        frontier = self._frontier(planned)
        if frontier is None:
            return
        status = classify_failure(failure.value, failure.request.url)
        error = describe_failure(failure.value, failure.request.url)
        if status == BLOCKED_ADDRESS:   # refused where the download connected: say why, not "no results"
            error = resolver.refused(host_port(failure.request.url)[0]) or error
        elif isinstance(failure.value, HostNotResolved):    # looked up once, or not requested at all
            error = str(failure.value)
        elif status == TOO_LARGE:       # a body that never ended: Scrapy's cancellation gives no reason
            error = cut_off(failure.request.url) or error
        yield PageItem(self.run_id, planned, status, error=error[:500],
                       rendered=bool(failure.request.meta.get("rendered")))
        if self.shared is None:         # a page whose host does not resolve costs no budget
            yield from self._follow(frontier, frontier.page_done(planned, None, [], unresolved=status == DNS_ERROR))

    # -- documents ----------------------------------------------------------------------
    def document_probed(self, response):
        planned: Planned = response.meta["planned"]
        frontier = self._frontier(planned)
        if frontier is None:
            return
        length = _header(response, "Content-Length")
        size = len(response.body) if self.store_documents else (int(length) if length and length.isdigit() else None)
        yield DocumentItem(self.run_id, planned, PAGE_OK if response.status < 400 else PAGE_HTTP_ERROR,
                           status_code=response.status, content_type=_header(response, "Content-Type"),
                           size=size, response=response)
        if self.shared is None:
            yield from self._follow(frontier, frontier.document_done(planned))

    def document_failed(self, failure):
        planned: Planned = failure.request.meta["planned"]
        frontier = self._frontier(planned)
        if frontier is None:
            return
        yield DocumentItem(self.run_id, planned, classify_failure(failure.value, failure.request.url))
        if self.shared is None:
            yield from self._follow(frontier, frontier.document_done(planned))
