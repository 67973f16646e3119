"""The store pipeline: archive each response to the run's WARC segment, index it in SQLite.

Each page is one transaction (page row, its outbound links, its document links), written
after its WARC record is flushed, so a kill at any moment leaves either the whole page or
none of it; a resumed crawl fetches again what is missing and nothing twice.
"""

from __future__ import annotations

from scrapy import signals

from ground.status import PAGE_HTTP_ERROR, PAGE_NOT_HTML, PAGE_OK, site_status
from ground.store import Store, now
from ground.urls import DOCUMENT_EXTENSIONS, extension

from .items import DocumentItem, PageItem, SiteDoneItem
from .scope import SiteScope
from .warc import WarcSegment

ARCHIVED = {PAGE_OK, PAGE_HTTP_ERROR, PAGE_NOT_HTML}


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.store: Store | None = None
        self.segment: WarcSegment | None = None
        self.store_documents = crawler.settings.getbool("EGOVSCAN_STORE_DOCUMENTS")
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.store = spider.store
        self.segment = WarcSegment(spider.warc_dir, spider.run_id)
        self.scopes: dict[str, SiteScope] = spider.scopes

    def process_item(self, item, spider=None):
        if isinstance(item, PageItem):
            self._page(item)
            self.crawler.spider.stored(item.planned)
        elif isinstance(item, DocumentItem):
            self._document(item)
            self.crawler.spider.stored(item.planned)
        elif isinstance(item, SiteDoneItem):
            finish_site(self.store, item.run_id, item.site_id)
        return item

    def _archive(self, response) -> tuple[str | None, int | None, int | None]:
        if response is None:
            return None, None, None
        offset, length = self.segment.write(response)
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
            "links_found": len(page.links) if page else None,
            "js_only": int(page.js_only) if page else None, "rendered": int(item.rendered),
            "warc_file": warc_file, "warc_offset": offset, "warc_length": length,
            "error": item.error, "fetched_at": now(),
            "warnings": "; ".join(page.warnings) if page and page.warnings else None,
        }
        outbound, documents = [], []
        if page and item.fetch_status == PAGE_OK:
            scope = self.scopes[planned.site_id]
            page_url = item.final_url or planned.url
            seen = set()
            for link in page.links:
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
        with self.store.db.conn:
            self.store.upsert_row("pages", row)
            self.store.insert_ignore("links", outbound)
            self.store.insert_ignore("documents", documents)

    def _document(self, item: DocumentItem) -> None:
        warc_file, offset, _ = self._archive(item.response if self.store_documents else None)
        planned = item.planned
        with self.store.db.conn:
            self.store.db["documents"].update(
                (item.run_id, planned.site_id, planned.url),
                {"fetch_status": item.fetch_status, "status_code": item.status_code,
                 "content_type": item.content_type, "size": item.size,
                 "warc_file": warc_file, "warc_offset": offset})

    def spider_closed(self, spider, reason):
        if self.segment is not None:
            self.segment.close()
        if self.store is None:
            return
        total, finished = self.store.count_sites(spider.run_id)
        if reason == "finished" and finished == total:
            self.store.set_run_state(spider.run_id, "crawled", finished=True)


def finish_site(store: Store, run_id: int, site_id: str) -> None:
    """Record a site's crawl as finished, with its status and counts from its stored pages."""
    db = store.db
    pages = store.site_pages(run_id, site_id)
    status, detail = site_status(pages)
    home = pages[0] if pages else {}
    counts = db.execute(
        "select (select count(*) from documents where run_id = ? and site_id = ?),"
        " (select count(*) from links where run_id = ? and site_id = ?)",
        [run_id, site_id] * 2).fetchone()
    with db.conn:
        db["sites"].update((run_id, site_id), {
            "status": status, "detail": detail, "final_url": home.get("final_url"),
            "pages_fetched": sum(1 for p in pages if p["warc_file"]),
            "pages_failed": sum(1 for p in pages if not p["warc_file"] or p["fetch_status"] == PAGE_HTTP_ERROR),
            "documents": counts[0], "outbound_links": counts[1], "finished_at": now()})
