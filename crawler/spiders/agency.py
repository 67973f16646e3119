"""The one generic spider: every agency site, breadth-first, within its scope and budget.

    scrapy crawl agency -a sites=sites.csv [-s EGOVSCAN_DB=audit.db]
    egovscan crawl sites.csv --db audit.db          (the same spider, with a progress bar)

The spider only plans (crawler.frontier) and reads responses; storing is the
StorePipeline's job and politeness is Scrapy's (settings, AutoThrottle, robots.txt).
"""

from __future__ import annotations

import codecs
import logging

import scrapy
from scrapy.http import TextResponse
from twisted.internet.defer import Deferred
from scrapy.utils.defer import maybe_deferred_to_future

from egovscan.sites import Site
from egovscan.store import Store

from ..encoding import decode_html
from ..focus import FocusPriority
from ..frontier import PAGE, Planned, SiteFrontier
from ..items import DocumentItem, PageItem, SiteDoneItem
from ..links import extract_links
from ..middlewares import host_port
from ..runs import prepare_run
from ..status import (PAGE_DUPLICATE, PAGE_HTTP_ERROR, PAGE_NOT_HTML, PAGE_OK, PAGE_OUT_OF_SCOPE,
                      classify_failure)
from ..warc import read_record

logger = logging.getLogger(__name__)

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
        self.coordinator = None
        if settings.get("EGOVSCAN_REDIS_URL"):
            from crawler.distributed import Coordinator

            self.coordinator = Coordinator(settings.get("EGOVSCAN_REDIS_URL"))
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
        self.priority = FocusPriority() if settings.getbool("EGOVSCAN_FOCUS") else None
        self.pending_sites = self.store.run_sites(self.run_id, unfinished_only=True)
        if self.coordinator is not None:
            self.coordinator.join(self.store.run(self.run_id), [s.site_id for s in self.pending_sites])
        # the sites file is trusted: its own hosts may be private (an intranet audit, a test)
        self.listed_hosts = {host_port(s.url) for s in self.store.run_sites(self.run_id)}
        if crawl_run.sites_file is not None and not crawl_run.resumed:
            for error in crawl_run.sites_file.errors:
                logger.error("sites file: %s", error.format(crawl_run.sites_file.path))
        logger.info("run %d: %d sites to crawl", self.run_id, len(self.pending_sites))

    # -- start --------------------------------------------------------------------
    async def start(self):
        async for site in self._sites():
            while self.active_sites >= self.max_active:
                waiter = Deferred()
                self._waiting.append(waiter)
                await maybe_deferred_to_future(waiter)
            self.active_sites += 1
            for out in self._begin_site(site):
                yield out

    async def _sites(self):
        """The sites this process crawls: all unfinished ones, or those it takes from Redis."""
        if self.coordinator is None:
            for site in self.pending_sites:
                yield site
            return
        from twisted.internet import reactor, task

        heartbeat = task.LoopingCall(self.coordinator.beat)
        heartbeat.start(1.0)
        by_id = {site.site_id: site for site in self.store.run_sites(self.run_id)}
        try:
            while True:
                site_id = self.coordinator.claim()
                if site_id is not None:
                    yield by_id[site_id]
                    continue
                unfinished = [s.site_id for s in self.store.run_sites(self.run_id, unfinished_only=True)]
                if not self.coordinator.sweep(unfinished):
                    return
                await maybe_deferred_to_future(task.deferLater(reactor, 1.0, lambda: None))
        finally:
            heartbeat.stop()
            self.coordinator.leave()

    def _begin_site(self, site: Site):
        frontier = SiteFrontier(site.site_id, site.url, page_budget=self.budget, depth_limit=self.depth_limit,
                                document_probes=self.document_probes, priority=self.priority)
        self.frontiers[site.site_id] = frontier
        self.scopes[site.site_id] = frontier.scope
        stored = self.store.site_pages(self.run_id, site.site_id)
        plan = self._replay(frontier, stored) if stored else frontier.start()
        yield from self._follow(frontier, plan)

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
                    following = frontier.page_done(planned, row["final_url"], self._stored_links(row)) or following
                else:
                    following = frontier.document_done(planned) or following
            if remaining:
                return remaining
            plan = following
        return []

    def _stored_links(self, row: dict) -> list:
        if row["fetch_status"] != PAGE_OK or not row["warc_file"]:
            return []
        _, body = read_record(self.warc_dir, row["warc_file"], row["warc_offset"])
        text = body.decode(row["encoding"] or "utf-8", errors="replace")
        return extract_links(text, row["final_url"] or row["url"]).links

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
        frontier = self.frontiers[planned.site_id]
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
        yield item
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
        frontier = self.frontiers[planned.site_id]
        status = classify_failure(failure.value)
        yield PageItem(self.run_id, planned, status, error=f"{type(failure.value).__name__}: {failure.value}"[:500],
                       rendered=bool(failure.request.meta.get("rendered")))
        yield from self._follow(frontier, frontier.page_done(planned, None, []))

    # -- documents ----------------------------------------------------------------------
    def document_probed(self, response):
        planned: Planned = response.meta["planned"]
        length = _header(response, "Content-Length")
        size = len(response.body) if self.store_documents else (int(length) if length and length.isdigit() else None)
        yield DocumentItem(self.run_id, planned, PAGE_OK if response.status < 400 else PAGE_HTTP_ERROR,
                           status_code=response.status, content_type=_header(response, "Content-Type"),
                           size=size, response=response)
        frontier = self.frontiers[planned.site_id]
        yield from self._follow(frontier, frontier.document_done(planned))

    def document_failed(self, failure):
        planned: Planned = failure.request.meta["planned"]
        yield DocumentItem(self.run_id, planned, classify_failure(failure.value))
        frontier = self.frontiers[planned.site_id]
        yield from self._follow(frontier, frontier.document_done(planned))
