"""Planning a site: a new frontier, or one replayed through the pages the store already holds.

A resumed crawl, and every worker of a shared run at a level it did not plan itself, re-plan a
site from its stored pages: the frontier (crawler/frontier.py) is walked again level by level
with each stored page's links, read back from the run's WARC files, until a level has requests
with no stored result; those are what is still to fetch.
"""

from __future__ import annotations

from collections import OrderedDict

from ground.sites import Site
from ground.status import DNS_ERROR, PAGE_OK
from ground.warc import read_record

from .focus import FocusPriority
from .frontier import PAGE, Planned, SiteFrontier
from .links import extract_links

LINKS_KEPT = 20_000            # pages whose links a worker of a shared run keeps for its replays


class SitePlanner:
    """The frontiers of one run's sites, with the settings that bound them (EGOVSCAN_PAGE_BUDGET,
    EGOVSCAN_DEPTH_LIMIT, EGOVSCAN_DOCUMENT_PROBES, EGOVSCAN_FOCUS)."""

    def __init__(self, run, settings, keep_links: bool = False):
        self.run = run                  # crawler.runs.OpenRun: the store, run id, WARC folder, scopes
        self.budget = settings.getint("EGOVSCAN_PAGE_BUDGET")
        self.depth_limit = settings.getint("EGOVSCAN_DEPTH_LIMIT")
        self.document_probes = settings.getint("EGOVSCAN_DOCUMENT_PROBES")
        self.priority = FocusPriority() if settings.getbool("EGOVSCAN_FOCUS") else None
        self.keep_links = keep_links
        self.links_seen: OrderedDict[tuple[str, str], list] = OrderedDict()

    def plan(self, site: Site) -> tuple[SiteFrontier, list[Planned]]:
        """A site's frontier, replayed through its stored pages, and what it has still to fetch."""
        frontier = SiteFrontier(site.site_id, site.url, page_budget=self.budget, depth_limit=self.depth_limit,
                                document_probes=self.document_probes, priority=self.priority,
                                own_domains=site.domains)
        self.run.scopes[site.site_id] = frontier.scope
        if self.run.sharded:            # every worker's results of the site, kept in Redis with their links
            stored, documents = self.run.shared.results(site.site_id)
        else:
            stored = self.run.store.site_pages(self.run.run_id, site.site_id)
            documents = self.run.store.probed_documents(self.run.run_id, site.site_id) if stored else set()
        plan = self._replay(frontier, stored, documents) if stored else frontier.start()
        return frontier, plan

    def _replay(self, frontier: SiteFrontier, stored: list[dict], documents: set[str]) -> list[Planned]:
        """Re-plan a partly crawled site from its stored pages; returns what is still to fetch."""
        pages = {row["url"]: row for row in stored}
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
        if "links" in row:              # a sharded run's result, from Redis
            return row["links"]
        if row["fetch_status"] != PAGE_OK or not row["warc_file"]:
            return []
        key = (row["site_id"], row["url"])
        links = self.links_seen.get(key)
        if links is not None:
            self.links_seen.move_to_end(key)
            return links
        _, body = read_record(self.run.warc_dir, row["warc_file"], row["warc_offset"])
        text = body.decode(row["encoding"] or "utf-8", errors="replace")
        links = extract_links(text, row["final_url"] or row["url"]).links
        self.remember_links(key, links)
        return links

    def remember_links(self, key: tuple[str, str], links: list) -> None:
        """A worker of a shared run replays a site from the store at every level it did not plan
        itself; the links of the pages it parsed (fetched, or read back once) are kept so a
        replay does not read and parse them again. parse_page's text is the stored body decoded
        the same way, so these are the links a replay would extract."""
        if not self.keep_links:
            return
        self.links_seen[key] = links
        if len(self.links_seen) > LINKS_KEPT:
            self.links_seen.popitem(last=False)
