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


def by_review(detected_then: str, detected_now: str) -> bool:
    """Whether a change of a finding's standing state between two nights was a reviewer's
    decision: the detector saw the same thing both nights (the one rule of history and diff)."""
    return detected_then == detected_now


def _compare(history: SiteHistory, point: RunPoint, before: dict, after: dict) -> None:
    """Add to `history` the changes of one site from the night before to `point`'s night."""
    for feature, now in after.items():
        then = before.get(feature)
        if then is None or then.state == now.state:
            continue
        if by_review(then.detected, now.detected):
            review = now.review or then.review or {}
            history.reviews.append(FeatureChange(point.run_id, review.get("reviewed_at") or point.date, feature,
                                                 then.state, now.state, review.get("reviewer"), review.get("note")))
        elif "unknown" not in (then.detected, now.detected):
            history.site.append(FeatureChange(point.run_id, point.date, feature, then.state, now.state))


def _follow(store: Store, runs: list[dict], site_ids: list[str], one_site: str | None = None) -> dict[str, SiteHistory]:
    """The histories of `site_ids` over `runs` (oldest first, each with ``run_id`` and
    ``started_at``; ``status`` and ``url`` too with `one_site`, whose rows alone are then
    read), reading each run once and keeping only each site's last night of findings in memory."""
    wanted = set(site_ids)
    histories = {site_id: SiteHistory(site_id, [], []) for site_id in site_ids}
    last: dict[str, dict] = {}
    for run in runs:
        run_id = run["run_id"]
        if one_site is not None:
            rows = [dict(run, site_id=one_site)]         # the runs holding the site (Store.site_runs)
        else:
            rows = [r for r in store.site_rows(run_id) if r["site_id"] in wanted]
        statuses = {r["site_id"]: r["status"] for r in rows}
        for r in rows:
            histories[r["site_id"]].url = r["url"] or ""     # the address in its latest run, as stored
        scores: dict[str, dict] = {}
        for s in store.scores(run_id, site_id=one_site):
            if s["site_id"] in statuses:
                scores.setdefault(s["site_id"], {})[s["framework"]] = s["osi_raw"]
        states: dict[str, dict] = {}
        for f in findings(store, run_id, one_site):
            if f.site_id in statuses:
                states.setdefault(f.site_id, {})[f.feature] = f
        for site_id, status in statuses.items():
            history = histories[site_id]
            point = RunPoint(run_id, run["started_at"], status, scores.get(site_id, {}))
            history.frameworks += [name for name in point.osi_raw if name not in history.frameworks]
            history.runs.append(point)
            now = states.get(site_id, {})
            if site_id in last:
                _compare(history, point, last[site_id], now)
            last[site_id] = now
    for history in histories.values():
        for point in history.runs:
            point.osi_raw = {name: point.osi_raw.get(name) for name in history.frameworks}
    return histories


def site_history(store: Store, site_id: str) -> SiteHistory:
    """The history of one site over every assessed run holding it, oldest first."""
    held = store.site_runs(site_id)
    if not held:
        raise HistoryError(f"{store.path}: no assessed run has a site {site_id!r} (see egovscan runs; "
                           "site ids are the sites file's site_id column)")
    return _follow(store, held, [site_id], one_site=site_id)[site_id]


def run_histories(store: Store, run_id: int) -> dict[str, SiteHistory]:
    """The history of every site of a run over every assessed run up to it (the run's report
    does not look into later nights), oldest first; each run is read once for all sites."""
    runs = [{"run_id": r["id"], "started_at": r["started_at"]} for r in store.runs()
            if r["id"] <= run_id and r["state"] == "assessed"]
    return _follow(store, runs, [r["site_id"] for r in store.site_rows(run_id)])
