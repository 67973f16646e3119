"""Links of a fetched page, in document order, with the text a person sees.

The crawler needs three kinds: pages of the site to follow, documents (pdf, doc, mp4 ...)
to record with their link text and nearest heading, and outbound links to record; and a page's
style sheets (``<link rel="stylesheet">``, tag STYLESHEET), which only the home page's are fetched
of, for the technology checks that read CSS.
Extraction is a pure function of (html text, url), so a resumed crawl re-derives exactly
the links the interrupted one saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from w3lib.html import get_meta_refresh
from w3lib.url import canonicalize_url, safe_url_string

from ground.markup import NESTING_LIMIT
from ground.urls import clean_text

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend"}
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.S)


@dataclass(frozen=True)
class Link:
    url: str          # absolute, fragment removed
    text: str         # visible text (or img alt / title)
    heading: str      # nearest heading before the link
    tag: str          # a, area, iframe, frame, meta-refresh; STYLESHEET for a <link rel="stylesheet">


STYLESHEET = "stylesheet"
STYLESHEETS_READ = 5            # a page's style sheets kept (in document order): more is a build's noise


@dataclass
class PageLinks:
    title: str
    text_chars: int
    has_script: bool
    links: list[Link]           # what a person follows, then the page's style sheets (tag STYLESHEET)
    warnings: list[str] = field(default_factory=list)     # limits the page hit (pages.warnings)

    @property
    def followed(self) -> list[Link]:
        """The links a person follows: the page's style sheets left out."""
        return [link for link in self.links if link.tag != STYLESHEET]

    @property
    def js_only(self) -> bool:
        """Static HTML with scripts, almost no text and no link: a JavaScript application shell.

        A splash page ("enter site") has a link to follow, so it is not one."""
        return self.has_script and self.text_chars < 200 and not self.followed


@lru_cache(maxsize=65536)
def dedupe_key(url: str) -> str:
    """The identity of a URL for 'already seen' checks (query sorted, fragment dropped)."""
    return canonicalize_url(url, keep_fragments=False)


# libxml2 stops reading a page nested deeper than 256 elements (2,048 with huge_tree) and drops
# the rest of it, every later link included; huge_tree also lifts its 10 MB limit on one text
# node, past which it dropped the whole page. A page nested deeper than that is read again
# through a parser target (which libxml2 does not limit) that keeps the tree NESTING_LIMIT deep:
# a deeper element's tags are dropped and its text stays, except for the elements the links and
# the text are read from, which are kept a few levels further.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_KEPT_DEEP = frozenset({"a", "area", "iframe", "frame", "img", "base", "title", "script", "style", "noscript",
                        *_HEADINGS})
_KEPT_DEEP_LEVELS = 8
WARN_NESTING = f"nested deeper than {NESTING_LIMIT} elements: deeper markup read as text (links kept)"
WARN_LINKS = "more than {0:,} links: only the first {0:,} read"


class _ShallowTree:
    """A parser target that builds the page's tree at most NESTING_LIMIT (+ a few) deep."""

    def __init__(self):
        self.builder = etree.TreeBuilder(parser=lxml.html.HTMLParser())   # lxml.html's element classes
        self.kept = bytearray()       # per open element: 1 if it is in the tree
        self.depth = 0

    def start(self, tag, attrib):
        keep = self.depth < NESTING_LIMIT or (tag in _KEPT_DEEP and self.depth < NESTING_LIMIT + _KEPT_DEEP_LEVELS)
        self.kept.append(keep)
        if keep:
            self.builder.start(tag, attrib)
            self.depth += 1

    def end(self, tag):
        if self.kept and self.kept.pop():
            self.builder.end(tag)
            self.depth -= 1

    def data(self, data):
        self.builder.data(data)

    def comment(self, text):
        self.builder.comment(text)

    def close(self):
        return self.builder.close()


def parse_html(text: str, url: str, warnings: list[str] | None = None):
    """An lxml tree for a page, or None when there is nothing to parse. A page nested too deep
    for libxml2 is read with its deepest markup flattened, and WARN_NESTING added to warnings."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER, base_url=url)
    except (etree.ParserError, ValueError):
        return None
    last = _PARSER.error_log.last_error         # the limit is fatal: parsing stops there
    if not (last is not None and "Excessive depth" in last.message
            or any("Excessive depth" in e.message for e in _PARSER.error_log)):
        return root
    parser = lxml.html.HTMLParser(target=_ShallowTree(), huge_tree=True)
    try:
        parser.feed(text)
        root = parser.close()
    except (etree.ParserError, ValueError):
        return root
    if warnings is not None:
        warnings.append(WARN_NESTING)
    return root


def _link_text(el) -> str:
    text = clean_text(el.text_content()) if el.tag in ("a", "area") else ""
    if not text:
        alts = [img.get("alt", "") for img in el.iter("img")]
        text = clean_text(" ".join(a for a in alts if a))
    return text or clean_text(el.get("title", "") or el.get("alt", "") or el.get("name", ""))


def _root(base: str) -> str:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}/"


def absolute(base: str, href: str, root: str | None = None) -> str | None:
    """href resolved against base (root: base's scheme://netloc/, when the caller has it)."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    # menus repeat on every page: a root-relative or absolute href resolves the same from any
    # page of the site, so those are resolved once (the cache key drops the base's path)
    if href.startswith("/") and not href.startswith("//"):
        return _resolve(root or _root(base), href)
    if href.lower().startswith(("http://", "https://")):
        return _resolve("", href)
    return _resolve.__wrapped__(base, href)


@lru_cache(maxsize=65536)
def _resolve(base: str, href: str) -> str | None:
    try:
        url = urljoin(base, safe_url_string(href))
    except ValueError:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return None
    return url.split("#", 1)[0]


# A real agency page has a few hundred links; a generated one can have 100,000 and would hold
# the crawl's single thread for seconds. The first MAX_LINKS in document order are kept.
MAX_LINKS = 5000


def extract_links(text: str, url: str) -> PageLinks:
    warnings: list[str] = []
    root = parse_html(text, url, warnings)
    if root is None:
        return PageLinks(title="", text_chars=0, has_script=False, links=[])
    base = url
    for b in root.iter("base"):
        if b.get("href"):
            base = urljoin(url, b.get("href").strip())
        break
    title_el = root.find(".//title")
    title = clean_text(title_el.text_content() if title_el is not None else "", 500)
    # the length clean_text would give, without building the string: str.split() splits on
    # the same whitespace as the \s of a str pattern
    words = " ".join(root.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")).split()
    text_chars = min(sum(map(len, words)) + max(len(words) - 1, 0), 1_000_000)
    has_script = next(root.iter("script"), None) is not None

    links: list[Link] = []
    refresh = get_meta_refresh(text[:8192], base)
    if refresh and refresh[1]:
        target = absolute(base, refresh[1])
        if target:
            links.append(Link(target, "", "", "meta-refresh"))
    heading = ""
    site_root = _root(base)
    elements = root.iter(*_HEADINGS, "a", "area", "iframe", "frame")
    for el in elements:
        tag = el.tag
        if tag in _HEADINGS:
            heading = clean_text(el.text_content(), 200)
            continue
        href = el.get("href") if tag in ("a", "area") else el.get("src")
        target = absolute(base, href, site_root)
        if target:
            links.append(Link(target, _link_text(el), heading, tag))
            if len(links) >= MAX_LINKS:
                if any(later.tag not in _HEADINGS for later in elements):
                    warnings.append(WARN_LINKS.format(MAX_LINKS))
                break
    sheets = 0
    for el in root.iter("link"):
        if sheets >= STYLESHEETS_READ:
            break
        if "stylesheet" in (el.get("rel") or "").lower().split() and "alternate" not in (el.get("rel") or "").lower():
            target = absolute(base, el.get("href"), site_root)
            if target:
                links.append(Link(target, "", "", STYLESHEET))
                sheets += 1
    return PageLinks(title=title, text_chars=text_chars, has_script=has_script, links=links, warnings=warnings)
