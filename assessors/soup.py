"""The home page's BeautifulSoup tree, which the technology detectors read (assessors/technology.py
``home_soup``): BeautifulSoup on lxml, with the page's nesting kept bounded. The page view of every
page is built from lxml's own tree instead (assessors/tree.py), which reads a page as this does.

BeautifulSoup reads a page through lxml's parser-target interface, which libxml2 does not
limit in depth, so a page nested 100,000 elements deep keeps its later links; but every level
is a Python object, and such a page took seconds and hundreds of megabytes to build. Past
``ground.markup.NESTING_LIMIT`` levels (where the crawler's own parse flattens too, and records
a page warning) an element's tags are dropped and its text kept, except for the elements the
page view reads (links, forms and their fields, embeds, headings, scripts), which are kept a
few levels further.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.builder import LXMLTreeBuilder
from bs4.element import AttributeDict

from ground.markup import NESTING_LIMIT

from .tree import KEPT_DEEP, KEPT_DEEP_LEVELS      # the same flattening as the page view's


class ShallowLXMLTreeBuilder(LXMLTreeBuilder):
    """bs4's lxml HTML builder, building the tree at most NESTING_LIMIT (+ a few) deep.

    It also hands each element to BeautifulSoup the short way: bs4's own lxml builder copies
    every element's attributes three times through Python-level dictionaries (to map XML
    namespaces, which lxml's HTML parser never reports) and checks each value's type, a third
    of the parse of an attribute-heavy page. The tree is the same: an element's attributes are
    copied once, into a plain dictionary (lxml gives only strings, which bs4's attribute
    dictionary would keep as they are), and a namespaced element still goes bs4's own way."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("attribute_dict_class", AttributeDict)
        super().__init__(**kwargs)

    def feed(self, markup) -> None:
        self.kept = bytearray()       # per open element: 1 if it is in the tree
        self.depth = 0
        self.flattened = False
        super().feed(markup)

    def start(self, tag, attrib, nsmap={}):  # noqa: B006 - bs4's own signature
        keep = self.depth < NESTING_LIMIT or (tag in KEPT_DEEP and self.depth < NESTING_LIMIT + KEPT_DEEP_LEVELS)
        self.kept.append(keep)
        if not keep:
            self.flattened = True
            return
        self.depth += 1
        if nsmap or len(self.nsmaps) > 1 or tag[0] == "{":
            super().start(tag, attrib, nsmap)
        else:               # the Tag copies the attributes into attribute_dict_class
            self.soup.handle_starttag(tag, None, None, attrib, namespaces=self.active_namespace_prefixes[-1])

    def end(self, tag) -> None:
        if self.kept and self.kept.pop():
            self.depth -= 1
            if len(self.nsmaps) > 1:
                super().end(tag)
            else:
                self.soup.handle_endtag(tag)

    def data(self, content) -> None:
        self.soup.handle_data(content)


def parse(html: str) -> BeautifulSoup:
    # attributes stay strings: splitting class and rel into lists for every element was a
    # tenth of the parse, and only rel's tokens are looked at (assessors/page.py)
    return BeautifulSoup(html, builder=ShallowLXMLTreeBuilder(multi_valued_attributes=None))
