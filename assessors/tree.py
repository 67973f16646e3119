"""The page view's parse: lxml's own tree of a page, read as BeautifulSoup read it.

libxml2 builds the tree in C, in one pass, and the page view (assessors/page.py) reads it with
lxml's C-level iteration; no Python object is made for an element nobody looks at. The view
used to be built on BeautifulSoup's tree of the same parse (BeautifulSoup builds it from
lxml's parser events, in Python: most of a page's assessment), and it reads the same things:
``Document.text`` is what bs4's ``get_text(" ")`` gave (up to runs of white space, which every
caller collapses), ``Document.markup`` what ``str(tag)`` gave, ``Document.page_text`` the
page's text with script, style, noscript and template left out. Comments are never text, nor
what script, style, template and ruby annotations (rt, rp) hold, as bs4 keeps those strings
apart.

libxml2's tree is what BeautifulSoup built from the same events except in three cases, where
the page is read instead through a parser target that builds BeautifulSoup's tree exactly
(``parse(exact=True)``; a few times slower, and only for such pages):

* markup nested more than ``DEEP`` elements: libxml2 stops building at 256 levels and drops the
  rest of the page. The target has no such limit and, as BeautifulSoup's parse did, keeps the
  tree ``ground.markup.NESTING_LIMIT`` deep: deeper markup is read as text, except the
  elements the view reads (links, forms and their fields, embeds, headings, scripts), which
  are kept a few levels further. A page nested 100,000 deep keeps its later links.
* content after the page's ``</html>`` (libxml2's tree drops it; BeautifulSoup kept it in a
  second ``<html>``, outside the page's ``<body>``);
* a boolean attribute written without a value (``<input disabled>``) in the markup of a
  control the view shows: libxml2's tree gives it its name as value, so the markup is
  ambiguous (``Ambiguous`` is raised and the page read again exactly).

Also read exactly: a page over 10 MB (libxml2's tree caps one text at that size) and a page
libxml2 makes no ``<html>`` of (empty, or comments only).
"""

from __future__ import annotations

import re

from lxml import etree

from ground.markup import NESTING_LIMIT

DOCUMENT = "[document]"     # the element holding an exactly read page (BeautifulSoup's name)
# bs4's string containers: what these hold is kept apart from the page's text
CONTAINERS = ("script", "style", "template", "rt", "rp")
_CONTAINER = frozenset(CONTAINERS)
JUNK = ("script", "style", "noscript", "template")      # left out of the page's text
# bs4's empty-element tags: written <br/> when empty
VOID = frozenset("area base basefont bgsound br col command embed frame hr image img input isindex keygen link "
                 "menuitem meta nextid param source spacer track wbr".split())
# libxml2 gives these their name as value when written without one (bs4 was given "")
BOOLEAN = frozenset("checked compact declare defer disabled ismap multiple nohref noresize noshade nowrap readonly "
                    "selected".split())
_PRESERVE = ("pre", "textarea")     # white space kept as written
_ASCII_SPACES = " \n\t\x0c\r"
CHUNK = 512                         # the parser is fed as bs4 fed it
DEEP = 200
_DEEP = etree.XPath("boolean(" + "/*" * (DEEP + 1) + ")")
HUGE = 10_000_000
_HTML_END = re.compile(r"</[hH][tT][mM][lL]")
KEPT_DEEP = frozenset(
    "a area iframe frame img form input textarea select option button label video audio embed object source "
    "param script style noscript template title base meta link h1 h2 h3 h4 h5 h6".split())
KEPT_DEEP_LEVELS = 8
_NAMES = etree.HTMLParser()         # HTML's rules for element and attribute names


class Ambiguous(Exception):
    """The markup asked for is not known from libxml2's tree (a boolean attribute's value)."""


class Document:
    """A parsed page: ``top`` is its <html> element, or the DOCUMENT element holding what an
    exact read found (BeautifulSoup's document: one or more <html> elements, comments)."""

    def __init__(self, top, exact: bool, names: dict | None = None):
        self.top = top
        self.exact = exact
        self.names = names or {}        # stand-in -> name lxml does not take (tags, attributes, comments)
        self._special: set | None = None
        self._texts: dict = {}          # el -> text(el): a block's text is asked for each link in it

    def iter(self, *tags):
        """The elements with these names, in document order."""
        return self.top.iter(*tags)

    def first(self, tag):
        return next(self.top.iter(tag), None)

    def tags(self) -> frozenset[str]:
        """Every element name the page uses."""
        names = {el.tag for el in self.top.iter(etree.Element)}
        names.discard(DOCUMENT)
        if self.names:
            names = {self.names.get(n, n) for n in names}
        return frozenset(names)

    def _specials(self) -> set:
        """The elements whose text is not all plain: string containers, what they hold, and
        the elements above them."""
        if self._special is None:
            special = set()
            for container in self.top.iter(*CONTAINERS):
                if container in special:
                    continue
                special.add(container)
                special.update(container.iterdescendants())
                for above in container.iterancestors():
                    if above in special:
                        break
                    special.add(above)
            self._special = special
        return self._special

    def text(self, el) -> str:
        """bs4's ``el.get_text(" ")``: the element's strings joined by spaces, without comments
        nor what string containers hold (a container's own strings are its text)."""
        text = self._texts.get(el)
        if text is None:
            text = self._texts[el] = " ".join(el.itertext() if el not in self._specials() else _strings(el))
        return text

    def page_text(self) -> str:
        """The text of <body> (of the whole page when it has none), script, style, noscript and
        template left out (read last: those elements are emptied)."""
        for el in list(self.top.iter(*JUNK)):
            el.text = None
            del el[:]
        body = self.first("body")
        scope = body if body is not None else self.top
        if next(scope.iter("rt", "rp"), None) is None and next(scope.iterancestors(*CONTAINERS), None) is None:
            return " ".join(scope.itertext())
        return " ".join(_strings(scope))

    def markup(self, el, limit: int) -> str:
        """``str(el)[:limit]`` as bs4 writes an element (attributes sorted, ``<br/>``, &, < and >
        escaped, white space between tags as one space or newline)."""
        out: list[str] = []
        size = 0
        preserve = any(True for _ in el.iterancestors(*_PRESERVE))
        # (node, white space kept as written) still to write, or a str written as it is
        stack: list = [(el, preserve)]
        while stack and size < limit:
            node = stack.pop()
            if isinstance(node, str):
                out.append(node)
                size += len(node)
                continue
            node, preserve = node
            tag = node.tag
            if not isinstance(tag, str):            # a comment
                out.append("<!--" + _white(self.names.get(node.text, node.text) or "", preserve) + "-->")
                size += len(out[-1])
                continue
            preserve = preserve or tag in _PRESERVE
            name = self.names.get(tag, tag)
            empty = node.text is None and len(node) == 0
            opening = "<" + name + self._attributes(node) + ("/>" if empty and name in VOID else ">")
            out.append(opening)
            size += len(opening)
            if empty and name in VOID:
                continue
            raw = name in ("script", "style")
            stack.append("</" + name + ">")
            for child in reversed(node):
                if child.tail:
                    stack.append(_string(child.tail, preserve, raw))
                stack.append((child, preserve))
            if node.text:
                stack.append(_string(node.text, preserve, raw))
        return "".join(out)[:limit]

    def _attributes(self, el) -> str:
        if not len(el.attrib):
            return ""
        pairs = []
        for key, value in el.attrib.items():
            if not self.exact and key in BOOLEAN and value == key:
                raise Ambiguous(key)
            pairs.append((self.names.get(key, key), value))
        return "".join(" " + key + "=" + _quoted(_escape(value)) for key, value in sorted(pairs))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(value: str) -> str:
    if '"' in value:
        if "'" in value:
            return '"' + value.replace('"', "&quot;") + '"'
        return "'" + value + "'"
    return '"' + value + '"'


def _white(text: str, preserve: bool) -> str:
    """bs4's white space: a string of ASCII spaces alone is one newline (if it has one) or one space."""
    if not preserve and not text.strip(_ASCII_SPACES):
        return "\n" if "\n" in text else " "
    return text


def _string(text: str, preserve: bool, raw: bool) -> str:
    text = _white(text, preserve)
    return text if raw else _escape(text)


# the strings of an element that no string container holds (nor one above the element)
_PLAIN_STRINGS = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::template"
                             " or ancestor::rt or ancestor::rp)]", smart_strings=False)


def _strings(el) -> list[str]:
    """bs4's strings of an element: those whose innermost string container is the element's own
    kind (none, for an element that is not a container)."""
    if el.tag not in _CONTAINER:
        return _PLAIN_STRINGS(el)
    want = el.tag
    here = want or next((a.tag for a in el.iterancestors(*CONTAINERS)), None)
    out: list[str] = []
    stack: list = [(el, here)]      # elements to read, and the tails after them (str)
    while stack:
        item = stack.pop()
        if type(item) is str:
            out.append(item)
            continue
        node, here = item
        if node.text and here == want:
            out.append(node.text)
        for child in reversed(node):
            if child.tail and here == want:
                stack.append(child.tail)
            if isinstance(child.tag, str):
                stack.append((child, child.tag if child.tag in _CONTAINER else here))
    return out


def parse(html: str, exact: bool = False) -> Document:
    if html[:1] == "\ufeff":
        html = html[1:]
    if not exact:
        doc = _native(html)
        if doc is not None:
            return doc
    return _exact(html)


def _feed(parser, markup) -> None:
    """As bs4 fed the parser: 512 characters at a time, at least once (an empty page too)."""
    parser.feed(markup[:CHUNK])
    for start in range(CHUNK, len(markup), CHUNK):
        parser.feed(markup[start:start + CHUNK])


def _native(html: str) -> Document | None:
    """libxml2's own tree, when it is the tree BeautifulSoup built."""
    if len(html) > HUGE:
        return None
    parser = etree.HTMLParser()
    try:
        _feed(parser, html)
        root = parser.close()
    except (etree.LxmlError, UnicodeDecodeError, LookupError, ValueError):     # no element found: read exactly
        return None
    if root is None or root.tag != "html" or _DEEP(root):
        return None
    end = _HTML_END.search(html)
    if end is not None and not _only_comments(html, end.end()):
        return None
    return Document(root, exact=False)


def _only_comments(html: str, start: int) -> bool:
    """Whether the page holds nothing but white space and comments after its </html ...>."""
    close = html.find(">", start)
    if close < 0:
        return False
    rest = html[close + 1:].lstrip(_ASCII_SPACES)
    while rest:
        if not rest.startswith("<!--"):
            return False
        end = rest.find("-->", 4)
        if end < 0:
            return False
        rest = rest[end + 3:].lstrip(_ASCII_SPACES)
    return True


class _Target:
    """Parser events into BeautifulSoup's tree, at most NESTING_LIMIT (+ a few) deep."""

    def __init__(self) -> None:
        self.builder = etree.TreeBuilder(parser=_NAMES)
        self.top = self.builder.start(DOCUMENT, {})
        self.kept = bytearray()         # per open element: 1 if it is in the tree
        self.open: list[str] = []       # the names the kept elements were built with
        self.names: dict[str, str] = {}

    def start(self, tag, attrib) -> None:
        depth = len(self.open)
        keep = depth < NESTING_LIMIT or (tag in KEPT_DEEP and depth < NESTING_LIMIT + KEPT_DEEP_LEVELS)
        self.kept.append(keep)
        if not keep:
            return
        try:
            self.builder.start(tag, attrib)
        except ValueError:              # a name lxml does not take ("a<b", ...): a stand-in holds it
            tag = tag if _takes(tag) else self._stand_in(tag)
            attrib = {(k if _takes("x", k) else self._stand_in(k)): v for k, v in attrib.items()}
            self.builder.start(tag, attrib)
        self.open.append(tag)

    def end(self, tag) -> None:
        if self.kept and self.kept.pop():
            self.builder.end(self.open.pop())

    def data(self, data) -> None:
        self.builder.data(data)

    def comment(self, text) -> None:
        try:
            self.builder.comment(text)
        except ValueError:              # "--" inside
            self.builder.comment(self._stand_in(text))

    def close(self):
        self.builder.end(DOCUMENT)
        return self.builder.close()

    def _stand_in(self, name: str) -> str:
        # upper case: libxml2 gives HTML names in lower case, so no page's name is taken
        stand_in = "X" + name.encode("utf-8", "surrogatepass").hex()
        self.names[stand_in] = name
        return stand_in


def _takes(tag: str, attribute: str | None = None) -> bool:
    try:
        _NAMES.makeelement(tag, {attribute: ""} if attribute else None)
    except ValueError:
        return False
    return True


def _exact(html: str) -> Document:
    """BeautifulSoup's tree, from the same parser events (str first, then UTF-8, as bs4 tried)."""
    for markup, encoding in ((html, None), (html.encode("utf-8", "surrogatepass"), "utf-8")):
        target = _Target()
        parser = etree.HTMLParser(target=target, encoding=encoding)
        try:
            _feed(parser, markup)
            top = parser.close()
        except (etree.ParserError, UnicodeDecodeError, LookupError):
            continue
        return Document(top, exact=True, names=target.names)
    return Document(etree.Element(DOCUMENT), exact=True)

