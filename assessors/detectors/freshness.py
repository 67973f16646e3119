"""Freshness: the newest content date on the site."""

from __future__ import annotations

from datetime import date, timedelta

from ..base import ABSENT, PRESENT, Assessor, Decision
from ..registry import detector
from ..thaidate import dates_in


@detector("freshness")
class Freshness(Assessor):
    """The newest content date on the site; present when it is at most a year before the crawl.

    Each page gives its newest date that is not after the day it was fetched (a later date is an
    event or a deadline, not an update), and every page's counts: the newest may be deep. Pages
    write their own local date and the store keeps UTC, so a date one day after the crawl's is
    still today for an agency east of Greenwich (Bangkok is UTC+7: a crawl after midnight)."""

    features = ("site.freshness",)
    name = "site.freshness"
    max_age_days = 365
    evidence_kept = None
    local_ahead = timedelta(days=1)

    def page(self, view):
        dates = [d for d in dates_in(view.norm_text) if view.fetched_on is None or d <= view.fetched_on + self.local_ahead]
        if dates:
            newest = max(dates)
            yield self.evidence(self.features[0], view, "", "page text date", newest.isoformat())

    def site(self, findings):
        crawled = findings.facts.get("crawled_on") or date.today()
        dates = [date.fromisoformat(e.text) for e in findings.evidence.get(self.features[0], [])]
        dates = [d for d in dates if d <= crawled + self.local_ahead]    # a later date is an event, not an update
        if not dates:
            return {self.features[0]: Decision(ABSENT)}
        newest = max(dates)
        age = max(0, (crawled - newest).days)
        findings.evidence[self.features[0]] = sorted(
            (e for e in findings.evidence[self.features[0]] if e.text == newest.isoformat()), key=lambda e: e.page_url)[:3]
        return {self.features[0]: Decision(PRESENT if age <= self.max_age_days else ABSENT,
                                           {"newest": newest.isoformat(), "age_days": age})}

