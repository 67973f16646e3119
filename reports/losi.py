"""The LOSI view of a site and of a run: for a framework with a pooled index and levels (LOSI
2024), the value (0-1), the level badge, how much is decided, the criteria as bars, and per
criterion the indicators met, missing and still open, in the catalogue's plain words.

Computed from the stored score (value, level, coverage, gaps) and the site's feature states,
so the report says what the score counted, nothing more.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from stages.framework import Criterion, Framework

from .formats import number_text
from .wording import words

# the scorer's reasons for an open indicator, by the report's word for each (words.toml)
REASON_WORDS = {"needs a reviewer": "open_needs_reviewer", "no detector yet": "open_no_detector",
                "not assessed": "open_not_assessed", "the detector recorded no file formats": "open_no_formats",
                "the detector recorded no figure": "open_no_figure"}


def indicator_title(criterion: Criterion, lang: str) -> str:
    """An indicator in plain words: its feature's title in the catalogue, else the framework's
    name of it (an indicator without a detector yet, or one of several features); a Thai page
    names one that has no Thai name by its UN code."""
    titles = words()["features"]
    if len(criterion.features) == 1 and criterion.features[0] in titles:
        return titles[criterion.features[0]].get(lang) or titles[criterion.features[0]]["en"]
    if lang == "th" and criterion.name_th:
        return criterion.name_th
    if len(criterion.features) > 1 and all(f in titles for f in criterion.features):
        return " / ".join(titles[f].get(lang, titles[f]["en"]) for f in criterion.features)
    if lang != "en" and criterion.code:
        return words()["ui"][lang]["losi_indicator_code"].format(code=criterion.code)
    return criterion.name or criterion.key


def level_label(score: dict, lang: str, ui: dict) -> str:
    level = score.get("level")
    if not level:
        return ""
    if lang == "th":
        return (score.get("coverage") or {}).get("level_th") or level
    return ui.get(f"level_{level.replace(' ', '_')}", level)


def coverage_line(score: dict, lang: str, ui: dict) -> str:
    """"0.58 · 87/95 decided · 8 open": the value and how much of it is settled."""
    cov = score.get("coverage") or {}
    return ui["losi_coverage"].format(
        value=value_text(score.get("value"), lang), decided=number_text(cov.get("decided"), lang, 0),
        indicators=number_text(cov.get("indicators"), lang, 0), open=number_text(cov.get("open"), lang, 0))


def value_text(value, lang: str) -> str:
    """A LOSI value as the UN writes it, two decimals (0.50, not 0.5)."""
    return "–" if value is None else format_decimal(round(float(value), 2), format="0.00", locale=lang)


def reason_words(reason: str | None, ui: dict) -> str:
    key = REASON_WORDS.get(reason or "")
    return ui[key] if key else ui["open_other"]


def site_view(site: dict, framework: Framework, lang: str, ui: dict) -> dict | None:
    """The LOSI view of one scored site, or None when its score has no value and level."""
    score = site["scores"].get(framework.id) or {}
    if not score.get("scored") or not score.get("has_coverage"):
        return None
    cov = score.get("coverage") or {}
    gaps = {g["criterion"]: g for g in score.get("gaps") or []}
    opened = {o["criterion"]: o for o in cov.get("open_indicators") or []}
    states = site["features"]
    criteria = []
    for i, stage in enumerate(framework.stages):
        met, missing, still_open = [], [], []
        for c in stage.criteria:
            title = indicator_title(c, lang)
            if c.key in opened:
                still_open.append({"title": title, "reason": reason_words(opened[c.key]["reason"], ui),
                                   "human": opened[c.key]["check"] == "human"})
            elif c.key in gaps:
                missing.append(title)
            elif not all((states.get(f) or {}).get("state") == "not_applicable" for f in c.features):
                met.append(title)
        counts = (cov.get("criteria") or [{}] * len(framework.stages))[i]
        criteria.append({"name": stage.name_th if lang == "th" and stage.name_th else stage.name,
                         "pct": (score.get("stage_pct") or [None] * len(framework.stages))[i],
                         "met": met, "missing": missing, "open": still_open, "counts": counts})
    return {"value": score.get("value"), "value_text": value_text(score.get("value"), lang), "level": score.get("level"), "level_label": level_label(score, lang, ui),
            "coverage_line": coverage_line(score, lang, ui), "criteria": criteria,
            "automatic": cov.get("automatic", 0), "reviewed": cov.get("reviewed", 0), "open": cov.get("open", 0),
            "human_checks": [o for c in criteria for o in c["open"] if o["human"]]}


def run_counts(sites: list[dict], framework: Framework) -> dict | None:
    """Over the run's scored sites: indicators decided automatically, by a reviewer, still open."""
    scores = [(s["scores"].get(framework.id) or {}) for s in sites]
    covs = [s["coverage"] or {} for s in scores if s.get("scored") and s.get("has_coverage")]
    if not covs:
        return None
    return {key: sum(c.get(key, 0) for c in covs) for key in ("automatic", "reviewed", "open")}
