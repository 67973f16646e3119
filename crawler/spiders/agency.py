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

from ground.status import (BLOCKED_ADDRESS, DNS_ERROR, PAGE_DUPLICATE, PAGE_HTTP_ERROR, PAGE_NOT_HTML, PAGE_OK,
                           PAGE_OUT_OF_SCOPE, TOO_LARGE)

from ..distributed import SharedCrawl
from ..encoding import decode_html
from ..extensions import cut_off
from ..failures import classify_failure, describe_failure
from ..frontier import PAGE, STYLESHEET, Planned, SiteFrontier
from ..items import DocumentItem, PageItem, SiteDoneItem
from ..links import extract_links
from ..listed import host_port
from ..middlewares import HostNotResolved
from ..replay import SitePlanner
from ..runs import OpenRun, result_stored

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


class AgencySpider(scrapy.Spider):
    """Plans each site (crawler/replay.py) and reads its responses. The run it writes into is
    the crawler's OpenRun (crawler/runs.py), opened from this spider's arguments; a shared run's
    coordination is crawler/distributed.py's SharedCrawl."""

    name = "agency"

    def __init__(self, sites: str | None = None, db: str | None = None, run: str | None = None,
                 resume: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sites_path = sites
        self.db_path = db
        self.run_arg = int(run) if run else None
        self.resume_arg = None if resume is None else str(resume).lower() in ("1", "true", "yes")
        self.frontiers: dict[str, SiteFrontier] = {}
        self._waiting: list[Deferred] = []
        self.active_sites = 0

    def run_arguments(self) -> dict:
        """What OpenRun opens the run from: the spider's arguments."""
        return {"sites": self.sites_path, "db": self.db_path, "run_id": self.run_arg, "resume": self.resume_arg}

    # -- start --------------------------------------------------------------------
    async def start(self):
        settings = self.crawler.settings
        self.run = OpenRun.of(self.crawler)
        self.run_id = self.run.run_id
        self.store_documents = settings.getbool("EGOVSCAN_STORE_DOCUMENTS")
        self.render = settings.getbool("EGOVSCAN_RENDER")
        self.max_active = self.run.max_active
        concurrent = settings.getint("CONCURRENT_REQUESTS")
        if self.max_active >= concurrent:
            # a request waiting for its host's delay holds one of Scrapy's global slots
            logger.warning("EGOVSCAN_MAX_ACTIVE_SITES (%d) is not below CONCURRENT_REQUESTS (%d): sites will wait "
                           "for a free request slot rather than keep their pace; raise CONCURRENT_REQUESTS above it",
                           self.max_active, concurrent)
        self.planner = SitePlanner(self.run, settings, keep_links=self.run.shared is not None)
        self.shared = None
        if self.run.shared is not None:
            self.shared = SharedCrawl(self.run, self.planner, self._request)
            self.crawler.signals.connect(self.shared.stored, signal=result_stored)
            await self.shared.crawl()
            return
        for site in self.run.pending_sites:
            while self.active_sites >= self.max_active:
                waiter = Deferred()
                self._waiting.append(waiter)
                await maybe_deferred_to_future(waiter)
            self.active_sites += 1
            frontier, plan = self.planner.plan(site)
            self.frontiers[site.site_id] = frontier
            for out in self._follow(frontier, plan):
                yield out

    def _frontier(self, planned: Planned) -> SiteFrontier | None:
        """The frontier a result belongs to; None for a late copy of a request already counted."""
        if self.shared is None:
            return self.frontiers[planned.site_id]
        return self.shared.frontier(planned)

    # -- requests ---------------------------------------------------------------------
    def _request(self, planned: Planned, rendering: PageItem | None = None) -> scrapy.Request:
        meta = {"planned": planned}
        if planned.kind == PAGE:
            if rendering is not None:
                meta.update(playwright=True, rendered=True,
                            playwright_page_init_callback="crawler.render.serve_static_body",
                            egovscan_static_body=rendering.response.body, egovscan_encoding=rendering.encoding,
                            egovscan_listed=self.run.listed.key)
            return scrapy.Request(planned.url, callback=self.parse_page, errback=self.page_failed,
                                  dont_filter=True, meta=meta, priority=-planned.depth)
        # a style sheet is read (the technology checks); a document is probed unless stored
        method = "GET" if self.store_documents or planned.kind == STYLESHEET else "HEAD"
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
                self.planner.remember_links((planned.site_id, planned.url), links)
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
        refused = self.run.listed.refused
        status = classify_failure(failure.value, failure.request.url, refused)
        error = describe_failure(failure.value, failure.request.url, refused)
        if status == BLOCKED_ADDRESS:   # refused where the download connected: say why, not "no results"
            error = refused(host_port(failure.request.url)[0]) or error
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
        size = len(response.body) if self.store_documents or planned.kind == STYLESHEET else (int(length) if length and length.isdigit() else None)
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
        yield DocumentItem(self.run_id, planned, classify_failure(failure.value, failure.request.url,
                                                                  self.run.listed.refused))
        if self.shared is None:
            yield from self._follow(frontier, frontier.document_done(planned))
