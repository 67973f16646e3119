"""Upcoming events (LOSI 295): a calendar named in the site's menus or embedded, or an event
whose date is still to come. An event's date that has passed makes it a report of a past
activity, which does not count."""

from __future__ import annotations

from datetime import date

from ..base import NamedLinkAssessor
from ..page import LISTING
from ..thaidate import dates_in
from ..registry import detector


@detector("events")
class Events(NamedLinkAssessor):
    feature = "info.events"
    max_text = 60

    def link_evidence(self, view, terms, link):
        """A link that carries a date counts when the date is the day the page was fetched or
        later; an item of a list of events or notices must carry one (its own or its item's)."""
        found = super().link_evidence(view, terms, link)
        if found is None:
            return None
        dated = dates_in(link.norm)
        if not dated and link.region == LISTING:
            item = next((t for t in view.listing_texts if link.norm and link.norm in t), "")
            dated = dates_in(item)
            if not dated:
                return None
        if dated and max(dated) < (view.fetched_on or date.today()):
            return None
        return found

    def accept(self, view, link, found):
        # an invitation with its date and place is longer than a menu's name for a calendar
        return link.navigates and (link.region == LISTING or len(link.text) <= self.max_text)
