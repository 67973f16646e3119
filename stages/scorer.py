"""Scoring: a framework applied to site-level feature states (STAGES.md).

Pure functions, no I/O: ``score_site`` for one site, ``weighted`` for a what-if,
``normalise`` for osi_norm, ``group_scores`` and ``quadrants`` for sets of sites
(pandas frames). ``stages.runs`` reads the database and writes the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pandas as pd

from ground.status import SITE_JUDGED

from .framework import Criterion, Framework

PRESENT, ABSENT, UNKNOWN, NOT_APPLICABLE = "present", "absent", "unknown", "not_applicable"

# DGA 2019 (seed 001): growth against performance, each split at its mean over the panel
RISING_STAR, DEVELOPED, DEVELOPING, MAINTAIN = "Rising Star", "Developed", "Developing", "Maintain"


@dataclass
class Gap:
    stage: int
    criterion: str               # feature id, or "a|b" for an any-of criterion
    state: str                   # absent or unknown (unknown: the crawl could not show it)
    gain: float                  # osi_raw points the site gains when it is met

    def as_dict(self) -> dict:
        return {"stage": self.stage, "criterion": self.criterion, "state": self.state, "gain": round(self.gain, 2)}


@dataclass
class SiteScore:
    scored: bool
    stage_pct: list[float | None] = field(default_factory=list)   # None: every criterion not_applicable
    osi_raw: float | None = None
    highest_stage: int | None = None
    gaps: list[Gap] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)             # criteria counted as not met, unverified
    reason: str | None = None                                    # why there is no score


def criterion_credit(criterion: Criterion, states: Mapping[str, tuple[str, dict | None]]) -> float | None:
    """Credit 0..1 of one criterion; None when it does not apply to the site."""
    found = [states.get(f, (UNKNOWN, None)) for f in criterion.features]
    if all(state == NOT_APPLICABLE for state, _ in found):
        return None
    credits = [0.0]
    for state, value in found:
        if state != PRESENT:
            continue
        if criterion.credit_value is None:
            credits.append(1.0)
        else:
            raw = (value or {}).get(criterion.credit_value)
            # present without the value still earns the lowest step rather than nothing
            credits.append(min(1.0, float(raw) / criterion.credit_max) if isinstance(raw, (int, float))
                           else 1.0 / criterion.credit_max)
    return max(credits)


def weighted(framework: Framework, stage_pct: Iterable[float | None]) -> float:
    """osi_raw from stage percentages: sum(weight * pct) / sum(weight) over the stages that apply."""
    pairs = [(s.weight, p) for s, p in zip(framework.stages, stage_pct, strict=True) if p is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * p for w, p in pairs) / total if total else 0.0


def score_site(framework: Framework, status: str | None,
               states: Mapping[str, tuple[str, dict | None]]) -> SiteScore:
    """Score one site from its crawl status and its feature states {feature: (state, value)}."""
    if status not in SITE_JUDGED:
        return SiteScore(scored=False, reason=f"crawl status {status or 'not crawled'}")
    relevant = [states.get(f, (UNKNOWN, None))[0] for f in framework.features]
    if relevant and all(state == UNKNOWN for state in relevant):
        return SiteScore(scored=False, reason="assessment could not judge the site (every feature unknown)")

    stage_pct: list[float | None] = []
    missing: list[tuple[int, Criterion, float, float]] = []     # (stage, criterion, credit, share of stage)
    unknown: list[str] = []
    for stage in framework.stages:
        applicable = [(c, criterion_credit(c, states)) for c in stage.criteria]
        applicable = [(c, credit) for c, credit in applicable if credit is not None]
        total_share = sum(c.share for c, _ in applicable)
        if not total_share:
            stage_pct.append(None)
            continue
        stage_pct.append(100 * sum(c.share * credit for c, credit in applicable) / total_share)
        for c, credit in applicable:
            if credit < 1:
                missing.append((stage.number, c, credit, 100 * c.share / total_share))
            if credit == 0 and any(states.get(f, (UNKNOWN, None))[0] == UNKNOWN for f in c.features):
                unknown.append(c.key)

    applied_weight = sum(s.weight for s, p in zip(framework.stages, stage_pct) if p is not None)
    osi_raw = weighted(framework, stage_pct)
    gaps = []
    for stage_no, c, credit, share in missing:
        weight = framework.stages[stage_no - 1].weight
        state = UNKNOWN if c.key in unknown else ABSENT
        gaps.append(Gap(stage_no, c.key, state, weight * share * (1 - credit) / applied_weight))

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
    gaps.sort(key=lambda g: (-g.gain, g.stage) if not framework.ordered else (g.stage, -g.gain))
    return SiteScore(scored=True, stage_pct=stage_pct, osi_raw=osi_raw, highest_stage=highest,
                     gaps=gaps, unknown=unknown)


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


def group_scores(framework: Framework, sites: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group of sites (one value of column `by`): counts, mean stage_pct, osi_raw, rank.

    `sites` has one row per site: `by`, ``scored`` and the stage columns (NaN when not
    scored). A group's stage_pct is the mean over its scored sites; its osi_raw is computed
    from those means with the framework's weights (the mean of the sites' osi_raw).
    """
    columns = stage_columns(framework)
    frame = sites.assign(_group=sites[by].fillna("").astype(str).replace("", "(none)"))
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
    """Rank by osi_raw (1 = best, ties share a rank) within each group of `by`, or nationally."""
    if by is None:
        return sites["osi_raw"].rank(method="min", ascending=False)
    return sites.groupby(sites[by].fillna("(none)"))["osi_raw"].rank(method="min", ascending=False)


def quadrants(previous: pd.DataFrame, current: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """DGA 2019 growth-versus-performance quadrants on the panel of sites scored in both runs.

    Both frames have ``site_id`` and ``osi_raw`` (NaN when not scored). Growth is the change
    in osi_raw; both growth and current osi_raw are split at their panel means, a value at
    the mean counting as high. Returns the panel and the two means.
    """
    panel = current[["site_id", "osi_raw"]].merge(
        previous[["site_id", "osi_raw"]].rename(columns={"osi_raw": "prev_osi_raw"}), on="site_id")
    panel = panel.dropna(subset=["osi_raw", "prev_osi_raw"]).reset_index(drop=True)
    panel["growth"] = panel["osi_raw"] - panel["prev_osi_raw"]
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
