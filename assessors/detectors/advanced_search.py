"""Advanced search: a search form with more than the query box (a section, category, date range or
file type to narrow it by), or a link named as advanced search."""

from __future__ import annotations

import re

from ..base import STRONG, NamedLinkAssessor
from ..forms import form_kind
from ..registry import detector

FILTERS = ("select", "date", "checkbox", "radio", "datetime-local", "month")
# controls a header form holds beside its search box that set the display, not the search
DISPLAY = re.compile(r"theme|skin|style|lang|font|colou?r|contrast|size|view")


@detector("advanced_search")
class AdvancedSearch(NamedLinkAssessor):
    feature = "site.advanced_search"
    max_text = 40
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            if form_kind(form) != "search":
                continue
            user = form.user_fields()
            filters = sorted({f.type if f.tag == "input" else f.tag for f in user
                              if (f.tag == "select" or f.type in FILTERS) and not DISPLAY.search(f.name)})
            texts = [f for f in user if f.tag == "input" and f.type in ("text", "search")]
            if filters or len(texts) >= 2:
                shown = ", ".join(filters) or f"{len(texts)} text boxes"
                yield self.evidence(self.feature, view, form.action, f"<form> search with filters ({shown})",
                                    form.text[:120] or "search form", form.region, STRONG)
                break
        yield from super().page(view)
