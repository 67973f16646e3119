"""What detectors see of a page: links, forms, embeds, controls and text, read once.

Built from lxml's tree of the stored HTML (assessors/tree.py: one libxml2 parse, read as
BeautifulSoup read it); detectors then work on this plain data and never parse or fetch
anything. Markup inside HTML comments is not part of the page (it is not shown to a person),
so it is never evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain, islice
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ground.sites import bare_domain
from ground.text import normalise, normalise_short
from ground.urls import DOCUMENT_EXTENSIONS, clean_text, extension

from .cues import RegionMarkers, region_markers, url_cues
from .thaidate import dates_in
from .tree import Ambiguous, Document, parse

TEXT_LIMIT = 30_000
GENERIC_LINK_TEXTS = {
    "", "start now", "click here", "here", "more", "read more", "more info", "continue", "go", "link", "details",
    "view", "open", "next", "คลิก", "คลิกที่นี่", "คลิกเลย", "อ่านต่อ", "อ่านเพิ่มเติม", "เพิ่มเติม", "รายละเอียด",
    "ดูทั้งหมด", "ดูเพิ่มเติม", "ที่นี่", "selengkapnya",
    # a box's "see all" at its foot: the box's heading says what it lists ("View all updates" under
    # "Auckland Transport news")
    "view all", "see all", "view more", "see more", "show all", "show more", "view all updates", "see all updates",
    "all updates", "more updates"}
# the dots and arrows agencies put around a "see all" ("ดูทั้งหมด...", "อ่านต่อ >>", "» Read more")
_LINK_DECORATION = " .…»«>›<‹→-:"
_BLOCKS = ("li", "p", "td", "dd", "figure", "section", "article", "div", "form")
# a click handler that opens a page: banners drawn as <img onclick="window.open('...')">
_ONCLICK_URL = re.compile(r"""(?:window\.open|location\.assign|location\.replace)\s*\(\s*['"]([^'"]+)['"]"""
                          r"""|location(?:\.href)?\s*=\s*['"]([^'"]+)['"]""", re.I)
# menus and sign-in links that a script writes into the page (for a logged-in user, say)
_SCRIPT_URL = re.compile(r"""https?://[^\s'"<>\\)]+""")
SCRIPT_URLS = 100
SCRIPT_TEXT = 20_000
LOOSE_IMAGES = 200
# a dataset record declared for machines (schema.org Dataset, DCAT dcat:Dataset), as CKAN and other
# catalogues write their dataset pages
_LD_DATASET = re.compile(r'"@type"\s*:\s*(?:\[[^\]]*)?"(?:schema:|dcat:|https?://schema\.org/)?Dataset"')
_TYPED_DATASET = re.compile(r"(?:schema\.org/|dcat:)Dataset\b")
_CLICKABLE = frozenset(("img", "div", "span", "li", "td", "tr", "button", "input", "p", "section"))
# elements with a click handler that are controls (a font-size button, a "listen" icon)
_CONTROLS = frozenset(("button", "input", "select", "span", "img", "div", "li"))
# controls bound by a script rather than an onclick: a data-action attribute, or ARIA's button role;
# not a box that holds blocks or headings (a news card a script opens), nor the toggle of an
# accordion or a tab (Bootstrap's data-toggle / data-bs-toggle), whose words are a question or a
# section's title, not the name of a button
_BOUND = ("//*[(@data-action or @role='button') and not(.//h1 or .//h2 or .//h3 or .//h4 or .//h5 or .//h6"
          " or .//p or .//div or .//li or .//table)"
          " and not(@data-toggle='collapse' or @data-toggle='tab' or @data-toggle='pill'"
          " or @data-bs-toggle='collapse' or @data-bs-toggle='tab' or @data-bs-toggle='pill')]")
# a picture a gallery script opens larger (data-action="lightbox", Fancybox's data-fancybox,
# Lightbox2's data-lightbox, ekko-lightbox's data-toggle="lightbox", an onclick="openLightbox(3)"):
# its alt names the photo ("ปรับสีอาคาร", a building repainted), not a control of the page
_PICTURE_VIEWER = re.compile(r"lightbox|fancybox|featherlight|photoswipe|colorbox|magnific|gallery|lity\b", re.I)
_PICTURE_VIEWER_ATTRS = ("data-fancybox", "data-lightbox", "data-featherlight", "data-lity", "data-gallery")


def _opens_picture(el) -> bool:
    if any(el.get(a) is not None for a in _PICTURE_VIEWER_ATTRS):
        return True
    bound = " ".join(el.get(a) or "" for a in ("data-action", "data-toggle", "data-bs-toggle", "onclick"))
    return _PICTURE_VIEWER.search(bound) is not None


_MOVIE = re.compile("^movie$", re.I)
# a drop-down "jump menu" of links (ลิงก์หน่วยงาน: the ministries and departments in a <select>)
_JUMP_MENU = re.compile(r"location|window\.open|this\.value|options\[", re.I)
_JUMP_TARGET = re.compile(r"(?:https?://|/)[^\s]", re.I)
# a jump menu whose script a CMS binds by class, not onchange (Drupal's CTools jump menu, whose
# option values are "<key>::<address>")
_JUMP_MENU_CLASS = re.compile(r"(?<![a-z])jump-?menu(?:-select)?(?![a-z])", re.I)


# a form with this many links inside holds the page's menus: ASP.NET WebForms and SharePoint put
# every page in one <form method=post>, whose fields and text then say nothing of one service
WRAPPER_LINKS = 20


SNAP = 15       # how far an excerpt's ends move to reach a space

# where a link sits: a menu, header, footer, sidebar or quick-link block; the page's own
# content; or an item of a list of news, announcements or notices
NAV, MAIN, LISTING = "nav", "main", "listing"
# what names the box a link sits in: a drop-down's head, a block's title, a tab
DROPDOWN, BLOCK, TAB = "drop-down", "block", "tab"
_SECTION_WORDS = {DROPDOWN: "in the drop-down", BLOCK: "under the title", TAB: "in the tab"}
ITEM_TEXT = 600         # a block with more text than this holds several items, not one
_DIGIT = re.compile(r"[0-9๐-๙]")
HEADLINE = 40           # a link text this long beside a thumbnail or a "read more" is a headline


def excerpt(text: str, start: int, end: int, before: int = 80, after: int = 80) -> str:
    """text[start:end] with some text either side, cut between words where a space is near
    (Thai runs without spaces are cut where they are), and "…" where the text goes on."""
    lo, hi = max(0, start - before), min(len(text), end + after)
    if lo > 0 and not text[lo - 1].isspace():
        space = text.find(" ", lo, min(start, lo + SNAP))
        lo = space + 1 if space >= 0 else lo
    if hi < len(text) and not text[hi].isspace():
        space = text.rfind(" ", max(end, hi - SNAP), hi)
        hi = space if space >= 0 else hi
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


@dataclass
class LinkView:
    url: str            # absolute (or the raw href for javascript:/mailto:)
    text: str           # what a person reads: the link text, else img alt / title
    context: str        # the text of the block around the link (for "Start now"-style links)
    tag: str            # a, area, iframe, frame; or the element whose onclick navigates (img, div ...)
    attrs: str          # id, class, onclick, aria-label (normalised), for controls drawn as links
    norm: str = ""      # normalise(text)
    onclick: bool = False   # the target comes from an onclick handler (window.open, location.href = ...)
    images: str = ""        # file names of the images inside a link without words (a flag: "flag-en.png")
    region: str = MAIN  # nav, main or listing (see _Regions)
    inert: bool = False     # the href leads nowhere of itself: a script (javascript:, void(0)), "#" or empty
    section: str = ""       # the box it sits in, by the name its head, title or tab gives it ("Pay/Buy")
    section_kind: str = ""  # what names that box: DROPDOWN, BLOCK or TAB
    row: int = 0            # a one-letter button's row (ROW_LINKS links, ROW_TEXT characters at most); 0: none
    credit: bool = False    # it sits in the web designer's credit ("ออกแบบเว็บไซต์โดย …"): the vendor's, not the agency's
    tile: bool = False      # a service tile in a box marked as a news list (see _mark_tiles): no headline
    handler: str = ""       # id, class, onclick, name and data-* of the element: what a script binds it by
    generic: bool = field(init=False)  # the text says nothing of the target ("Start now", "คลิกที่นี่")
    _cues: dict | None = field(default=None, init=False, repr=False)

    def cue(self, feature: str) -> str | None:
        """The URL/host cue of a feature that the target carries ('/eservice', 'epayment.')."""
        if self._cues is None:
            self._cues = url_cues(self.url)
        return self._cues.get(feature)

    def __post_init__(self):
        self.generic = self.norm in GENERIC_LINK_TEXTS or len(self.norm) < 2 or \
            self.norm.strip(_LINK_DECORATION) in GENERIC_LINK_TEXTS

    @property
    def navigates(self) -> bool:
        """A person follows it to another page: <a>/<area>, or anything whose click opens a URL."""
        return self.tag in ("a", "area") or self.onclick

    @property
    def scheme(self) -> str:
        """The scheme of the target ('https', 'mailto', 'tel', 'javascript'); '' for no target."""
        head, colon, _ = self.url.partition(":")
        return head.lower() if colon and _SCHEME.fullmatch(head.lower() + ":") else ""

    @property
    def leads_to_page(self) -> bool:
        """It opens a web page: not a script, a bare "#" or an empty href (a menu's drop-down, a
        widget), nor an address to write to or call (mailto:, tel:)."""
        return not self.inert and self.scheme in ("http", "https", "ftp")

    @property
    def in_section(self) -> str:
        """Where a person sees the name of the link's box: "in the drop-down 'Pay/Buy'", "under the
        title 'บริการออนไลน์'", "in the tab 'ข่าวประชาสัมพันธ์'"."""
        return f"{_SECTION_WORDS.get(self.section_kind, 'in the box')} '{self.section[:60]}'"

    @property
    def element(self) -> str:
        if self.tag == "option":
            return "<option> of a jump menu"
        return f"<{self.tag} onclick>" if self.onclick else f"<{self.tag}>"


@dataclass
class FieldView:
    tag: str
    type: str
    name: str


@dataclass
class FormView:
    action: str
    method: str
    fields: list[FieldView]
    text: str           # normalised visible text of the form (labels, buttons)
    attrs: str          # id/class/role/action, normalised
    wraps_page: bool = False    # holds the page's menus and content (ASP.NET's one form per page)
    region: str = MAIN
    # for a form of choices only (radio buttons): the normalised words of the box around it (its
    # heading, the question, the buttons a script binds), which a poll widget keeps outside the form
    box: str = ""

    def user_fields(self) -> list[FieldView]:
        return [f for f in self.fields if f.type not in ("hidden", "submit", "button", "reset", "image")]

    def has(self, kind: str) -> bool:
        return any(f.type == kind or f.tag == kind for f in self.fields)


@dataclass
class PageView:
    url: str
    title: str
    lang: str
    links: list[LinkView] = field(default_factory=list)
    forms: list[FormView] = field(default_factory=list)
    embeds: list[tuple[str, str]] = field(default_factory=list)       # (tag, src)
    hreflangs: list[tuple[str, str]] = field(default_factory=list)    # (lang, url)
    controls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, normalised descriptor, display)
    control_forms: list[int | None] = field(default_factory=list)  # per control, the index in forms of its <form>
    headings: list[str] = field(default_factory=list)
    text: str = ""          # visible text, as shown (for langdetect, dates, snippets)
    norm_text: str = ""     # normalise(text)
    own_domains: set[str] = field(default_factory=set)     # hosts the site is known by (listed URL, canonical)
    declared_domains: set[str] = field(default_factory=set)  # the sites file's `domains`: own with their subdomains
    search_tag: str = ""   # Google's custom search box: <gcse:search>, or the HTML5 form <div class="gcse-search">
    script_urls: list[str] = field(default_factory=list)   # absolute URLs written in inline scripts
    script_srcs: list[str] = field(default_factory=list)   # the scripts the page loads (<script src>)
    # the functions and objects the page's inline scripts name (lower case, "googletranslateelementinit"),
    # the first SCRIPT_TEXT characters: widgets set up by the page's own script rather than by a file
    script_text: str = ""
    # the file names of pictures outside any link ("font-plus.png"): buttons a script makes clickable
    loose_images: list[str] = field(default_factory=list)
    tags: frozenset[str] = frozenset()     # the element names used (custom elements of widgets: df-messenger)
    dataset_markup: str = ""   # how the page declares a dataset record: JSON-LD, microdata or RDFa (schema.org, DCAT)
    fetched_on: date | None = None     # the day the crawler fetched the page (set by the engine)
    packs: frozenset[str] | None = None  # the language packs that apply (set by the engine; None: all)
    listing_texts: list[str] = field(default_factory=list)  # normalised texts of the page's list items
    size_letters: str = ""  # a row of one letter in growing sizes drawn without links ("ก ก ก")
    # (title, text) of the page's titled boxes: a heading or title element with no link in it, and
    # the normalised text of the block that follows it ("คณะผู้บริหาร" over names and offices)
    boxes: list[tuple[str, str]] = field(default_factory=list)
    # the links that may name each feature, per vocabulary (assessors/base.py named_links)
    link_index: dict = field(default_factory=dict, repr=False)
    # (packs, their vocabulary), found once per page (assessors/base.py page_vocabulary)
    vocabulary: tuple | None = field(default=None, repr=False)
    # the e-mail addresses in the page text's foot, found once (assessors/detectors/contact.py)
    footer_emails: list | None = field(default=None, repr=False, compare=False)

    def in_listing(self, norm_fragment: str) -> bool:
        """Whether a piece of normalised page text is part of an item of a news or notice list."""
        return bool(norm_fragment) and any(norm_fragment in t for t in self.listing_texts)

    def snippet(self, found: str, width: int = 80) -> str:
        """A short extract of the page text around a normalised term."""
        i = self.norm_text.find(found)
        if i < 0:
            return found
        return excerpt(self.norm_text, i, i + len(found), width, width)


# a row of the same letter drawn in growing sizes ("ก ก ก", "A A A"), or with the size's sign beside
# it ("ก- ก ก+", "A- A A+"), each its own element with no link: a template's text-size buttons that a
# script binds by class; an index of letters holds the next letter too ("ข", "B"), a legend of grades
# too ("A+ A B+ B"), and clause letters stand one to a paragraph. Each size is its own button, told
# apart by its class, id, style or data: letters drawn alike (a row of grades "A A A", marks in a
# table) are text, not buttons
_SIZE_LETTER_TAGS = ("span", "div", "button", "li", "label", "p", "b", "strong")
_SIZE_LETTERS = {"a": "b", "ก": "ข"}


def _letter_row(doc: Document) -> str:
    rows: dict = {}
    for el in doc.top.iter(*_SIZE_LETTER_TAGS):
        if len(el):
            continue
        drawn = (el.text or "").strip().lower()
        letter = drawn[:1] if len(drawn) == 1 or (len(drawn) == 2 and drawn[1] in "+-") else ""
        if letter:
            rows.setdefault(el.getparent(), []).append((letter, drawn, tuple(sorted(el.attrib.items()))))
    for row in rows.values():
        letters = [letter for letter, _, _ in row]
        for letter, following in _SIZE_LETTERS.items():
            sizes = [(shown, attrs) for l, shown, attrs in row if l == letter]
            attrs = [a for _, a in sizes]
            if len(sizes) >= 2 and following not in letters and all(attrs) and len(set(attrs)) == len(attrs):
                return " ".join(shown for shown, _ in sizes)
    return ""


def _attrs(el) -> str:
    parts = []
    for name in ("id", "class", "onclick", "aria-label", "title", "name", "role"):
        value = el.get(name)
        if value:
            parts.append(" ".join(value) if isinstance(value, list) else str(value))
    return normalise_short(" ".join(parts)) if parts else ""


def _handler(el) -> str:
    """What a script finds an element by or runs (its id, class, name and data- attributes, its
    onclick handler or javascript: href), not the words it shows a reader (title, aria-label)."""
    parts = []
    for name, value in el.attrib.items():
        if name in ("id", "class", "onclick", "name") or name.startswith("data-") or \
                (name == "href" and value.strip().lower().startswith("javascript:")):
            parts.append(f"{name}={value}" if name.startswith("data-") else str(value))
    return " ".join(parts).lower()


# how many blocks up a link alone in its block looks for the words of its box
CONTEXT_BLOCKS = 3
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# a box with more links than this is a grid or a list: its words name none of them in particular
BOX_LINKS = 2
# a box's text names its lone link as a caption does; longer text is prose (a footer's address,
# a sentence listing the services) that says nothing of a counter's or a plug-in's picture
BOX_CAPTION = 60


def _context(doc: Document, el) -> str:
    """The text of the block around a link. A link alone in its block (a picture, a "see all"
    in a row of its own) takes the words of the box around it: the box's heading before it, or
    the box's text when the box holds no other link and the text is a caption's length."""
    own = clean_text(doc.text(el), 400)
    blocks = 0
    for parent in el.iterancestors():
        if parent.tag in _HEADINGS:
            # a "View all" written inside the box's own heading (<h2>Latest updates
            # <span><a>View all</a></span></h2>): the heading names what it lists
            text = clean_text(doc.text(parent), 200)
            if text and text != own:
                return normalise_short(text)
            continue
        if parent.tag not in _BLOCKS:
            continue
        blocks += 1
        text = clean_text(doc.text(parent), 400)
        if text and text != own:
            if blocks == 1:
                return normalise_short(text) if len(text) < 400 else ""
            return _box_words(doc, parent, el, text)
        if blocks >= CONTEXT_BLOCKS:
            break
    return ""


def _heading_before(el):
    """The nearest heading before an element in the page (one of its ancestors, or in what
    precedes it), looked for backwards from the element as a person reads up the page."""
    node = el
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            last = None
            for last in sibling.iterdescendants(*_HEADINGS):
                pass
            if last is not None:
                return last
            if sibling.tag in _HEADINGS:
                return sibling
        node = node.getparent()
        if node is not None and node.tag in _HEADINGS:
            return node
    return None


def _box_words(doc: Document, box, el, text: str) -> str:
    heading = _heading_before(el)
    if heading is not None and any(above is box for above in heading.iterancestors()):
        return normalise_short(clean_text(doc.text(heading), 200))
    if sum(1 for _ in islice(box.iterdescendants("a"), BOX_LINKS + 1)) <= BOX_LINKS and len(text) <= BOX_CAPTION:
        return normalise_short(text)
    return ""


# buttons that a label beside them names: a push button, an image or submit input, a clicked element
_UNNAMED_INPUTS = ("button", "image", "submit", "reset")


def _wordless(el) -> bool:
    """Whether a control has no name of its own: no text, value, alt, title or aria-label (an icon
    drawn by CSS, <button><i class="fa fa-plus"></i></button>). A text box is no such button."""
    if el.tag == "input" and (el.get("type") or "text").lower() not in _UNNAMED_INPUTS:
        return False
    return not any((el.get(name) or "").strip() for name in ("value", "alt", "title", "aria-label"))


# the box around a form of choices: at most this many blocks up, this much text, these many links
CHOICE_BOX_UP = 3
CHOICE_BOX_TEXT = 300
CHOICE_BOX_LINKS = 3


def _choice_box(doc: Document, form, fields) -> str:
    """The words of the box a form of choices sits in: poll widgets write the heading ("Polling"),
    the question and a script's [Vote] button around a <form> holding only the radio buttons. The
    largest block up to CHOICE_BOX_UP levels above that is still one widget (a caption's text, a
    few links), with the values of its buttons; "" for a form a person types into."""
    if not any(f.type == "radio" for f in fields) or \
            any(f.type not in ("radio", "checkbox", "hidden", "submit", "button", "reset", "image") for f in fields):
        return ""
    box = ""
    for level, parent in enumerate(form.iterancestors(), start=1):
        if level > CHOICE_BOX_UP or parent.tag in ("body", "html"):
            break
        text = clean_text(doc.text(parent), CHOICE_BOX_TEXT + 1)
        if len(text) > CHOICE_BOX_TEXT or _has_links(parent, CHOICE_BOX_LINKS + 1):
            break
        buttons = " ".join(b.get("value", "") for b in parent.iterdescendants("input")
                           if (b.get("type") or "").lower() in ("button", "submit"))
        box = f"{text} {buttons}"
    return normalise(clean_text(box, CHOICE_BOX_TEXT * 2))


def _control_label(doc: Document, el) -> str:
    """The label of the box a wordless button sits in, as a caption names its picture: Thai
    templates write "ขนาดอักษร" in a <span> beside two icon buttons (- and +). Only the nearest
    block's text, of a caption's length, in a box of no more links than a caption's: a sentence
    or a footer says nothing of the icon buttons in it."""
    for parent in el.iterancestors():
        if parent.tag not in _BLOCKS:
            continue
        text = clean_text(doc.text(parent), BOX_CAPTION + 1)
        if len(text) > BOX_CAPTION or _has_links(parent, BOX_LINKS + 1):
            return ""
        return normalise_short(text)
    return ""


def _has_links(el, count: int) -> bool:
    """Whether an element holds at least this many links (a walk that stops there)."""
    return sum(1 for _ in islice(el.iterdescendants("a"), count)) >= count


@lru_cache(maxsize=1 << 14)
def _item_props(text: str, read_more: tuple[str, ...], stamps: tuple[str, ...] = ()) -> tuple | None:
    """(has a date, has "read more", normalised text) of a list item's text, or None for a text
    too long for one item (remembered: a site's pages repeat its latest news). The date of a
    "Last update: 05 January 2018" line dates the page, not an item."""
    text = normalise(text)
    if len(text) > ITEM_TEXT:
        return None
    dated = _DIGIT.search(text) is not None and bool(dates_in(_without_stamps(text, stamps)))
    return (dated, any(w in text for w in read_more), text)


STAMP_REACH = 40        # how far after "last updated" its date may sit


def _without_stamps(text: str, stamps: tuple[str, ...]) -> str:
    """The text with each "last updated" stamp and the date just after it cut out."""
    for stamp in stamps:
        at = text.find(stamp)
        while at >= 0:
            text = text[:at] + " " + text[at + len(stamp) + STAMP_REACH:]
            at = text.find(stamp, at + 1)
    return text


class _Regions:
    """Where each element of a page sits, from its ancestors' markup, remembered per ancestor so
    that a page costs one look at each element above its links.

    Going up from an element, the nearest list item (an li, tr, article, dd, or a div repeated
    with the same class among its siblings) whose text carries a date, or a "read more" beside
    a headline-long link or a thumbnail, makes it a listing item. Otherwise the nearest marked
    ancestor decides: a nav/aside element, an ARIA navigation/banner/contentinfo/complementary
    role or an id/class naming a menu, footer, sidebar or quick-link block is navigation; an
    id/class naming news, events or announcements is a listing; main or article is content.
    A header or footer inside an article is the article's own."""

    def __init__(self, markers: RegionMarkers, doc: Document):
        self.markers = markers
        self.doc = doc
        # by element (an lxml element is one Python object while it is referenced)
        self._marker: dict = {}
        self._shapes: dict = {}
        self._items: dict = {}
        self.listing_items: dict = {}

    def _marker_of(self, el) -> str | None:
        if el in self._marker:
            return self._marker[el]
        m = self.markers
        name = el.tag
        found = None
        if name in ("main", "article"):
            found = MAIN
        else:
            role = (el.get("role") or "").lower()
            if role == "main":
                found = MAIN
            elif role in m.nav_roles:
                found = NAV
            elif name != "form":        # ASP.NET and SharePoint wrap a whole page in one form
                words = " ".join(v for v in (el.get("id"), el.get("class")) if v)
                found = m.kind_of_words(words) if words else None
                if found == LISTING and _has_links(el, WRAPPER_LINKS * 5):
                    found = None        # a page wrapper that happens to be called "news" or "content-list"
                if found is None and name in m.nav_tags:
                    found = "soft" if name in ("header", "footer") else NAV
                elif found == NAV and "header" in words.lower() or found == NAV and "footer" in words.lower():
                    found = "soft"
        self._marker[el] = found
        return found

    def _thumbnail(self, item, el, item_text: str) -> bool:
        """Whether a list item shows a picture beside its link, as a teaser shows a story's
        thumbnail beside its headline. A picture that is the link itself, in an item with no words
        of its own, is a banner: its long alt ("services.india.gov.in, the National Government
        Services Portal of India") describes the banner, it is no headline."""
        if next(item.iterdescendants("img"), None) is None:
            return False
        if item_text or el.tag != "a" or next(el.iterdescendants("img"), None) is None:
            return True
        return bool(clean_text(self.doc.text(el)))

    def _repeated(self, el) -> bool:
        parent = el.getparent()
        if parent is None:
            return False
        shapes = self._shapes.get(parent)
        if shapes is None:
            shapes = {}
            for child in parent.iterchildren(etree.Element):
                shape = (child.tag, child.get("class"))
                shapes[shape] = shapes.get(shape, 0) + 1
            self._shapes[parent] = shapes
        return shapes.get((el.tag, el.get("class")), 0) >= 2

    def item_shaped(self, el) -> bool:
        """Whether an element is a list item by its markup: an li, tr, article, dd or dt, or a div,
        section or p with a class, repeated with its tag and class among its siblings."""
        return (el.tag in ("li", "tr", "article", "dd", "dt") or (el.tag in ("div", "section", "p") and el.get("class"))) \
            and self._repeated(el)

    def item_props(self, el) -> tuple | None:
        """(has a date, has "read more", its normalised text) of an item-shaped element's text, or
        None for a text too long for one item."""
        return _item_props(clean_text(self.doc.text(el), ITEM_TEXT + 1), self.markers.read_more,
                           self.markers.updated_stamps)

    def _item(self, el) -> tuple | None:
        """(has a date, has "read more", its normalised text) of a list item, or None for
        an element that is not one."""
        if el not in self._items:
            self._items[el] = self.item_props(el) if self.item_shaped(el) else None
        return self._items[el]

    def of(self, el, text: str = "", generic: bool = False) -> str:
        if len(text) >= HEADLINE // 2 and _DIGIT.search(text) and dates_in(normalise_short(text)):
            return LISTING          # a dated headline: "... [ 16 มีนาคม 2561 ]"
        soft = False
        looked_for_item = False
        for anc in chain((el,), el.iterancestors()):
            if anc.tag in ("body", "html", "[document]"):
                break
            if not looked_for_item and anc is not el:
                item = self._item(anc)
                if item is not None:
                    looked_for_item = True
                    dated, read_more, item_text = item
                    headline = len(text) >= HEADLINE or (generic and len(item_text) >= 2 * HEADLINE)
                    if dated or (headline and (read_more or self._thumbnail(anc, el, item_text))):
                        self.listing_items[anc] = item_text
                        return LISTING
            marker = self._marker_of(anc)
            if marker == MAIN:
                return MAIN
            if marker == "soft":
                soft = True
            elif marker is not None and not soft:
                return marker
        return NAV if soft else MAIN


# a service tile's name: a news card's headline is longer
TILE_TEXT = 60
# a system's front page: fewer path segments than this, each a word or two ("eservice",
# "dpokok_ndesa"), no digits, no query; a story's slug is a sentence ("ajak-masyarakat-beralih-ke-…")
TILE_PATH = 2
TILE_SEGMENT = 24
_SLUG_SEPARATOR = re.compile(r"[-_+.\s]|%20")


def _page_host(url: str) -> str:
    """A URL's host without its web server's name (www2.example.go.th is example.go.th; www.gov.uk
    stays whole)."""
    return bare_domain(urlsplit(url).hostname or "")


def _system_front(url: str, page_host: str) -> bool:
    """Whether a URL opens a system of its own: a host other than the page's, at its root or a
    path of a segment or two without digits and without a query ("https://silat.example.go.id",
    "https://www.example.go.th/eservice"). A story's address carries an id or a dated or long slug
    ("/news/view/1234", "?id=52"), a document is a file."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = bare_domain(parts.hostname or "")
    if parts.scheme not in ("http", "https") or not host or host == page_host or parts.query:
        return False
    path = parts.path.strip("/")
    if _DIGIT.search(path) or path.count("/") >= TILE_PATH:
        return False
    if any(len(segment) > TILE_SEGMENT or len(_SLUG_SEPARATOR.findall(segment)) > 2 for segment in path.split("/")):
        return False
    return extension(url) not in DOCUMENT_EXTENSIONS


def _mark_tiles(regions: "_Regions", link_of: dict, page_url: str) -> None:
    """Mark as service tiles the links of a listing that are a row of ways into systems, not news.
    A CMS's card grid is reused for a row of service shortcuts ("บริการ E-Service", "Sistem Layanan
    Perizinan Terpadu") in a box its class calls news, and a tile's picture and long name look like
    a teaser's thumbnail and headline. A news grid's items carry dates, "read more" or headlines
    that lead to stories on the site; a tile row's items each lead, under a short name written
    as words (a picture's alt may be a headline or a campaign's slogan), to the front of another
    host (the system), every one to its own. A link is a tile when the group of
    items it sits in (siblings of one tag and class) has no dated item and no "read more", at
    least two of its items and more than half are such tiles, and the link is one of them."""
    page_host = _page_host(page_url)
    groups: dict = {}
    for el, link in link_of.values():
        if link.region != LISTING or not link.leads_to_page:
            continue
        item = next((anc for anc in el.iterancestors() if regions.item_shaped(anc)), None)
        if item is None:
            continue
        key = (item.getparent(), item.tag, item.get("class"))
        tiles = groups.get(key)
        if tiles is None:
            tiles = groups[key] = _tile_group(regions, link_of, key, page_host)
        link.tile = el in tiles


def _tile_group(regions: "_Regions", link_of: dict, key: tuple, page_host: str) -> set:
    """The anchors of a group of items that are service tiles, or an empty set for a group that is
    no tile row."""
    parent, tag, cls = key
    tiles, targets, items = set(), set(), 0
    for item in parent.iterchildren(tag):
        if item.get("class") != cls:
            continue
        items += 1
        props = regions.item_props(item)
        if props is None or props[0] or props[1]:
            return set()          # a dated or "read more" item, or one too long for a tile: a list of news
        links = [link_of[a] for a in item.iter("a", "area") if a in link_of and link_of[a][1].leads_to_page]
        urls = {link.url for _, link in links}
        if len(urls) != 1:
            continue
        url = next(iter(urls))
        if url in targets or not _system_front(url, page_host) or \
                any(link.images or len(link.text) > TILE_TEXT for _, link in links):
            continue
        targets.add(url)
        tiles.update(a for a, _ in links)
    if len(targets) < 2 or 2 * len(targets) <= items:
        return set()
    return tiles


def _onclick_target(handler: str) -> str | None:
    match = _ONCLICK_URL.search(handler) if handler else None
    if match is None:
        return None
    target = (match.group(1) or match.group(2) or "").strip()
    return target if target and not target.lower().startswith(("javascript:", "#")) else None


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")

# an image file's name without its folder, query, extension and the size a CMS appends to its
# copies ("rmutr_6-300x95.jpg"); separators are folded so "logo mu 1" and "logo-mu-1" agree
_SIZE_SUFFIX = re.compile(r"-\d+x\d+$")
_SEPARATORS = re.compile(r"[-_\s]+")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def _file_stem(name: str) -> str:
    stem = name.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _SEPARATORS.sub("-", _SIZE_SUFFIX.sub("", stem.strip().lower()))


# an alt a camera or a media library wrote, a picture word and a counter ("IMG_1234", "DSC01234",
# "ภาพกิจกรรม 001", "แบนเนอร์1", "slide-3"): the file's name however the file was renamed, no words
_COUNTER_NAME = re.compile(r"(?:img|image|dsc[nf]?|dcim|pic|picture|photo|banner|slide|untitled|screenshot|"
                           r"รูป|ภาพ|รูปภาพ|ภาพถ่าย|ภาพกิจกรรม|แบนเนอร์|สไลด์|ไม่มีชื่อ)[\s_-]*(?:ที่\s*)?\(?\d+\)?",
                           re.IGNORECASE)


def _image_name(img) -> str:
    """What an image says as a link: its alt text, else its title. A media library that fills the
    alt with the uploaded file's name ("rmutr_6" for rmutr_6.jpg, "eng icon2" for eng_icon2.jpg)
    leaves the words, if any, in the title ("แบบประเมินความพึงพอใจ"): an alt that is only the file's
    name says nothing the file name (the link's images) does not, and gives way to the title.
    Unless the file was named in Thai words ("ใบอนุญาตสถานที่สะสมอาหาร.png"): a Thai name is what
    a person wrote to say what the picture is, and without a title it is the link's words."""
    alt = (img.get("alt") or "").strip()
    title = (img.get("title") or "").strip()
    if alt and _file_stem(alt) == _file_stem(img.get("src") or ""):
        return title or (alt if _THAI_LETTER.search(alt) else "")
    if alt and _COUNTER_NAME.fullmatch(alt):
        return "" if _COUNTER_NAME.fullmatch(title) else title
    return alt or title


@lru_cache(maxsize=1 << 15)
def _join_rooted(root: str, url: str) -> str:
    """urljoin(base, url) for a root-relative URL ("/about"), which depends only on the base's
    scheme and host (given as root, "https://host/")."""
    return urljoin(root, url)


def _join(base: str, root: str, url: str) -> str:
    if root and url[:1] == "/" and url[1:2] != "/":
        return _join_rooted(root, url)
    return urljoin(base, url)


@lru_cache(maxsize=1 << 15)
def _join_absolute(base_scheme: str, url: str) -> str:
    """urljoin(base, url) for an absolute URL, which depends only on the base's scheme: menus
    and footers link the same absolute URLs from every page of a site."""
    return urljoin(f"{base_scheme}://x/", url)


# a row of buttons (text sizes "A A A", "ก- ก ก+" beside the contrast buttons) holds at most this many
# links and characters of text; a box of more is a part of the page, where two letters may be anything
ROW_LINKS = 8
ROW_TEXT = 80


def _row(doc: Document, el, rows: dict) -> int:
    """The row of buttons a one-letter link sits in: its largest ancestor that is still a row
    (ROW_LINKS links, ROW_TEXT characters at most), numbered in page order; 0 for none."""
    row = None
    for anc in el.iterancestors():
        if anc.tag == "html" or _has_links(anc, ROW_LINKS + 1) or \
                len(clean_text(doc.text(anc), ROW_TEXT + 1)) > ROW_TEXT:
            break
        row = anc
    if row is None:
        return 0
    return rows.setdefault(row, len(rows) + 1)


# the web designer's credit is a line of a footer: a block of at most this much text
CREDIT_TEXT = 300


def _in_credit(doc: Document, el, credits: tuple[str, ...], companies: tuple[str, ...]) -> bool:
    """Whether a link sits in the web designer's credit: its nearest block's text, a line's
    length, holds the credit's words and a company's ("ออกแบบเว็บไซต์โดย บริษัท … จำกัด [Facebook]",
    "Powered by … Co., Ltd."); "Powered by the Ministry of Manpower" credits the agency itself."""
    block = next(el.iterancestors(*_BLOCKS), None)
    if block is None:
        return False
    text = clean_text(doc.text(block), CREDIT_TEXT + 1)
    if len(text) > CREDIT_TEXT:
        return False
    text = normalise_short(text).replace(" ", "")
    return any(c in text for c in credits) and any(c in text for c in companies)


def _add_link(view: PageView, regions: _Regions, el, url: str, text: str, onclick: bool = False,
              images: str = "", inert: bool = False, tag: str = "") -> LinkView:
    link = LinkView(url=url, text=text, context="", tag=tag or el.tag, attrs=_attrs(el),
                    norm=normalise_short(text), onclick=onclick, images=images, inert=inert,
                    handler=_handler(el) if inert else "")
    if link.generic:
        link.context = _context(regions.doc, el)
    # an embedded frame (a Facebook page box, a map) is shown where it stands: a frame without a
    # title is no "read more" link of a teaser beside it
    link.region = regions.of(el, text, link.generic and el.tag not in ("iframe", "frame"))
    view.links.append(link)
    return link


# in-app links of Vue.js and Nuxt pages, drawn as <a> by the page's script
_ROUTER_LINKS = ("router-link", "nuxt-link")


# a drop-down menu holds at most this many links; more is the whole menu or page
DROPDOWN_LINKS = 30


def _dropdown(head):
    """The element holding the drop-down that a "#" or script link opens: the menu item (li)
    it heads, or the block right after its own (<div>PAY/BUY</div><div>…links…</div>)."""
    block = head.getparent()
    if block is None:
        return None
    if block.tag == "li":
        return block
    if sum(1 for _ in islice(block.iterdescendants("a"), 2)) == 1:
        following = next(block.itersiblings(etree.Element), None)
        if following is not None and following.tag != "li" and next(following.iterdescendants("a"), None) is not None:
            return following
    above = block.getparent()
    return above if above is not None and above.tag == "li" else None


def _box_links(box, link_of: dict) -> list[LinkView] | None:
    """The links of a box that its head, title or tab names; None for a box of more links than
    a drop-down holds (the whole menu or page)."""
    items = list(islice(box.iterdescendants("a"), DROPDOWN_LINKS + 1))
    if len(items) > DROPDOWN_LINKS:
        return None
    return [found[1] for found in map(link_of.get, items) if found is not None]


def _name_links(links: list[LinkView], name: str, kind: str) -> None:
    """Each link that leads to a page and has no name of its own from a box yet takes this one,
    and what gave it (DROPDOWN, BLOCK, TAB)."""
    for link in links:
        if not link.section and link.leads_to_page:
            link.section = name
            link.section_kind = kind


def _name_dropdowns(link_of: dict) -> None:
    """The links of a drop-down take the name of its head: a menu "Pay/Buy" (href="#") whose
    items are Court Bill and Parking Ticket names them as payments."""
    for el, head in list(link_of.values()):
        if not head.inert or not head.norm or head.generic:
            continue
        box = _dropdown(el)
        if box is None:
            continue
        links = _box_links(box, link_of)
        if links is not None:
            _name_links([link for link in links if link is not head], head.norm, DROPDOWN)


# a block's title: a heading, or an element whose class names it a title ("block-title",
# "jcarousel-title", "widget-title"); at most this long, or it is a sentence
_TITLE_TAGS = ("h2", "h3", "h4", "h5", "h6")
_TITLE_CLASS = re.compile(r"(?:^|[-_ ])(?:title|heading)(?:$|[-_ ])", re.I)
TITLE_TEXT = 60
# the candidates, in page order: headings, and the div, span and p with a class
_TITLE_CANDIDATES = etree.XPath("//h2|//h3|//h4|//h5|//h6|//div[@class]|//span[@class]|//p[@class]")


def _title_blocks(doc: Document, titles) -> list[tuple[str, etree._Element]]:
    """(title text, block) of the page's titled blocks: a heading or an element whose class names
    a title, with no link to a page in it (a toggle without an address is only its words), of 3
    to TITLE_TEXT characters, and the element that follows it (a panel's heading and its body, a
    title <div> and the list under it)."""
    blocks = []
    for title in titles:
        # a title that links to a page is that page's link; a toggle without an address
        # (<a data-target="#about">About Us</a> heading a collapsible column) is only its words
        if any(a.get("href") is not None for a in title.iterdescendants("a")):
            continue
        text = clean_text(doc.text(title), TITLE_TEXT + 1)
        if not 3 <= len(text) <= TITLE_TEXT:
            continue
        block = next(title.itersiblings(etree.Element), None)
        if block is not None and block.tag not in _TITLE_TAGS:
            blocks.append((text, block))
    return blocks


def _name_titled_blocks(blocks: list[tuple[str, etree._Element]], link_of: dict) -> None:
    """The links of a block take the name of its title when they have no name of their own
    from a drop-down: <div class="block-title">Online public services</div><ul>…banners…</ul>
    names the banners as online services, as a drop-down's head names its items. A block whose
    links all lead to one page is a card or teaser, whose title is that page's headline."""
    for text, block in blocks:
        links = _box_links(block, link_of)
        if not links or len({link.url for link in links}) < 2:
            continue          # a block leading to one page is a card: its title is that page's headline
        _name_links(links, normalise_short(text), BLOCK)


# the titled boxes a page keeps, and how much of a box's text: a box of the executives shows a
# few names and offices, the start of a longer box is enough to see what it holds
BOXES = 40
BOX_TEXT = 300


def _titled_boxes(blocks: list[tuple[str, etree._Element]]) -> list[tuple[str, str]]:
    """(title, normalised text) of the boxes the page titles (`_title_blocks`). A box's own words
    say what it is, as a page's heading does: "คณะผู้บริหาร" over "นายกเทศมนตรี..." shows who
    leads the agency."""
    boxes: list[tuple[str, str]] = []
    for text, block in blocks:
        if len(boxes) >= BOXES:
            break
        body = clean_text(_start_text(block, BOX_TEXT), BOX_TEXT)
        if body:
            boxes.append((text, normalise(body)))
    return boxes


# an element's strings outside scripts and styles (comments are no text nodes)
_BOX_STRINGS = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
                           "or ancestor::template)]")


def _start_text(el, size: int) -> str:
    """The first ``size`` or so characters of an element's text, read no further: a box may hold
    the rest of the page."""
    parts, total = [], 0
    for piece in _BOX_STRINGS(el):
        parts.append(piece)
        total += len(piece)
        if total > size * 2:      # white space counts too: read enough to keep ``size`` after cleaning
            break
    return " ".join(parts)


# a tab's control: a script call that opens the pane by its id (onclick="openTab('tab1')"), or
# Bootstrap's data-toggle / data-bs-toggle="tab" with the pane's "#id" (href, data-target, data-bs-target)
_TAB_CALL = re.compile(r"^\s*[A-Za-z_$][\w$.]*\(\s*(?:event\s*,\s*)?['\"]([A-Za-z][\w-]*)['\"]\s*(?:,[^)]*)?\)\s*;?\s*"
                       r"(?:return\s+false\s*;?\s*)?$")
_TOGGLES = ("tab", "pill")
# the elements with either attribute, their values compared after (half the XPath's cost of four comparisons)
_TOGGLE = etree.XPath("//*[@data-toggle or @data-bs-toggle]")


def _name_tabs(doc: Document, link_of: dict, with_onclick: list) -> None:
    """The links of a tab's pane take the name of its tab, as a drop-down's head names its items:
    the tab "ข่าวประชาสัมพันธ์" names its pane's "ดูทั้งหมด" as the news list. The pane is the
    element whose id the tab opens; a tab whose id is nowhere on the page names nothing. A tab
    that shows its pane ("#pane") opens no page of its own, as a drop-down's head does not."""
    controls = []
    for el in with_onclick:
        match = _TAB_CALL.match(el.get("onclick") or "")
        if match:
            controls.append((el, match.group(1)))
    for el in _TOGGLE(doc.top):
        if el.get("data-toggle") not in _TOGGLES and el.get("data-bs-toggle") not in _TOGGLES:
            continue
        target = (el.get("data-bs-target") or el.get("data-target") or el.get("href") or "").strip()
        if target.startswith("#") and len(target) > 1:
            controls.append((el, target[1:]))
    if not controls:
        return
    ids = {el.get("id"): el for el in doc.top.xpath("//*[@id]")}
    for control, pane_id in controls:
        pane = ids.get(pane_id)
        if pane is None or pane is control or control in pane.iterancestors():
            continue
        head = link_of.get(control)
        if head is not None and head[1].url.endswith("#" + pane_id):
            head[1].inert = True      # the tab shows its pane on this page, as a drop-down's head does
        text = clean_text(doc.text(control), TITLE_TEXT + 1)
        if not 3 <= len(text) <= TITLE_TEXT:
            continue
        links = _box_links(pane, link_of)
        if links:
            _name_links(links, normalise_short(text), TAB)


def _background(el) -> bool:
    """A video that plays by itself, muted and without controls: a banner's moving backdrop."""
    return el is not None and el.tag == "video" and el.get("autoplay") is not None and \
        el.get("muted") is not None and el.get("controls") is None


def build_page(html: str, url: str) -> PageView:
    try:
        return _build(parse(html), html, url)
    except Ambiguous:           # a control's markup that libxml2's tree does not tell: read exactly
        return _build(parse(html, exact=True), html, url)


# Google's custom search written as HTML5 (the box, or the box alone); the results pane alone
# (gcse-searchresults-only) shows what a box elsewhere asked for
_GCSE_BOX = re.compile(r"(?:^|\s)gcse-search(?:box(?:-only)?)?(?:\s|$)")


def _first_with(doc: Document, attribute: str, pattern: re.Pattern):
    """The first element whose attribute matches the pattern."""
    return next((el for el in doc.top.xpath(f"//*[@{attribute}]") if pattern.search(el.get(attribute))), None)


def _build(doc: Document, html: str, url: str) -> PageView:
    regions = _Regions(region_markers(), doc)
    tags = doc.tags()
    base = url
    base_el = next((el for el in doc.iter("base") if el.get("href")), None)
    if base_el is not None:
        base = urljoin(url, base_el.get("href").strip())
    base_parts = urlsplit(base)
    base_scheme = base_parts.scheme
    root = f"{base_scheme}://{base_parts.netloc}/" if base_scheme and base_parts.netloc else ""
    html_el = doc.first("html")
    title_el = doc.first("title")
    view = PageView(url=url, title=clean_text(doc.text(title_el) if title_el is not None else "", 300),
                    lang=(html_el.get("lang", "") if html_el is not None else "").lower())
    for meta in doc.iter("link", "meta"):
        if meta.tag == "link" and meta.get("hreflang") and meta.get("href"):
            view.hreflangs.append((meta.get("hreflang").lower(), urljoin(base, meta.get("href").strip())))
        target = None
        if meta.tag == "link" and "canonical" in (meta.get("rel") or "").split():
            target = meta.get("href")
        elif meta.tag == "meta" and meta.get("property") == "og:url":
            target = meta.get("content")
        if target:
            host = urlsplit(urljoin(base, target.strip())).hostname
            if host:
                view.own_domains.add(host.lower())
    if any(name.startswith("gcse:search") for name in tags):
        view.search_tag = "<gcse:search>"
    else:
        box = _first_with(doc, "class", _GCSE_BOX)
        if box is not None:
            view.search_tag = f'<{box.tag} class="{box.get("class").strip()[:60]}">'
    link_of: dict = {}
    rows: dict = {}
    for el in doc.iter("a", "area", "iframe", "frame", *_ROUTER_LINKS):
        name = el.tag
        if name in _ROUTER_LINKS:
            # Vue.js (and Nuxt) pages write in-app links as <router-link to="/privacy-policy">, which
            # the script draws as an <a>; one bound to the script's data (":to", "{{ }}") names nothing yet
            raw = (el.get("to") or "").strip()
            if not raw or "{{" in raw or "{{" in (el.text or ""):
                continue
            name = "a"
        else:
            raw = (el.get("href") if name in ("a", "area") else el.get("src")) or ""
            raw = raw.strip()
        if not raw and name == "a":
            # AngularJS templates write links as ng-href; a literal address (no {{ }} the script
            # fills in) is the link a person follows once the page is drawn
            angular = (el.get("ng-href") or el.get("data-ng-href") or "").strip()
            raw = angular if "{{" not in angular else ""
        images = ""
        if name in ("a", "area"):
            text = clean_text(doc.text(el))
            if not text:
                imgs = list(el.iterdescendants("img"))
                images = " ".join((img.get("src") or "").split("?", 1)[0].rsplit("/", 1)[-1].lower() for img in imgs)
                alts = [_image_name(img) for img in imgs]
                text = clean_text(" ".join(a for a in alts if a))
            if not text:
                text = clean_text(el.get("alt", "") or el.get("title", "") or el.get("aria-label", ""))
        else:
            text = clean_text(el.get("title", "") or el.get("name", ""))
        onclick = el.get("onclick") or ""
        # an empty href reloads this page: a button a script binds by id or class (a template's
        # text-size letters <a href="" id="setBiggerSize">A</a>), inert as "#" is; an <a> with no
        # href at all is an anchor or a placeholder, no link
        if not raw and not onclick and not (name == "a" and el.get("href") is not None):
            continue
        inert = False
        if name in ("a", "area") and (raw in ("", "#") or raw.lower().startswith("javascript:")):
            # a script link opens a page when its handler (or the script of its href) names one
            opened = _onclick_target(onclick) or (_onclick_target(raw[11:]) if raw.lower().startswith("javascript:") else None)
            inert = opened is None
            raw = opened or raw
        low = raw.lower()
        if low.startswith(("http://", "https://")) and not low.startswith(("http:///", "https:///")):
            target = _join_absolute(base_scheme, raw)
        elif low.startswith("//") or not _SCHEME.match(low):
            target = _join(base, root, raw) if raw else ""
        else:
            target = raw
        link = _add_link(view, regions, el, target, text, images=images.strip(), inert=inert, tag=name)
        if name in ("a", "area"):
            link_of[el] = (el, link)
            if len(link.norm) == 1 and link.norm.isalpha():
                link.row = _row(doc, el, rows)
        if name in ("iframe", "frame") and target:
            view.embeds.append((name, target))
    _mark_tiles(regions, link_of, url)
    _name_dropdowns(link_of)
    titles = [el for el in _TITLE_CANDIDATES(doc.top) if el.tag in _TITLE_TAGS or _TITLE_CLASS.search(el.get("class") or "")]
    blocks = _title_blocks(doc, titles)
    _name_titled_blocks(blocks, link_of)
    view.boxes = _titled_boxes(blocks)
    # a tab names what nothing nearer (a drop-down's head, a title inside its pane) has named
    with_onclick = doc.top.xpath("//*[@onclick]")      # the elements with a click handler, in page order
    _name_tabs(doc, link_of, with_onclick)
    for el in with_onclick:
        if el.tag not in _CLICKABLE:
            continue
        clicked = _onclick_target(el.get("onclick") or "")
        if not clicked:
            continue
        text = clean_text(el.get("alt", "") or el.get("title", "") or el.get("aria-label", "") or
                          (doc.text(el) if el.tag != "input" else el.get("value", "")), 300)
        _add_link(view, regions, el, _join(base, root, clicked), text, onclick=True)
    for select in doc.iter("select"):
        by_class = bool(_JUMP_MENU_CLASS.search(select.get("class") or ""))
        if not by_class and not _JUMP_MENU.search(select.get("onchange") or ""):
            continue
        for option in select.iterdescendants("option"):
            value = (option.get("value") or "").strip()
            if by_class:
                value = value.split("::", 1)[-1].strip()
            if _JUMP_TARGET.match(value):
                _add_link(view, regions, option, _join(base, root, value), clean_text(doc.text(option), 300), onclick=True)
    for el in doc.iter("video", "audio", "embed", "object", "source"):
        if _background(el if el.tag == "video" else el.getparent()):
            continue          # a banner's moving backdrop: decoration, no media a person plays (FEATURES.md)
        src = el.get("src") or el.get("data") or ""
        if el.tag == "object" and not src:
            param = next((p for p in el.iterdescendants("param") if _MOVIE.search(p.get("name") or "")), None)
            src = param.get("value", "") if param is not None else ""
        view.embeds.append((el.tag, urljoin(base, src.strip()) if src else ""))
    form_index = {}
    for form in doc.iter("form"):
        form_index[form] = len(view.forms)
        fields = [FieldView(f.tag, (f.get("type") or ("text" if f.tag == "input" else f.tag)).lower(),
                            (f.get("name") or f.get("id") or "").lower())
                  for f in form.iterdescendants("input", "textarea", "select", "button")]
        action = form.get("action") or ""
        view.forms.append(FormView(action=urljoin(base, action.strip()) if not action.lower().startswith("javascript:")
                                   else form.get("action"),
                                   method=(form.get("method") or "get").lower(), fields=fields,
                                   text=normalise(clean_text(doc.text(form), 500)), attrs=_attrs(form),
                                   wraps_page=_has_links(form, WRAPPER_LINKS), region=regions.of(form),
                                   box=_choice_box(doc, form, fields)))
    clickable = [el for el in with_onclick if el.tag in _CONTROLS]
    # a control a script binds by attribute (addEventListener on "img[data-action]", role="button"),
    # with no onclick of its own: templates draw their size and contrast buttons so
    clickable += [el for el in doc.top.xpath(_BOUND) if el.tag in _CONTROLS and el.get("onclick") is None]
    for el in chain(clickable, doc.iter("button", "input")):
        if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
            continue          # hidden inputs carry data, not controls a person sees
        if _opens_picture(el):
            continue          # a gallery's picture, opened larger: no control
        own = clean_text(doc.text(el) if el.tag != "input" else el.get("value", ""), 80)
        descriptor = _attrs(el) + " " + normalise(own)
        if el.tag == "img":   # a picture button is named by its words and its file
            descriptor += " " + normalise_short(f"{el.get('alt') or ''} {(el.get('src') or '').rsplit('/', 1)[-1]}")
        elif not own and _wordless(el):
            descriptor += " " + _control_label(doc, el)
        view.controls.append((el.tag, descriptor.strip(), clean_text(doc.markup(el, 160), 160)))
        view.control_forms.append(form_index.get(next(el.iterancestors("form"), None)))
    view.size_letters = _letter_row(doc)
    for img in doc.iter("img"):
        if len(view.loose_images) >= LOOSE_IMAGES:
            break
        src = (img.get("src") or "").strip()
        if src and next(img.iterancestors("a", "button"), None) is None:
            view.loose_images.append(src.split("?", 1)[0].rsplit("/", 1)[-1].lower())
    view.headings = [clean_text(doc.text(h), 200) for h in islice(doc.iter("h1", "h2", "h3"), 40)]
    view.tags = tags
    for script in doc.iter("script"):
        src = script.get("src")
        if src and len(view.script_srcs) < SCRIPT_URLS:
            try:
                view.script_srcs.append(urljoin(base, src.strip()))
            except ValueError:          # a broken address ("http://[::1") loads nothing
                pass
        elif "Dataset" in html and "ld+json" in (script.get("type") or "") and _LD_DATASET.search(script.text or ""):
            view.dataset_markup = "JSON-LD Dataset"
        if not src and script.text and len(view.script_text) < SCRIPT_TEXT:
            view.script_text += script.text[:SCRIPT_TEXT - len(view.script_text)].lower()
        if not src and len(view.script_urls) < SCRIPT_URLS:
            found_urls = _SCRIPT_URL.finditer(script.text or "")     # stops early in a large bundle
            view.script_urls.extend(m.group(0) for m in islice(found_urls, SCRIPT_URLS - len(view.script_urls)))
    if "Dataset" in html and not view.dataset_markup:
        typed = _first_with(doc, "itemtype", _TYPED_DATASET)
        if typed is None:
            typed = _first_with(doc, "typeof", _TYPED_DATASET)
        if typed is not None:
            view.dataset_markup = f"{'microdata' if typed.get('itemtype') else 'RDFa'} Dataset"
    view.listing_texts = list(regions.listing_items.values())
    full = doc.page_text()      # last: it empties script, style, noscript, template
    view.text = clean_text(full, TEXT_LIMIT)
    view.norm_text = normalise(view.text)
    # the web designer's credit, looked for in the words a person reads (as _in_credit reads them),
    # not the markup: only a page whose text holds a credit's words has its links' blocks read
    shown = view.norm_text if len(view.text) < TEXT_LIMIT else normalise(full)
    unspaced = shown.replace(" ", "")
    credits = tuple(c for c in regions.markers.credits if c in unspaced)
    if credits:
        for el, link in link_of.values():
            link.credit = _in_credit(doc, el, credits, regions.markers.credit_companies)
    return view
