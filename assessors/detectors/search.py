"""Site search: a search form, box or custom-search tag."""

from __future__ import annotations

import re

from ground.text import normalise_short

from ..base import STRONG, Assessor, vocabulary
from ..forms import form_kind
from ..registry import detector


_SEARCH_INPUT = re.compile(r'type="search"|placeholder="[^"]*(?:search|ค้นหา)', re.I)
# what a box says to the person about to type in it
_PROMPT = re.compile(r'\b(?:placeholder|aria-label|title)="([^"]*)"', re.I)


@detector("search")
class Search(Assessor):
    features = ("site.search",)
    name = "site.search"

    def page(self, view):
        terms = vocabulary("site.search", view)
        lookups = set()
        for i, form in enumerate(view.forms):
            if not form.wraps_page and terms.vetoed(form.text):
                lookups.add(i)
                continue        # one lookup (ค้นหาผู้มีสิทธิ์, a phone book, a parcel's tracking), not the site
            if form_kind(form) == "search" or (terms.find(form.text + " " + form.attrs)
                                               and len(form.user_fields()) <= 3 and not form.has("password")):
                yield self.evidence(self.features[0], view, form.action, f"<form action={form.action[:80]}>",
                                    form.text[:120] or "search form", form.region, STRONG)
                return
        if view.search_tag:
            yield self.evidence(self.features[0], view, "", view.search_tag, "Google custom search box", "", STRONG)
            return
        for (tag, descriptor, shown), form in zip(view.controls, view.control_forms):
            if form in lookups:
                continue        # the box or the button of a lookup's form
            # named a search box by its id or class, or by HTML's own search type or a placeholder
            # asking for a search: the one box in a form that wraps the whole page (ASP.NET Web Forms)
            if tag == "input" and (re.search(r"search|ค้นหา|sbox", descriptor) or _SEARCH_INPUT.search(shown)
                                   or _asks_for_search(terms, shown)):
                yield self.evidence(self.features[0], view, "", "<input> search box", shown, "", STRONG)
                return


def _asks_for_search(terms, shown: str) -> bool:
    """A box whose prompt asks for a search in the words of the page's language ("Cari...",
    "Carian", "Suche"): a search a script runs, with no form of its own. A prompt for one lookup
    (a phone book, who is entitled) is the packs' negative, no site search."""
    prompts = " ".join(normalise_short(m.group(1)) for m in _PROMPT.finditer(shown))
    return bool(prompts) and bool(terms.find(prompts)) and not terms.vetoed(prompts)

