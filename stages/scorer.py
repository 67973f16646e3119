"""Scoring: a framework applied to site-level feature states (STAGES.md).

Pure functions, no I/O: ``score_site`` for one site, ``weighted`` for a what-if,
``normalise`` for osi_norm, ``group_scores`` and ``quadrants`` for sets of sites
(pandas frames). ``stages.runs`` reads the database and writes the results.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ground.status import SITE_JUDGED

from .framework import Criterion, Framework

PRESENT, ABSENT, UNKNOWN, NOT_APPLICABLE = "present", "absent", "unknown", "not_applicable"
# why an indicator is open (unknown): the words the JSON export and the report carry
NEEDS_REVIEWER = "needs a reviewer"
NO_DETECTOR = "no detector yet"
NOT_ASSESSED = "not assessed"
NO_FORMATS = "the detector recorded no file formats"
NO_FIGURE = "the detector recorded no figure"

# DGA 2019 (seed 001): growth against performance, each split at its mean over the panel
RISING_STAR, DEVELOPED, DEVELOPING, MAINTAIN = "Rising Star", "Developed", "Developing", "Maintain"


@dataclass
class Gap:
    stage: int
    criterion: str               # feature id, or "a|b" for an any-of criterion
    state: str                   # absent or unknown (unknown: the crawl could not show it)
    gain: float                  # osi_raw points the site gains when it is met

    code: str = ""               # the instrument's code of the indicator, when the framework gives one

    def as_dict(self) -> dict:
        gap = {"stage": self.stage, "criterion": self.criterion, "state": self.state, "gain": round(self.gain, 2)}
        if self.code:
            gap["code"] = self.code
        return gap


@dataclass
class SiteScore:
    scored: bool
    stage_pct: list[float | None] = field(default_factory=list)   # None: every criterion not_applicable
    osi_raw: float | None = None
    highest_stage: int | None = None
    gaps: list[Gap] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)             # criteria counted as not met, unverified
    reason: str | None = None                                    # why there is no score
    # frameworks with a pooled index or a level table (Framework.has_coverage):
    value: float | None = None           # 0-1: indicators met / indicators that apply (osi_raw / 100)
    level: str | None = None             # the band of the level table the value lies in
    coverage: dict | None = None         # decided automatically / by a reviewer / open, per criterion too


@dataclass
class Outcome:
    """How one criterion stands for one site."""

    credit: float | None          # 0..1; None: not applicable
    decided: bool                 # present or absent, not open
    reviewed: bool = False        # decided by a reviewer's decision
    reason: str | None = None     # why it is open


def criterion_outcome(criterion: Criterion, states: Mapping[str, tuple[str, dict | None]],
                      reviewed: Collection[str] = (), reasons: Mapping[str, str] | None = None,
                      planned: Collection[str] = ()) -> Outcome:
    """Credit and decidedness of one criterion. Met when a feature is present (and, for a
    `formats` or `kpi` criterion, its value shows it); not applicable when every feature is;
    open (unknown) when not met and a feature could not be judged, or a human-check indicator
    no reviewer decided yet."""
    found = [(f, *states.get(f, (UNKNOWN, None))) for f in criterion.features]
    if all(state == NOT_APPLICABLE for _, state, _ in found):
        return Outcome(None, True, any(f in reviewed for f in criterion.features))
    best, open_reason, deciders = 0.0, None, []
    for feature, state, value in found:
        if state == UNKNOWN:
            open_reason = open_reason or _open_reason(criterion, feature, reasons or {}, planned)
            continue
        if state != PRESENT:
            deciders.append(feature)
            continue
        credit, missing = _present_credit(criterion, value or {})
        if missing:
            open_reason = open_reason or missing
            continue
        deciders.append(feature)
        best = max(best, credit)
    if criterion.check == "human" and not any(f in reviewed for f in deciders):
        # no detector decides a human indicator, whatever it recorded: only a review does
        return Outcome(0.0, False, False, NEEDS_REVIEWER)
    if best < 1 and open_reason:
        return Outcome(best, False, False, open_reason)
    return Outcome(best, True, any(f in reviewed for f in deciders))


def _open_reason(criterion: Criterion, feature: str, reasons: Mapping[str, str], planned: Collection[str]) -> str:
    if criterion.check == "human":
        return NEEDS_REVIEWER
    if reasons.get(feature):
        return reasons[feature]
    return NO_DETECTOR if feature in planned else NOT_ASSESSED


def _present_credit(criterion: Criterion, value: dict) -> tuple[float, str | None]:
    """Credit of a present feature, or why its value cannot tell."""
    if criterion.formats:
        found = value.get("formats")
        if not isinstance(found, list):
            return 0.0, NO_FORMATS
        return (1.0 if {str(f).lower().lstrip(".") for f in found} & set(criterion.formats) else 0.0), None
    if criterion.kpi is not None:
        raw = value.get(criterion.kpi.value)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            return 0.0, NO_FIGURE
        return criterion.kpi.points(float(raw)) / len(criterion.kpi.thresholds), None
    if criterion.credit_value is not None:
        raw = value.get(criterion.credit_value)
        # present without the value still earns the lowest step rather than nothing
        return (min(1.0, float(raw) / criterion.credit_max) if isinstance(raw, (int, float))
                else 1.0 / criterion.credit_max), None
    return 1.0, None


def criterion_credit(criterion: Criterion, states: Mapping[str, tuple[str, dict | None]]) -> float | None:
    """Credit 0..1 of one criterion; None when it does not apply to the site."""
    return criterion_outcome(criterion, states).credit


def weighted(framework: Framework, stage_pct: Iterable[float | None]) -> float:
    """osi_raw from stage percentages: sum(weight * pct) / sum(weight) over the stages that apply."""
    pairs = [(s.weight, p) for s, p in zip(framework.stages, stage_pct, strict=True) if p is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * p for w, p in pairs) / total if total else 0.0


def score_site(framework: Framework, status: str | None,
               states: Mapping[str, tuple[str, dict | None]], reviewed: Collection[str] = (),
               reasons: Mapping[str, str] | None = None) -> SiteScore:
    """Score one site from its crawl status and its feature states {feature: (state, value)};
    `reviewed` names the features whose state is a reviewer's decision, `reasons` why the
    detector left a feature unknown."""
    if status not in SITE_JUDGED:
        return SiteScore(scored=False, reason=f"crawl status {status or 'not crawled'}")
    relevant = [states.get(f, (UNKNOWN, None))[0] for f in framework.features]
    if relevant and all(state == UNKNOWN for state in relevant):
        return SiteScore(scored=False, reason="assessment could not judge the site (every feature unknown)")

    stage_pct: list[float | None] = []
    missing: list[tuple[int, Criterion, float, float]] = []     # (stage, criterion, credit, share of stage)
    unknown: list[str] = []
    outcomes: list[list[tuple[Criterion, Outcome]]] = []
    for stage in framework.stages:
        judged = [(c, criterion_outcome(c, states, reviewed, reasons, framework.planned)) for c in stage.criteria]
        outcomes.append(judged)
        applicable = [(c, o.credit) for c, o in judged if o.credit is not None]
        total_share = sum(c.share for c, _ in applicable)
        if not total_share:
            stage_pct.append(None)
            continue
        stage_pct.append(100 * sum(c.share * credit for c, credit in applicable) / total_share)
        for c, o in judged:
            if o.credit is None:
                continue
            if o.credit < 1:
                missing.append((stage.number, c, o.credit, 100 * c.share / total_share))
            if o.credit == 0 and not o.decided:
                unknown.append(c.key)

    applied_weight = sum(s.weight for s, p in zip(framework.stages, stage_pct) if p is not None)
    pooled = framework.index == "pooled"
    applicable_count = sum(o.credit is not None for judged in outcomes for _, o in judged)
    if pooled:
        met = sum(o.credit for judged in outcomes for _, o in judged if o.credit is not None)
        osi_raw = 100 * met / applicable_count if applicable_count else 0.0
    else:
        osi_raw = weighted(framework, stage_pct)
    gaps = []
    for stage_no, c, credit, share in missing:
        state = UNKNOWN if c.key in unknown else ABSENT
        if pooled:
            gain = 100 * (1 - credit) / applicable_count
        else:
            gain = framework.stages[stage_no - 1].weight * share * (1 - credit) / applied_weight
        gaps.append(Gap(stage_no, c.key, state, gain, c.code))

    highest = None
    if framework.ordered:
        highest = 0
        for pct in stage_pct:
            if pct is not None and pct < framework.threshold:
                break
            highest += 1
        # what to add first: the next rung of the ladder; at the top, whatever is still missing
        next_gaps = [g for g in gaps if g.stage == highest + 1]
        gaps = next_gaps or gaps
    if not pooled:     # pooled: every gap weighs the same, so they stay in the framework's order
        gaps.sort(key=lambda g: (-g.gain, g.stage) if not framework.ordered else (g.stage, -g.gain))
    result = SiteScore(scored=True, stage_pct=stage_pct, osi_raw=osi_raw, highest_stage=highest,
                       gaps=gaps, unknown=unknown)
    if framework.has_coverage:
        result.value = osi_raw / 100
        level = framework.level_of(result.value)
        result.level = level.name if level else None
        result.coverage = dict(coverage(framework, outcomes), level_th=level.name_th if level else None)
    return result


def coverage(framework: Framework, outcomes: list[list[tuple[Criterion, Outcome]]]) -> dict:
    """How much of a score is settled: indicators decided automatically, by a reviewer, still
    open, or not applicable; met over decided ones only; the same per criterion (stage), and
    each open indicator with the reason it is open."""
    def counts(judged: list[tuple[Criterion, Outcome]]) -> dict:
        applicable = [o for _, o in judged if o.credit is not None]
        decided = [o for o in applicable if o.decided]
        met = sum(o.credit for o in applicable)
        met_decided = sum(o.credit for o in decided)
        return {"indicators": len(judged), "met": round(met, 4),
                "automatic": sum(not o.reviewed for o in decided), "reviewed": sum(o.reviewed for o in decided),
                "open": len(applicable) - len(decided), "not_applicable": len(judged) - len(applicable),
                "decided": len(decided),
                "value": round(met / len(applicable), 4) if applicable else None,
                "value_decided": round(met_decided / len(decided), 4) if decided else None}

    every = [pair for judged in outcomes for pair in judged]
    result = counts(every)
    result["criteria"] = [dict(counts(judged), name=stage.name, name_th=stage.name_th)
                          for stage, judged in zip(framework.stages, outcomes)]
    result["open_indicators"] = [
        {"criterion": c.key, "code": c.code, "stage": stage.number, "check": c.check, "reason": o.reason}
        for stage, judged in zip(framework.stages, outcomes) for c, o in judged
        if o.credit is not None and not o.decided]
    return result


def normalise(osi_raw: pd.Series) -> pd.Series:
    """osi_norm = (raw - min) / (max - min) over the set compared (UN method).

    A set of one site, or of sites all scoring the same, has osi_norm 1.0 by convention.
    """
    low, high = osi_raw.min(), osi_raw.max()
    if pd.isna(low) or high == low:
        return osi_raw.where(osi_raw.isna(), 1.0)
    return (osi_raw - low) / (high - low)


def stage_columns(framework: Framework) -> list[str]:
    return [f"stage{s.number}" for s in framework.stages]


def group_values(sites: pd.DataFrame, by: str) -> pd.Series:
    """Each site's value of column `by` as text; NaN for a site that leaves it empty (no group)."""
    values = sites[by].fillna("").astype(str).str.strip()
    return values.where(values != "")


def group_scores(framework: Framework, sites: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group of sites (one value of column `by`): counts, mean stage_pct, osi_raw, rank.

    `sites` has one row per site: `by`, ``scored`` and the stage columns (NaN when not
    scored). A group's stage_pct is the mean over its scored sites; its osi_raw is computed
    from those means with the framework's weights (the mean of the sites' osi_raw). Sites that
    leave `by` empty share nothing: they form no group, so they are neither ranked nor compared
    as if they were a ministry.
    """
    columns = stage_columns(framework)
    frame = sites.assign(_group=group_values(sites, by)).dropna(subset=["_group"])
    grouped = frame.groupby("_group", sort=True)
    result = pd.DataFrame({"sites": grouped.size(), "scored": grouped["scored"].sum().astype(int)})
    means = grouped[columns].mean()
    result = result.join(means)
    result["osi_raw"] = [
        weighted(framework, [None if pd.isna(v) else float(v) for v in row]) if not row.isna().all() else float("nan")
        for _, row in means.iterrows()]
    result["rank"] = result["osi_raw"].rank(method="min", ascending=False)
    result.index.name = "group_value"
    return result.reset_index()


def ranks_within(sites: pd.DataFrame, by: str | None) -> pd.Series:
    """Rank by osi_raw (1 = best, ties share a rank) within each group of `by`, or nationally;
    NaN for a site that leaves `by` empty (it has no group to be ranked in)."""
    if by is None:
        return sites["osi_raw"].rank(method="min", ascending=False)
    return sites["osi_raw"].groupby(group_values(sites, by)).rank(method="min", ascending=False)


def quadrants(previous: pd.DataFrame, current: pd.DataFrame,
              made: dict[str, float] | None = None) -> tuple[pd.DataFrame, dict]:
    """DGA 2019 growth-versus-performance quadrants on the panel of sites scored in both runs.

    Both frames have ``site_id`` and ``osi_raw`` (NaN when not scored). Growth is the change
    in osi_raw, or, where ``made`` gives a site's current osi_raw as the site alone made it
    (reviewers' decisions left out), the change to that; both growth and current osi_raw are
    split at their panel means, a value at the mean counting as high. Returns the panel and
    the two means.
    """
    panel = current[["site_id", "osi_raw"]].merge(
        previous[["site_id", "osi_raw"]].rename(columns={"osi_raw": "prev_osi_raw"}), on="site_id")
    panel = panel.dropna(subset=["osi_raw", "prev_osi_raw"]).reset_index(drop=True)
    reached = panel["osi_raw"] if made is None else panel["site_id"].map(made).fillna(panel["osi_raw"])
    panel["growth"] = reached - panel["prev_osi_raw"]
    return split_quadrants(panel)


def split_quadrants(panel: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The DGA 2019 split of a panel with ``osi_raw`` and ``growth`` (whatever change the caller
    counts as growth) at their means, a value at the mean counting as high; adds ``quadrant``."""
    if panel.empty:
        panel["quadrant"] = pd.Series(dtype=str)
        return panel, {"growth_mean": None, "osi_raw_mean": None, "panel": 0}
    growth_mean, performance_mean = panel["growth"].mean(), panel["osi_raw"].mean()
    high_growth = panel["growth"] >= growth_mean - 1e-9
    high_performance = panel["osi_raw"] >= performance_mean - 1e-9
    panel["quadrant"] = [
        (DEVELOPED if p else RISING_STAR) if g else (MAINTAIN if p else DEVELOPING)
        for g, p in zip(high_growth, high_performance)]
    return panel, {"growth_mean": float(growth_mean), "osi_raw_mean": float(performance_mean), "panel": len(panel)}
