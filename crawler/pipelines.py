"""The store pipeline: archive each response to the run's WARC segment, index it in SQLite.

Each page is one transaction (page row, its outbound links, its document links), written
after its WARC record is flushed, so a kill at any moment leaves either the whole page or
none of it; a resumed crawl fetches again what is missing and nothing twice.
"""

from __future__ import annotations

from time import perf_counter

from scrapy import signals

from ground.status import PAGE_HTTP_ERROR, PAGE_NOT_HTML, PAGE_OK
from ground.store import now
from ground.urls import DOCUMENT_EXTENSIONS, STYLESHEET_EXTENSION, extension

from .distributed import DOCUMENT_RESULT, encode_result
from .frontier import STYLESHEET
from .items import DocumentItem, PageItem, SiteDoneItem
from .runs import OpenRun, result_stored
from .warc import WarcSegment

ARCHIVED = {PAGE_OK, PAGE_HTTP_ERROR, PAGE_NOT_HTML}


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.run: OpenRun | None = None
        self.segment: WarcSegment | None = None
        self.store_documents = crawler.settings.getbool("EGOVSCAN_STORE_DOCUMENTS")
        self.stats = crawler.stats       # seconds spent writing, for crawler.extensions.CrawlTimings
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.run = OpenRun.of(self.crawler)
        self.segment = WarcSegment(self.run.warc_dir, self.run.run_id)

    def process_item(self, item, spider=None):
        if isinstance(item, PageItem):
            self._page(item)
            self._stored(item.planned, lambda: encode_result(
                item.fetch_status, item.final_url, item.page.links if item.page and item.fetch_status == PAGE_OK else []))
        elif isinstance(item, DocumentItem):
            self._document(item)
            self._stored(item.planned, lambda: DOCUMENT_RESULT)
        elif isinstance(item, SiteDoneItem):
            self.run.finish_site(item.site_id)
        return item

    def _stored(self, planned, result) -> None:
        if self.run.shared is not None:     # crawler/distributed.py counts it, and plans the next level
            # a shard's result goes to Redis too, for the workers that replan its site
            self.crawler.signals.send_catch_log(result_stored, planned=planned,
                                                result=result() if self.run.sharded else None)

    def _archive(self, response) -> tuple[str | None, int | None, int | None]:
        if response is None:
            return None, None, None
        started = perf_counter()
        offset, length = self.segment.write(response)
        self.stats.inc_value("egovscan/warc_write_s", perf_counter() - started)
        return self.segment.name, offset, length

    def _page(self, item: PageItem) -> None:
        planned = item.planned
        warc_file, offset, length = self._archive(item.response if item.fetch_status in ARCHIVED else None)
        page = item.page
        row = {
            "run_id": item.run_id, "site_id": planned.site_id, "url": planned.url,
            "depth": planned.depth, "ord": planned.ord, "final_url": item.final_url,
            "fetch_status": item.fetch_status, "status_code": item.status_code,
            "content_type": item.content_type, "encoding": item.encoding,
            "title": page.title if page else None,
            "size": len(item.response.body) if item.response is not None else None,
            "text_chars": page.text_chars if page else None,
            "links_found": len(page.followed) if page else None,
            "js_only": int(page.js_only) if page else None, "rendered": int(item.rendered),
            "warc_file": warc_file, "warc_offset": offset, "warc_length": length,
            "error": item.error, "fetched_at": now(),
            "warnings": "; ".join(page.warnings) if page and page.warnings else None,
        }
        outbound, documents = [], []
        if page and item.fetch_status == PAGE_OK:
            scope = self.run.scopes[planned.site_id]
            page_url = item.final_url or planned.url
            seen = set()
            for link in page.followed:
                if link.url in seen:
                    continue
                seen.add(link.url)
                if extension(link.url) in DOCUMENT_EXTENSIONS:
                    documents.append({
                        "run_id": item.run_id, "site_id": planned.site_id, "url": link.url,
                        "page_url": page_url, "text": link.text, "heading": link.heading,
                        "extension": extension(link.url), "fetch_status": "not_probed"})
                if link.url not in scope:
                    outbound.append({"run_id": item.run_id, "site_id": planned.site_id,
                                     "page_url": page_url, "url": link.url, "text": link.text})
        started = perf_counter()
        self.run.store.store_page(row, outbound, documents)
        self.stats.inc_value("egovscan/sqlite_write_s", perf_counter() - started)
        self.stats.inc_value("egovscan/pages_stored")

    def _document(self, item: DocumentItem) -> None:
        planned = item.planned
        sheet = planned.kind == STYLESHEET      # read by the technology checks: always archived
        warc_file, offset, _ = self._archive(item.response if self.store_documents or sheet else None)
        probe = {"fetch_status": item.fetch_status, "status_code": item.status_code,
                 "content_type": item.content_type, "size": item.size,
                 "warc_file": warc_file, "warc_offset": offset}
        if sheet:
            probe["extension"] = STYLESHEET_EXTENSION
        self.run.store.record_document_probe(item.run_id, planned.site_id, planned.url, probe)

    def spider_closed(self, spider, reason):
        if self.segment is not None:
            self.segment.close()
        if self.run is None:
            return
        total, finished = self.run.store.count_sites(self.run.run_id)
        if reason == "finished" and finished == total:
            self.run.store.set_run_state(self.run.run_id, "crawled", finished=True)
