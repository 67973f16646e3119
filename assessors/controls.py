"""Detectors of widgets on the page (buttons, script links) rather than links to other pages."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .base import STRONG, NamedLinkAssessor, vocabulary
from .page import HEADLINE, LISTING, MAIN


@lru_cache(maxsize=1 << 15)
def names_control(control: re.Pattern, described: str) -> bool:
    """Whether a link's or a control's markup names the widget: remembered, since menus and
    footers repeat on every page of a site and these patterns have many alternatives."""
    return control.search(described) is not None


class ControlAssessor(NamedLinkAssessor):
    """A widget on the page (button, script link) rather than a link to another page: named
    by its markup (``control``: class, id, handler, A+/ก+ labels) or by the feature's words
    on the button itself ("ฟังเสียงอ่าน", "High contrast")."""

    control = re.compile("$^")
    pages_only = False      # its buttons are script links by nature

    def accept(self, view, link, found):
        if link.inert:          # href="#" or a script: on the page, whatever <base href> it resolves against
            return True
        low = link.url.lower()
        return low.startswith(("javascript:", "#")) or low == view.url or "#" in low and low.split("#")[0] == view.url.split("#")[0]

    def link_evidence(self, view, terms, link):
        # a button that stays on the page is a widget wherever it sits: a list of news holds links
        # to posts, so a header block whose class names "activity" or "news" does not make its
        # size or contrast buttons headlines. A button is named in a few words; a headline's
        # sentence is a post a script opens in place (href="javascript:openNews(12)"), still news
        if link.region == LISTING and len(link.norm) < HEADLINE and self.accept(view, link, ""):
            link = replace(link, region=MAIN)
        return super().link_evidence(view, terms, link)

    def page(self, view):
        terms = vocabulary(self.feature, view)
        for tag, descriptor, shown in view.controls:
            if names_control(self.control, descriptor) or terms.find(descriptor):
                yield self.evidence(self.feature, view, "", f"<{tag}> control", shown, "", STRONG)
                return
        for link in view.links:
            if names_control(self.control, f"{link.attrs} {link.norm} {link.url.lower()} {link.images}") \
                    and self.accept(view, link, ""):
                yield self.evidence(self.feature, view, link.url, f"{link.element} control", link.text or link.url,
                                    link.region, STRONG)
                return
        yield from super().page(view)
