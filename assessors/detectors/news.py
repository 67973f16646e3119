"""News: a link that names the news, or a news list with dated items (FEATURES.md's evidence).

Many agencies' home pages show their latest news as a list of headlines, each with its date,
under a heading drawn as an image or a styled block rather than a link or an <h2>: the list
itself is the evidence, whatever its heading says."""

from __future__ import annotations

from ..base import MEDIUM, NamedLinkAssessor, is_offsite, vocabulary
from ..cues import region_markers
from ..page import LISTING
from ..registry import detector
from ..social import social_platform
from ..thaidate import dates_in

# a headline: a link text at least this long (a date or "more" alone is not one)
HEADLINE_TEXT = 15
# a headline's date is written right before it or in the line after it
BEFORE, AFTER = 40, 60
# distinct dated headlines that make a list
LIST_ITEMS = 3
# a list's own link to its other items ("More news", "ข่าวทั้งหมด") is a menu's length, not a headline's
MORE_TEXT = 25


def _says_more(rest: str, more: tuple[str, ...]) -> bool:
    """The words beside the news term are a "more"/"all" word: whole words in Latin script
    ("small business news" is not "all news"), substrings in Thai."""
    words = rest.split()
    return any((w in words) if w.isascii() and " " not in w else (w in rest) for w in more)


@detector("news")
class News(NamedLinkAssessor):
    feature = "info.news"

    def link_evidence(self, view, terms, link):
        # a picture without words to another organisation's site, named only by the heading of its
        # box ("ข่าวประชาสัมพันธ์" over a row of agencies' and campaigns' banners), is that
        # organisation's banner: news is headlines; a post on the agency's social page is its news
        if not link.norm and link.images and is_offsite(view, link.url) and not social_platform(link.url):
            return None
        return super().link_evidence(view, terms, link)

    def page(self, view):
        yield from super().page(view)
        yield from self.more_news(view)
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

    def more_news(self, view):
        """A news block's link to the rest of its items ("More news", "ข่าวทั้งหมด"): a headline in
        the block is news about something, this link is the news list with its older items."""
        terms = vocabulary(self.feature, view)
        more = region_markers().more_items
        for link in view.links:
            if link.region != LISTING or not link.leads_to_page or len(link.norm) > MORE_TEXT:
                continue
            named = terms.find(link.norm)
            if named and not terms.vetoed(link.norm) and _says_more(link.norm.replace(named, " "), more):
                yield self.evidence(self.feature, view, link.url, "<a> link to the news list's other items",
                                    link.text, LISTING, MEDIUM)
                return
            # "ดูทั้งหมด" alone, in a block its tab or drop-down names as the news
            if not named and link.section and _says_more(link.norm, more) and terms.find(link.section) \
                    and not terms.vetoed(link.section):
                yield self.evidence(self.feature, view, link.url, f"<a> link to the other items of '{link.section[:60]}'",
                                    link.text, LISTING, MEDIUM)
                return
            # "View all" at the foot of a box whose heading names the news (its items drawn by a script)
            if not named and link.generic and _says_more(link.norm, more) and terms.find(link.context) \
                    and not terms.vetoed(link.context):
                yield self.evidence(self.feature, view, link.url, f"<a> link to the other items of '{link.context[:60]}'",
                                    link.text, LISTING, MEDIUM)
                return
