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
from stages.reviews import by_review

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


def _standing(reviews: list[dict], run_id: int) -> dict | None:
    """The review that stands for a finding on a night: the newest of those made on that run or
    an earlier one (`reviews`: the finding's, oldest first, as Store.reviews lists them)."""
    standing = None
    for review in reviews:
        if review["run_id"] <= run_id:
            standing = review
    return standing


def _compare(history: SiteHistory, point: RunPoint, feature: str, detected: tuple[str, str],
             reviews: tuple[dict | None, dict | None]) -> None:
    """Add to `history` the change of one finding from the night before to `point`'s night, if
    any: `detected` is what the detector saw on the two nights, `reviews` the reviews standing."""
    (then_detected, now_detected), (then_review, now_review) = detected, reviews
    then = then_review["state"] if then_review else then_detected
    now = now_review["state"] if now_review else now_detected
    if then == now:
        return
    if by_review(then_detected, now_detected):
        review = now_review or then_review or {}
        history.reviews.append(FeatureChange(point.run_id, review.get("reviewed_at") or point.date, feature,
                                             then, now, review.get("reviewer"), review.get("note")))
    elif "unknown" not in (then_detected, now_detected):
        history.site.append(FeatureChange(point.run_id, point.date, feature, then, now))


def _follow(store: Store, runs: list[dict], site_ids: list[str], urls: dict[str, str],
            one_site: str | None = None) -> dict[str, SiteHistory]:
    """The histories of `site_ids` over `runs` (oldest first, each with ``run_id`` and
    ``started_at``; ``status`` too with `one_site`, whose rows alone are then read).

    Cost grows with the changes, not with the findings: every run's scores come in one query,
    and of each night's findings only those whose detected state differs from the site's
    previous night (Store.detection_changes) or that a review made since that night may have
    changed are read; a finding that stayed alike and unreviewed changed nothing."""
    wanted = set(site_ids)
    histories = {site_id: SiteHistory(site_id, [], [], url=urls.get(site_id, "")) for site_id in site_ids}
    held = {run["run_id"] for run in runs}
    up_to = max(held, default=0)
    scores: dict[tuple[int, str], dict] = {}
    for run_id, site_id, framework, osi_raw in store.score_history(up_to, one_site):
        if run_id in held and site_id in wanted:
            scores.setdefault((run_id, site_id), {})[framework] = osi_raw
    reviews: dict[tuple[str, str], list[dict]] = {}
    for review in store.reviews(up_to):
        if review["site_id"] in wanted:
            reviews.setdefault((review["site_id"], review["feature"]), []).append(review)
    last: dict[str, int] = {}                     # site -> the run it was last read in
    for run in runs:
        run_id = run["run_id"]
        if one_site is not None:
            statuses = {one_site: run["status"]}        # the runs holding the site (Store.site_runs)
        else:
            statuses = {site_id: status for site_id, status in store.site_statuses(run_id).items() if site_id in wanted}
        points = {}
        for site_id, status in statuses.items():
            history = histories[site_id]
            point = points[site_id] = RunPoint(run_id, run["started_at"], status, scores.get((run_id, site_id), {}))
            history.frameworks += [name for name in point.osi_raw if name not in history.frameworks]
            history.runs.append(point)
        before: dict[int, set[str]] = {}           # the night each site is compared with
        for site_id in statuses:
            if site_id in last:
                before.setdefault(last[site_id], set()).add(site_id)
        for before_run, members in before.items():
            changed = {(site_id, feature): (then, now) for site_id, feature, then, now
                       in store.detection_changes(before_run, run_id, one_site) if site_id in members}
            for (site_id, feature), made in reviews.items():
                if site_id in members and (site_id, feature) not in changed and \
                        any(before_run < review["run_id"] <= run_id for review in made):
                    then = store.detected_state(before_run, site_id, feature)     # the same both nights
                    if then is not None and store.detected_state(run_id, site_id, feature) == then:
                        changed[(site_id, feature)] = (then, then)
            for (site_id, feature), detected in sorted(changed.items()):
                made = reviews.get((site_id, feature), [])
                _compare(histories[site_id], points[site_id], feature, detected,
                         (_standing(made, before_run), _standing(made, run_id)))
        for site_id in statuses:
            last[site_id] = run_id
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
    return _follow(store, held, [site_id], {site_id: held[-1]["url"] or ""}, one_site=site_id)[site_id]


def run_histories(store: Store, run_id: int) -> dict[str, SiteHistory]:
    """The history of every site of a run over every assessed run up to it (the run's report
    does not look into later nights), oldest first, for all sites at once (see _follow)."""
    runs = [{"run_id": r["id"], "started_at": r["started_at"]} for r in store.runs()
            if r["id"] <= run_id and r["state"] == "assessed"]
    rows = store.site_rows(run_id)
    return _follow(store, runs, [r["site_id"] for r in rows], {r["site_id"]: r["url"] or "" for r in rows})
