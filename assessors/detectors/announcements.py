"""Notices of open consultations: a notice inviting the public to a consultation, vote or hearing
whose text carries a date on or after the day the page was fetched (a closing date, the day of the
hearing). The notice itself is the evidence, in a news list too; one without a date still to come
may be long closed, and is none."""

from __future__ import annotations

from datetime import date

from ..base import MEDIUM, Assessor, link_names, vocabulary
from ..registry import detector
from ..thaidate import dates_in


@detector("announcements")
class Announcements(Assessor):
    features = ("participate.announcements",)
    name = "participate.announcements"
    max_text = 300

    def page(self, view):
        terms = vocabulary(self.features[0], view)
        today = view.fetched_on or date.today()
        for link in view.links:
            found = link_names(terms, link, view.url)
            if not found or len(link.text) > self.max_text:
                continue
            ahead = [d for d in dates_in(" ".join((link.norm, link.context or ""))) if d >= today]
            if ahead:
                yield self.evidence(self.features[0], view, link.url, link.element,
                                    f"{link.text} (until {max(ahead).isoformat()})", link.region, MEDIUM)
                return
        first = terms.first(view.norm_text)        # from the page text's one scan for all features
        if first:
            start, found = first
            window = view.norm_text[start:start + 300]
            ahead = [d for d in dates_in(window) if d >= today]
            if ahead and not terms.vetoed(window):
                yield self.evidence(self.features[0], view, "", "page text", view.snippet(found, 120))
