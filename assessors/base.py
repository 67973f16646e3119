"""The assessor contract: which features an assessor decides, and the evidence it returns.

An assessor is a small class (see STYLE.md: Lighthouse audits). ``page(view)`` is a pure
function of one page's PageView and yields Evidence; ``site(findings)`` turns the evidence
of all pages into the site-level decision, by default "present when there is evidence".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import urlsplit

from crawler.scope import registered_domain

from .page import LinkView, PageView
from .text import Terms, load_vocabulary, normalise

PRESENT, ABSENT, UNKNOWN, NOT_APPLICABLE = "present", "absent", "unknown", "not_applicable"


@dataclass(frozen=True)
class Evidence:
    feature: str
    page_url: str
    target: str        # link URL, form action, embed source ('' for page text)
    element: str       # what it is: '<a>', '<form method=post>', '<iframe>', 'page text' ...
    text: str          # the snippet a person checks
    detector: str


@dataclass
class Decision:
    state: str
    value: object = None


@dataclass
class SiteFindings:
    """What the site-level step sees: evidence by feature plus facts about the crawl."""
    evidence: dict[str, list[Evidence]]
    pages: list[dict]                       # page rows of the store
    facts: dict = field(default_factory=dict)


class Assessor:
    features: tuple[str, ...] = ()
    name: str = ""
    # evidence kept per feature from the pages of a site (the first pages, in crawl order);
    # None keeps every page's, for a site step that compares them all
    evidence_kept: int | None = 10

    def page(self, view: PageView) -> Iterable[Evidence]:
        return ()

    def site(self, findings: SiteFindings) -> dict[str, Decision]:
        return {f: Decision(PRESENT if findings.evidence.get(f) else ABSENT) for f in self.features}

    def evidence(self, feature: str, view: PageView, target: str, element: str, text: str) -> Evidence:
        return Evidence(feature, view.url, target, element, text[:300], self.name or type(self).__name__)


def vocabulary(feature: str, view: PageView | None = None) -> Terms:
    """A feature's terms from the language packs that apply to the page (all without a page)."""
    return load_vocabulary(view.packs if view is not None else None)[feature]


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_offsite(view: PageView, url: str) -> bool:
    """A link to another organisation: another registered domain than the page and its own."""
    host = host_of(url)
    if not host:
        return False
    own = {registered_domain(host_of(view.url))} | {registered_domain(d) for d in view.own_domains}
    return registered_domain(host) not in own


def link_names(terms: Terms, link: LinkView, page_url: str = "") -> str | None:
    """The term a link's text names; for generic texts ('Start now', 'คลิกที่นี่') its context.

    Context counts only for a link that leads somewhere (not an anchor on the same page) and
    only with a specific term (several words, or Thai), since prose around a link mentions
    many things in passing."""
    if not link.generic:
        return terms.find(link.norm)
    if not link.context or link.url.split("#", 1)[0] in ("", page_url.split("#", 1)[0]):
        return None
    found = terms.find(link.context)
    if found and (" " in found or not found.isascii()):
        return found
    return None


class NamedLinkAssessor(Assessor):
    """Evidence: links whose text (or context) names the feature, and targets on known hosts."""

    feature = ""
    max_per_page = 3
    use_hosts = True
    use_headings = False
    # for features that are a section of the site (laws, policies, manuals): a link text
    # longer than this is a headline or a sentence that mentions the subject in passing
    max_text: int | None = None

    def __init__(self):
        self.features = (self.feature,)
        self.name = self.name or self.feature

    def accept(self, view: PageView, link: LinkView, found: str) -> bool:
        return link.navigates and (self.max_text is None or len(link.text) <= self.max_text)

    def page(self, view: PageView) -> Iterable[Evidence]:
        terms = vocabulary(self.feature, view)
        count = 0
        for link in view.links:
            found = link_names(terms, link, view.url)
            host = terms.host_match(link.url) if self.use_hosts and terms.hosts else None
            if host and terms.vetoed(link.norm):
                host = None
            if (found and self.accept(view, link, found)) or (host and self.accept_host(view, link)):
                count += 1
                shown = link.text or link.context or found or host
                yield self.evidence(self.feature, view, link.url, link.element, shown)
                if count >= self.max_per_page:
                    return
        if self.use_headings:
            for heading in [view.title] + view.headings[:3]:
                found = terms.find(normalise(heading)) if heading else None
                if found:
                    yield self.evidence(self.feature, view, "", "page heading", heading)
                    return
        statement = terms.find_statement(view.norm_text)
        if statement:
            yield self.evidence(self.feature, view, "", "page text", view.snippet(statement))

    def accept_host(self, view: PageView, link: LinkView) -> bool:
        return True
