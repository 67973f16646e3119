"""Breadth-first planning of one site's crawl, level by level, deterministically.

Level 0 is the start URL. When every request of a level has come back, the next level is
planned from the links of that level's pages, in a fixed order: (priority, position of
the parent page in its level, position of the link in the parent). So the pages a budget
buys do not depend on which response happened to arrive first, and a crawl resumed after
a kill, which replays the stored levels through the same planner, plans exactly what an
uninterrupted crawl would have.

The page budget counts every page request planned (a 404 used the server's time too),
except a page whose host name did not resolve: no server saw it, so it gives its place back.
When a level's last result is in and places were given back, the level is topped up from its
own next candidates, in the same order, before the next level is planned. So a site buys the
same pages as if its links to a dead host were not there, whichever of them found the host
dead, and a resumed crawl replays the same top-ups from the stored pages.
Documents (pdf, doc, mp4 ...) of the site are probed with HEAD, up to a separate limit.
The home page's own style sheets (on the site's hosts, at most ``stylesheets``) are fetched with
the first level, outside the page budget: the technology checks read their media queries and CSS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ground.urls import DOCUMENT_EXTENSIONS, SKIP_EXTENSIONS, extension

from .links import STYLESHEET as STYLESHEET_TAG
from .links import Link, dedupe_key
from .scope import SiteScope

PAGE = "page"
DOCUMENT = "document"
STYLESHEET = "stylesheet"       # a style sheet of the home page: fetched and kept like a stored document


@dataclass(frozen=True)
class Planned:
    site_id: str
    kind: str
    url: str
    depth: int
    ord: int


@dataclass
class SiteFrontier:
    site_id: str
    start_url: str
    page_budget: int = 100
    depth_limit: int = 5
    document_probes: int = 20
    stylesheets: int = 5                # the home page's style sheets fetched, beside the page budget
    priority: Callable[[Link], int] | None = None
    own_domains: tuple[str, ...] = ()
    scope: SiteScope = field(init=False)
    depth: int = field(default=0, init=False)
    pages_planned: int = field(default=0, init=False)      # pages that count against the budget
    pages_issued: int = field(default=0, init=False)       # every page planned: the next one's ord
    documents_planned: int = field(default=0, init=False)
    finished: bool = field(default=False, init=False)

    def __post_init__(self):
        self.scope = SiteScope(self.start_url, self.own_domains)
        self._seen: set[str] = set()
        self._documents_seen: set[str] = set()
        self._outstanding: dict[tuple[str, str], Planned] = {}
        # final URLs of redirected pages join the seen set only when their level ends, so
        # what counts as a duplicate never depends on the order responses arrive in
        self._level_final_urls: list[str] = []
        # dedupe key -> (sort key, link) of the next level's candidates
        self._page_candidates: dict[str, tuple[tuple, Link]] = {}
        # the current level's candidates the budget did not reach, in order: its top-ups
        self._leftover: list[tuple[str, Link]] = []
        self._document_candidates: dict[str, tuple[tuple, Link]] = {}
        self._stylesheets: list[str] = []       # the home page's, in its order: fetched with level 1

    # -- planning -----------------------------------------------------------
    def start(self) -> list[Planned]:
        first = Planned(self.site_id, PAGE, self.start_url, 0, 0)
        self._seen.add(dedupe_key(self.start_url))
        self.pages_planned = self.pages_issued = 1
        return self._issue([first])

    def _issue(self, plan: list[Planned]) -> list[Planned]:
        self._outstanding = {(p.kind, p.url): p for p in plan}
        if not plan:
            self.finished = True
        return plan

    def _offer(self, parent_ord: int, index: int, link: Link) -> None:
        if link.url not in self.scope or link.tag == STYLESHEET_TAG:
            return
        ext = extension(link.url)
        key = dedupe_key(link.url)
        rank = -(self.priority(link) if self.priority else 0)
        sort_key = (rank, parent_ord, index)
        if ext in DOCUMENT_EXTENSIONS:
            if key in self._documents_seen:
                return
            pool = self._document_candidates
        elif ext in SKIP_EXTENSIONS or key in self._seen:
            return
        else:
            pool = self._page_candidates
        best = pool.get(key)
        if best is None or sort_key < best[0]:
            pool[key] = (sort_key, link)

    def _plan_pages(self, depth: int, ordered: list[tuple[str, Link]]) -> list[Planned]:
        """Pages of one level from its ordered candidates, up to the budget; the rest are kept."""
        plan: list[Planned] = []
        self._leftover = []
        for i, (key, link) in enumerate(ordered):
            if self.pages_planned >= self.page_budget:
                self._leftover = ordered[i:]
                break
            if key in self._seen:
                continue
            self._seen.add(key)
            plan.append(Planned(self.site_id, PAGE, link.url, depth, self.pages_issued))
            self.pages_planned += 1
            self.pages_issued += 1
        return plan

    def _next_level(self) -> list[Planned]:
        self._seen.update(self._level_final_urls)
        self._level_final_urls.clear()
        depth = self.depth + 1
        plan: list[Planned] = []
        self._leftover = []
        if depth <= self.depth_limit:
            ordered = [(key, link) for key, (_, link) in sorted(self._page_candidates.items(), key=lambda kv: kv[1][0])]
            plan = self._plan_pages(depth, ordered)
        for key, (_, link) in sorted(self._document_candidates.items(), key=lambda kv: kv[1][0]):
            if self.documents_planned >= self.document_probes:
                break
            self._documents_seen.add(key)
            plan.append(Planned(self.site_id, DOCUMENT, link.url, depth, self.documents_planned))
            self.documents_planned += 1
        plan += [Planned(self.site_id, STYLESHEET, url, depth, i) for i, url in enumerate(self._stylesheets)]
        self._stylesheets = []
        self._page_candidates.clear()
        self._document_candidates.clear()
        self.depth = depth
        return self._issue(plan)

    def _top_up(self) -> list[Planned]:
        """More pages of the current level for the places pages of dead hosts gave back."""
        if not self._leftover or self.pages_planned >= self.page_budget:
            return []
        return self._plan_pages(self.depth, self._leftover)

    # -- results --------------------------------------------------------------
    def page_done(self, planned: Planned, final_url: str | None, links: list[Link],
                  unresolved: bool = False) -> list[Planned]:
        """Record a finished page request; returns what to fetch next when this level (or its
        top-up) is complete. ``unresolved``: the page's host name did not resolve (``dns_error``),
        so the page gives its place in the budget back."""
        if unresolved and planned.kind == PAGE and (planned.kind, planned.url) in self._outstanding:
            self.pages_planned -= 1
        if final_url:
            if planned.depth == 0 and final_url not in self.scope:
                self.scope.add(final_url)
            self._level_final_urls.append(dedupe_key(final_url))
        if planned.depth == 0:
            # the home page's style sheets on the site's own hosts; one elsewhere (a CDN, another
            # host) is never requested
            for link in links:
                if link.tag == STYLESHEET_TAG and link.url in self.scope and link.url not in self._stylesheets \
                        and len(self._stylesheets) < self.stylesheets:
                    self._stylesheets.append(link.url)
        for index, link in enumerate(links):
            self._offer(planned.ord, index, link)
        return self._done(planned)

    def document_done(self, planned: Planned) -> list[Planned]:
        return self._done(planned)

    def _done(self, planned: Planned) -> list[Planned]:
        if self._outstanding.pop((planned.kind, planned.url), None) is None:
            return []
        if self._outstanding:
            return []
        top_up = self._top_up()
        return self._issue(top_up) if top_up else self._next_level()

    def is_duplicate(self, planned: Planned, final_url: str) -> bool:
        """A redirect that lands on a page this site already planned or fetched."""
        return final_url != planned.url and dedupe_key(final_url) in self._seen
