"""A site's history across every assessed run of the database: its score per framework night
after night, and the features it gained and lost, with dates.

A finding whose standing state changed while the detector saw the same thing both nights
changed by a reviewer's decision, not on the site: such changes are listed apart
(`SiteHistory.reviews`), so a review of an old finding never reads as growth of the site.
A feature the crawl could not see (the site was down) is neither gained nor lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ground.store import Store
from stages.reviews import findings

PRESENT = "present"


class HistoryError(ValueError):
    pass


@dataclass
class RunPoint:
    run_id: int
    date: str                               # the crawl's start, ISO UTC
    status: str | None                      # the site's crawl status that night
    osi_raw: dict[str, float | None]        # framework -> score (None: not scored that night)


@dataclass
class FeatureChange:
    run_id: int                             # the run where the change is first seen
    date: str                               # the crawl's date, or the review's for a decision
    feature: str
    before: str
    after: str
    reviewer: str | None = None             # for a reviewer's decision
    note: str | None = None

    @property
    def kind(self) -> str:
        """gained, lost, or changed (between absent, unknown and not_applicable)."""
        if self.after == PRESENT:
            return "gained"
        if self.before == PRESENT:
            return "lost"
        return "changed"


@dataclass
class SiteHistory:
    site_id: str
    frameworks: list[str]
    runs: list[RunPoint]
    site: list[FeatureChange] = field(default_factory=list)      # changes on the site
    reviews: list[FeatureChange] = field(default_factory=list)   # reviewers' decisions
    url: str = ""                           # the site's address in its latest run, as stored


def site_history(store: Store, site_id: str) -> SiteHistory:
    """The history of one site over every assessed run holding it, oldest first."""
    held = store.site_runs(site_id)
    if not held:
        raise HistoryError(f"{store.path}: no assessed run has a site {site_id!r} (see egovscan runs; "
                           "site ids are the sites file's site_id column)")
    frameworks: list[str] = []
    runs, states = [], []
    for row in held:
        scores = {s["framework"]: s for s in store.scores(row["run_id"], site_id=site_id)}
        frameworks += [name for name in scores if name not in frameworks]
        runs.append(RunPoint(row["run_id"], row["started_at"], row["status"],
                             {name: s["osi_raw"] for name, s in scores.items()}))
        states.append({f.feature: f for f in findings(store, row["run_id"], site_id)})
    for point in runs:
        point.osi_raw = {name: point.osi_raw.get(name) for name in frameworks}
    history = SiteHistory(site_id, frameworks, runs, url=held[-1]["url"] or "")
    for (_, before), (point, after) in zip(zip(runs, states), zip(runs[1:], states[1:])):
        for feature, now in after.items():
            then = before.get(feature)
            if then is None or then.state == now.state:
                continue
            if then.detected == now.detected:           # the detector saw the same: a reviewer decided
                review = now.review or then.review or {}
                history.reviews.append(FeatureChange(point.run_id, review.get("reviewed_at") or point.date, feature,
                                                     then.state, now.state, review.get("reviewer"), review.get("note")))
            elif "unknown" not in (then.detected, now.detected):
                history.site.append(FeatureChange(point.run_id, point.date, feature, then.state, now.state))
    return history
