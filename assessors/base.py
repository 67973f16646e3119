"""The assessor contract: which features an assessor decides, and the evidence it returns.

An assessor is a small class (see STYLE.md: Lighthouse audits). ``page(view)`` is a pure
function of one page's PageView and yields Evidence; ``site(findings)`` turns the evidence
of all pages into the site-level decision, by default "present when there is evidence".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

from ground.text import Terms, load_vocabulary, normalise_short
from ground.sites import is_other_agency
from ground.urls import DOCUMENT_EXTENSIONS, extension

from .cues import url_cues
from .forms import form_kind
from .page import LISTING, MAIN, NAV, LinkView, PageView
from .social import social_platform
from .splash import way_in

PRESENT, ABSENT, UNKNOWN, NOT_APPLICABLE = "present", "absent", "unknown", "not_applicable"

# how sure a finding is: strong is the feature itself (a form, a player) or a link named so in a
# menu; medium a named link in the content, or a known host; weak a single cue (a URL path or
# host label alone, a headline in a list of news)
STRONG, MEDIUM, WEAK = "strong", "medium", "weak"
CONFIDENCE_RANK = {WEAK: 0, MEDIUM: 1, STRONG: 2}
REGION_CONFIDENCE = {NAV: STRONG, MAIN: MEDIUM, LISTING: WEAK}
# the packs' shared words and cues.toml's cues that say a service is done on the web
ONLINE = "online"
# the offices that lead an agency ("นายกเทศมนตรี", "ผู้อำนวยการ", "Mayor"): a titled box that names
# them shows who leads it (the packs' shared list, read by named_link.use_boxes)
OFFICE_HOLDERS = "office_holders"
# cues.toml's addresses of news items and posts, where a feature's URL cue is a story's subject
NEWS_ITEM = "news_item"


@dataclass(frozen=True)
class Evidence:
    feature: str
    page_url: str
    target: str        # link URL, form action, embed source ('' for page text)
    element: str       # what it is: '<a>', '<form method=post>', '<iframe>', 'page text' ...
    text: str          # the snippet a person checks
    detector: str
    region: str = ""   # nav, main or listing: where the link or form sits ('' for the page as a whole)
    confidence: str = MEDIUM


def raised(confidence: str) -> str:
    """One step surer: a URL cue that agrees with a named link."""
    return STRONG if confidence != WEAK else MEDIUM


def best_confidence(items: Iterable[Evidence]) -> str | None:
    ranked = [CONFIDENCE_RANK.get(e.confidence, 1) for e in items]
    return {v: k for k, v in CONFIDENCE_RANK.items()}[max(ranked)] if ranked else None


def enough(items: Iterable[Evidence]) -> bool:
    """Whether a feature's evidence makes it present: anything stronger than weak, or weak cues
    on at least two different targets (a lone weak cue is not enough)."""
    weak = set()
    for e in items:
        if e.confidence != WEAK:
            return True
        weak.add(e.target or e.page_url)
    return len(weak) >= 2


def keep_evidence(kept: list[Evidence], item: Evidence, limit: int | None) -> None:
    """Add an item to a feature's kept evidence; when full, it replaces a less sure one. The same
    link seen again on another page (a menu, a footer, a homepage served at two addresses) is one
    finding: its first page is kept, or the surer of the two readings."""
    key = (item.target or item.page_url, item.element, item.text)
    for i, e in enumerate(kept):
        if (e.target or e.page_url, e.element, e.text) == key:
            if CONFIDENCE_RANK.get(item.confidence, 1) > CONFIDENCE_RANK.get(e.confidence, 1):
                kept[i] = item
            return
    if limit is None or len(kept) < limit:
        kept.append(item)
        return
    rank = CONFIDENCE_RANK.get(item.confidence, 1)
    weakest = min(range(len(kept)), key=lambda i: CONFIDENCE_RANK.get(kept[i].confidence, 1))
    if CONFIDENCE_RANK.get(kept[weakest].confidence, 1) < rank:
        kept[weakest] = item


@dataclass
class Decision:
    state: str
    value: object = None
    reason: str | None = None     # why unknown, when it is this feature's own (else the site's)


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

    def keep(self, kept: list[Evidence], item: Evidence) -> None:
        """Add a page's evidence item to what the site step will see (at most `evidence_kept`)."""
        keep_evidence(kept, item, self.evidence_kept)

    def site(self, findings: SiteFindings) -> dict[str, Decision]:
        return {f: Decision(PRESENT if enough(findings.evidence.get(f, ())) else ABSENT) for f in self.features}

    def evidence(self, feature: str, view: PageView, target: str, element: str, text: str,
                 region: str = "", confidence: str = MEDIUM) -> Evidence:
        return Evidence(feature, view.url, target, element, text[:300], self.name or type(self).__name__,
                        region, confidence)


def vocabulary(feature: str, view: PageView | None = None) -> Terms:
    """A feature's terms from the language packs that apply to the page (all without a page)."""
    return page_vocabulary(view)[feature]


def page_vocabulary(view: PageView | None):
    """The vocabulary of the packs that apply to the page, looked up once per page: every detector
    asks for it, and finding it reads the environment (the run's catalogue files and features)."""
    if view is None:
        return load_vocabulary(None)
    known = view.vocabulary
    if known is None or known[0] is not view.packs:
        known = view.vocabulary = (view.packs, load_vocabulary(view.packs))
    return known[1]


def named_links(view: PageView, feature: str) -> list[LinkView]:
    """The page's links, in page order, that may give a feature's evidence as a named link: the
    text (or a generic link's context) names the feature, the target is on one of its hosts, or
    carries one of its URL cues. Every feature's list comes from one look at each link (one
    scan of its text for all features together), so the named-link detectors cost the same
    whether the catalogue has 30 features or 100; any other link gives no such evidence."""
    vocab = page_vocabulary(view)
    index = view.link_index.get(id(vocab))
    if index is None:
        index = {}
        scanner = vocab.scanner
        for link in view.links:
            text = link.context if link.generic else link.norm
            named = scanner.hits(text).features() if text else ()
            if link.section:            # an item of a box its head, title or tab names ("Pay/Buy")
                named = {*named, *scanner.hits(link.section).features()}
            hosted = scanner.hosts_of(link.url)
            cued = url_cues(link.url)
            for f in {*named, *hosted, *cued} if (hosted or cued) else named:
                index.setdefault(f, []).append(link)
        view.link_index[id(vocab)] = index
    return index.get(feature, [])


@lru_cache(maxsize=1 << 16)
def host_of(url: str) -> str:
    """The lower-case host of a URL ('' for none or a broken one); remembered, as detectors ask
    it of the same links and page addresses many times a page."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_offsite(view: PageView, url: str) -> bool:
    """A link to another organisation: another agency unit than the page's and its own hosts'
    (ground.sites.is_other_agency: a ministry's department on its subdomain is another agency)."""
    host = host_of(url)
    if not host:
        return False
    return is_other_agency(host, (host_of(view.url), *sorted(view.own_domains)), tuple(sorted(view.declared_domains)))


# a link to a video: a video platform's watch page, a media file, a thumbnail of YouTube's (its file
# names), or an address whose path or host says video ("/video/12", "vdo.", cues.toml)
_VIDEO_PAGE = re.compile(r"^https?://(?:[a-z0-9-]+\.)*(?:youtube\.com/(?:watch|embed/|shorts/|v/)|youtu\.be/|vimeo\.com/\d|"
                         r"(?:facebook|fb)\.com/(?:watch|[^?#]*/videos/)|fb\.watch/|tiktok\.com/@[^/]+/video/)", re.IGNORECASE)
_VIDEO_FILES = frozenset(("mp4", "m4v", "wmv", "avi", "mov", "flv", "webm", "ogv", "mkv"))
_THUMBNAILS = frozenset(("default.jpg", "hqdefault.jpg", "mqdefault.jpg", "sddefault.jpg", "maxresdefault.jpg",
                         "hqdefault.webp", "maxresdefault.webp"))


def leads_to_video(link: LinkView) -> bool:
    """The link opens a video, or is drawn as a video's thumbnail."""
    return bool(_VIDEO_PAGE.search(link.url) or extension(link.url) in _VIDEO_FILES or
                _THUMBNAILS & set(link.images.split()) or url_cues(link.url).get("media.audio_video"))


def campaign_banner(view: PageView, link: LinkView) -> bool:
    """A picture (a link with no words of its own) on an intro page that leads to another
    organisation's site: a campaign the agency displays ("ลงทะเบียนรับสิทธิ์ออนไลน์ ผ่านแอป…" of a
    national scheme), not a button of its own door ("บริการออนไลน์" to its e-service host)."""
    return bool(link.images) and is_offsite(view, link.url) and way_in(view) is not None


def link_names(terms: Terms, link: LinkView, page_url: str = "") -> str | None:
    """The term a link's text names; for generic texts ('Start now', 'คลิกที่นี่') its context.

    Context counts only for a link that leads somewhere (not an anchor on the same page) and
    only with a specific term (several words, or Thai), since prose around a link mentions
    many things in passing. A wordless icon of an account on a social platform is that account,
    whatever the box around it is about ("บริการออนไลน์" over the agency's Facebook icon)."""
    if not link.generic:
        return terms.find(link.norm)
    if not link.context or link.url.split("#", 1)[0] in ("", page_url.split("#", 1)[0]):
        return None
    if not link.norm and social_platform(link.url):
        return None
    found = terms.find(link.context)
    if found and (" " in found or not found.isascii()):
        return found
    return None


class NamedLinkAssessor(Assessor):
    """Evidence: links whose text (or context) names the feature, and targets on known hosts.

    The generic detector of the catalogue (detector = "named_link"): an entry sets its feature
    and knobs (``KNOBS``); a detector that also reads structure subclasses it."""

    feature = ""
    max_per_page = 3
    use_hosts = True
    use_headings = False
    # for features that are a section of the site (laws, policies, manuals): a link text
    # longer than this is a headline or a sentence that mentions the subject in passing
    max_text: int | None = None
    # the settings a catalogue entry may give, with their type
    use_boxes = False
    KNOBS = {"max_per_page": int, "use_hosts": bool, "use_headings": bool, "use_boxes": bool, "max_text": int,
             "listing_is_news": bool, "use_cues": bool, "online": bool, "use_forms": bool}

    def __init__(self, feature: str | None = None, **knobs):
        if feature:
            self.feature = feature
        for knob, value in knobs.items():
            setattr(self, knob, value)
        self.features = (self.feature,)
        self.name = self.name or self.feature

    # a service named in an item of a news list is news about the service, not the service:
    # such links are no evidence at all (for the other features they are weak evidence)
    listing_is_news = False
    # a link whose target carries one of the feature's URL cues (cues.toml) is weak evidence
    # when its text says nothing else; with a text that names the feature it is surer
    use_cues = True
    CUE_TEXT = 25       # a longer link text names something of its own
    # a service done on the web (LOSI's services provision): a link that names it counts only when
    # it also says so (the packs' shared "online" words), leads to an e-service address (the "online"
    # cues of cues.toml), to a form service (hosts.toml's shared "online" hosts) or to a host of the
    # feature (the platform that does it); a document file
    # (a form to print) and a link the shared "online" negatives veto (queue booking, a manual,
    # how to apply in person) never count
    online = False
    # a form that submits (an application or request form) whose labels or button name the
    # feature is the feature itself; a message form only when it also says it is the online service
    use_forms = False

    # a link is evidence only when it opens a page: a script link, a bare "#" (a drop-down's head)
    # or an address to write to or call names a section that is not there to follow; the
    # schemes a feature about reaching the agency also takes (mailto: for contact details)
    address_schemes: tuple[str, ...] = ()
    pages_only = True
    # a picture without words that opens a video, named only by its box's heading ("ชำระภาษีออนไลน์"
    # over a clip), is a video about the subject, not the subject: only the media feature takes it
    videos_name_it = False
    # the agency's own service (an application, a payment): an intro page's picture banner to
    # another organisation's site is a national campaign it displays (campaign_banner), not its
    # own service; the door's buttons still are
    own_service = False

    def offline(self, view: PageView, link: LinkView) -> bool:
        """For a service done on the web: the link is a document or names something else."""
        return extension(link.url) in DOCUMENT_EXTENSIONS or \
            vocabulary(ONLINE, view).vetoed(link.context if link.generic else link.norm)

    def done_online(self, view: PageView, terms: Terms, link: LinkView) -> bool:
        """The link says the service it names is done on the web."""
        said = link.context if link.generic else link.norm
        online = vocabulary(ONLINE, view)
        return bool(online.find(said) or link.cue(ONLINE) or online.host_match(link.url) or terms.host_match(link.url))

    def accept(self, view: PageView, link: LinkView, found: str) -> bool:
        return link.navigates and (self.max_text is None or len(link.text) <= self.max_text)

    def link_evidence(self, view: PageView, terms: Terms, link: LinkView) -> Evidence | None:
        """The evidence one link gives, with its confidence, or None."""
        if self.pages_only and not link.leads_to_page and link.scheme not in self.address_schemes:
            return None
        if link.region == LISTING and self.listing_is_news:
            if not link.tile:
                return None
            # a service tile in a box marked as news (page.py _mark_tiles) is the page's content
            link = replace(link, region=MAIN)
        if self.own_service and campaign_banner(view, link):
            return None
        if link.credit:         # the web designer's credit names the vendor's page, phone and e-mail
            return None
        if self.online and self.offline(view, link):
            return None
        found = link_names(terms, link, view.url)
        if found and link.generic and not link.norm and not self.videos_name_it and leads_to_video(link):
            found = None
        in_section = None
        if not found and link.section and not terms.vetoed(link.norm) and not terms.vetoed(link.section) and \
                not vocabulary(ONLINE, view).vetoed(link.norm):
            # an item of a drop-down whose head names the feature: "Pay/Buy" > "Court Bill"
            in_section = found = terms.find(link.section)
            if found and not link.norm and not self.videos_name_it and leads_to_video(link):
                in_section = found = None
        if found and self.online and not (self.done_online(view, terms, link) or
                                          in_section and vocabulary(ONLINE, view).find(link.section)):
            found = None
        host = terms.host_match(link.url) if self.use_hosts and terms.hosts else None
        if host and terms.vetoed(link.norm):
            host = None
        short = link.generic or len(link.norm) <= self.CUE_TEXT
        cue = link.cue(self.feature) if self.use_cues and link.navigates and (found or host or short) else None
        if cue and link.cue(NEWS_ITEM):
            cue = None          # a story's address ("/news/apply-online-2566") says what the story is about
        if found and self.accept(view, link, found):
            confidence = REGION_CONFIDENCE.get(link.region, MEDIUM)
            if (link.generic or in_section) and confidence == STRONG:
                confidence = MEDIUM          # named by the text around a "click here", or by its drop-down
            if cue or host:
                confidence = raised(confidence)
            if in_section:
                return self.evidence(self.feature, view, link.url, f"{link.element} {link.in_section}",
                                     link.text or link.url, link.region, confidence)
            return self.evidence(self.feature, view, link.url, link.element, link.text or link.context or found,
                                 link.region, confidence)
        if host and self.accept_host(view, link):
            # a known service host (a national portal, a payment gateway): the target itself
            confidence = WEAK if link.region == LISTING else MEDIUM
            return self.evidence(self.feature, view, link.url, link.element, link.text or host, link.region, confidence)
        if cue and short and link.region != LISTING \
                and not terms.vetoed(link.norm) and not (cue.endswith(".") and host_of(link.url) == host_of(view.url)):
            # a picture without words (no text, no alt) in a menu or quick-link block says nothing
            # but its address: the address naming the feature is what a person clicking it is told
            # (in the page's content such a picture may be a banner about the subject: one cue)
            wordless = not link.text and bool(link.images) and link.region == NAV
            return self.evidence(self.feature, view, link.url, f"{link.element} URL cue {cue}", link.text or link.url,
                                 link.region, MEDIUM if wordless else WEAK)
        return None

    def page(self, view: PageView) -> Iterable[Evidence]:
        terms = vocabulary(self.feature, view)
        if self.use_forms:
            yield from self.form_evidence(view, terms)
        found_links = []
        for link in named_links(view, self.feature):
            item = self.link_evidence(view, terms, link)
            if item is not None:
                found_links.append(item)
        # the surest first: a page's first matches may be headlines, its menu further down
        found_links.sort(key=lambda e: -CONFIDENCE_RANK.get(e.confidence, 1))
        yield from found_links[:self.max_per_page]
        if self.use_headings:
            for heading in [view.title] + view.headings[:3]:
                found = terms.find(normalise_short(heading)) if heading else None
                if found:
                    yield self.evidence(self.feature, view, "", "page heading", heading)
                    return
        if self.use_boxes:
            offices = vocabulary(OFFICE_HOLDERS, view)
            for title, text in view.boxes:
                if terms.find(normalise_short(title)) and offices.find(text):
                    yield self.evidence(self.feature, view, "", "box title", f"{title}: {text[:120]}")
                    return
        statement = terms.find_statement(view.norm_text)
        if statement and not (self.listing_is_news and view.in_listing(statement)):
            yield self.evidence(self.feature, view, "", "page text", view.snippet(statement))

    def accept_host(self, view: PageView, link: LinkView) -> bool:
        return True

    def form_evidence(self, view: PageView, terms: Terms) -> Iterable[Evidence]:
        for form in view.forms:
            kind = form_kind(form)
            if (kind == "application" or (kind == "message" and vocabulary(ONLINE, view).find(form.text))) \
                    and terms.find(form.text):
                fields = ", ".join(f.name or f.type for f in form.user_fields()[:6])
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> {kind}",
                                    f"{form.text[:120]} [fields: {fields}]", form.region, STRONG)
                return
