"""News: a link that names the news, or a news list with dated items (FEATURES.md's evidence).

Many agencies' home pages show their latest news as a list of headlines, each with its date,
under a heading drawn as an image or a styled block rather than a link or an <h2>: the list
itself is the evidence, whatever its heading says."""

from __future__ import annotations

from ..base import NamedLinkAssessor
from ..page import LISTING
from ..registry import detector
from ..thaidate import dates_in

# a headline: a link text at least this long (a date or "more" alone is not one)
HEADLINE_TEXT = 15
# a headline's date is written right before it or in the line after it
BEFORE, AFTER = 40, 60
# distinct dated headlines that make a list
LIST_ITEMS = 3


@detector("news")
class News(NamedLinkAssessor):
    feature = "info.news"

    def page(self, view):
        yield from super().page(view)
        dated = {}
        text = view.norm_text
        for link in view.links:
            if link.region != LISTING or not link.navigates or len(link.norm) < HEADLINE_TEXT or link.url in dated:
                continue
            at = text.find(link.norm)
            if at >= 0 and dates_in(text[max(0, at - BEFORE): at + len(link.norm) + AFTER]):
                dated[link.url] = link
        if len(dated) >= LIST_ITEMS:
            first = next(iter(dated.values()))
            yield self.evidence(self.feature, view, first.url, f"<a> news list, {len(dated)} dated headlines",
                                first.text, LISTING)
