"""What a director reads first: the run told in sentences (the executive summary), the agency
card's comparisons with its groups and the country, and the facts of the method page.

Everything here is computed from a loaded run (``reports.data.RunData``); wording comes from
words.toml, so the same facts read in Thai and in English.
"""

from __future__ import annotations

import json
import tomllib
from collections import Counter
from pathlib import Path

from markupsafe import Markup

from stages.framework import Framework
from stages.runs import NATIONAL, STANDARD_GROUPS

from .data import RunData
from .formats import date_text, number_text

NO_GROUP = "(none)"          # the scorer's group of sites that leave a group column empty
TOP_GAPS = 5
NEXT_STEPS = 3


def data_words(value) -> Markup:
    """Names from the sites file inside a sentence: escaped, and marked as data, not wording."""
    return Markup('<span translate="no">{}</span>').format(value)


def say(template: str, **values) -> Markup:
    """One of the report's sentences (words.toml) with its values escaped into it."""
    return Markup(template).format(**values)


def stage_name(stage, lang: str) -> str:
    return stage.name_th if lang == "th" and stage.name_th else stage.name


def scored_sites(data: RunData, framework: Framework) -> list[dict]:
    return [s for s in data.sites if (s["scores"].get(framework.id) or {}).get("scored")]


def merged_gaps(gaps: list[dict]) -> list[dict]:
    """A site's gap list with each criterion once: a feature counted in several dimensions of an
    unordered framework is one thing to add, worth the sum of its gains (first place kept)."""
    merged: dict[str, dict] = {}
    for gap in gaps or []:
        if gap["criterion"] in merged:
            merged[gap["criterion"]]["gain"] += gap["gain"]
        else:
            merged[gap["criterion"]] = dict(gap)
    return list(merged.values())


def common_gaps(data: RunData, framework: Framework, limit: int = TOP_GAPS) -> list[dict]:
    """The criteria most often missing among scored sites, each with how many miss it and the
    points it adds to one agency's score (the mean gain over the sites missing it)."""
    gains: dict[str, list[float]] = {}
    for site in scored_sites(data, framework):
        for gap in merged_gaps(site["scores"][framework.id]["gaps"]):
            gains.setdefault(gap["criterion"], []).append(gap["gain"])
    ranked = sorted(gains.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1]) / len(kv[1]), kv[0]))
    return [{"criterion": c, "count": len(g), "gain": sum(g) / len(g)} for c, g in ranked[:limit]]


def group_means(data: RunData, framework: Framework) -> dict[tuple[str, str], dict]:
    """(group_by, group_value) -> the group's row of group_scores (osi_raw is its mean score)."""
    return {(g["group_by"], g["group_value"]): g for g in data.groups.get(framework.id, [])}


def national(data: RunData, framework: Framework) -> dict | None:
    return group_means(data, framework).get((NATIONAL, NATIONAL))


def comparison(site: dict, data: RunData, framework: Framework, ui: dict) -> list[dict]:
    """The agency's score against its ministry / province / tier / type means and the national
    mean: rows of label, value and whether it is the agency itself."""
    score = site["scores"].get(framework.id) or {}
    rows = [{"label": ui["this_agency"], "value": score.get("osi_raw"), "own": True}]
    means = group_means(data, framework)
    for column in STANDARD_GROUPS:
        value = str(site["metadata"].get(column) or "")
        group = means.get((column, value)) if value else None
        if group and group["osi_raw"] is not None and group["scored"]:
            rows.append({"label": say(ui["group_mean"], group=ui[f"grp_{column}"], value=data_words(value)),
                         "value": group["osi_raw"], "own": False})
    whole = national(data, framework)
    if whole and whole["osi_raw"] is not None:
        rows.append({"label": ui["national_mean"], "value": whole["osi_raw"], "own": False})
    return rows


def executive_summary(data: RunData, framework: Framework, lang: str, ui: dict, title_of,
                      status_word, previous: RunData | None = None, growth: list[dict] | None = None) -> dict:
    """The run in sentences: numbers, stages, the most common gaps with their worth, the best and
    most improved agencies since `previous` (by `growth`, the panel of reports.diff.site_growth:
    points made on the site, reviewers' decisions left out) and the groups compared."""
    def num(value, digits=1):
        return number_text(value, lang, digits)

    sites = data.sites
    scored = scored_sites(data, framework)
    failed = [s for s in sites if s["status"] not in ("ok", "partial")]
    reasons = Counter(status_word(s["status"] or "not crawled") for s in failed)
    paragraphs = [say(ui["summary_run"], 
        date=date_text(data.run["started_at"], lang), sites=num(len(sites), 0),
        pages=num(sum(s["pages_fetched"] for s in sites), 0), scored=num(len(scored), 0),
        failed=num(len(failed), 0), reasons=Markup(", ").join(f"{w} {n}" for w, n in reasons.most_common()) or "–")]
    scores = [(s["scores"][framework.id]["osi_raw"], s) for s in scored]
    if scores:
        best_value, best = max(scores, key=lambda x: (x[0], -sites.index(x[1])))
        whole = national(data, framework)
        mean = whole["osi_raw"] if whole and whole["osi_raw"] is not None else sum(v for v, _ in scores) / len(scores)
        paragraphs.append(say(ui["summary_mean"], mean=num(mean), best=num(best_value),
                                                    best_name=data_words(best["name"] or best["site_id"])))
        if framework.ordered:
            counts = Counter(s["scores"][framework.id]["highest_stage"] or 0 for s in scored)
            parts = [say(ui["summary_stage_zero"], count=num(counts[0], 0))] if counts.get(0) else []
            parts += [say(ui["summary_stage_part"], stage=n, count=num(counts[n], 0))
                      for n in range(1, len(framework.stages) + 1) if counts.get(n)]
            paragraphs.append(say(ui["summary_stages"], parts=Markup(", ").join(parts)))
        else:
            shares = [sum((s["scores"][framework.id]["stage_pct"] or [0] * len(framework.stages))[i] or 0
                          for s in scored) / len(scored) for i in range(len(framework.stages))]
            paragraphs.append(say(ui["summary_share"], parts=Markup(", ").join(
                say(ui["summary_share_part"], pct=num(p, 0), name=stage_name(framework.stages[i], lang))
                for i, p in enumerate(shares))))
    gaps = [say(ui["summary_gap"], title=title_of(g["criterion"]), count=num(g["count"], 0), scored=num(len(scored), 0),
                                     gain=num(g["gain"])) for g in common_gaps(data, framework)]
    improved = None
    growth = [r for r in growth or [] if r["growth"] is not None]
    if previous is not None and growth:
        names = {s["site_id"]: s["name"] or s["site_id"] for s in sites}
        rising = sorted((r for r in growth if r["growth"] > 0), key=lambda r: -r["growth"])[:3]
        when = date_text(previous.run["started_at"], lang)
        improved = (say(ui["summary_improved"], date=when, names=Markup(", ").join(
            say(ui["summary_improved_part"], name=data_words(names.get(r["site_id"], r["site_id"])), gain=num(r["growth"]))
            for r in rising)) if rising else say(ui["summary_no_improved"], date=when))
    groups = []
    for column in STANDARD_GROUPS:
        rows = [g for g in data.groups.get(framework.id, []) if g["group_by"] == column
                and g["group_value"] != NO_GROUP and g["osi_raw"] is not None and g["scored"]]
        if not rows:
            continue
        best_row = max(rows, key=lambda g: g["osi_raw"])
        worst_row = min(rows, key=lambda g: g["osi_raw"])
        key = "summary_groups" if len(rows) > 1 else "summary_one_group"
        groups.append(say(ui[key], group=ui[f"grp_{column}"], best=data_words(best_row["group_value"]),
                                     best_value=num(best_row["osi_raw"]), worst=data_words(worst_row["group_value"]),
                                     worst_value=num(worst_row["osi_raw"])))
    return {"paragraphs": paragraphs, "gaps": gaps, "improved": improved, "groups": groups}


ACCURACY_FILE = Path(__file__).with_name("accuracy.toml")


def accuracy() -> dict:
    """The detectors' measured accuracy and the data it was measured on (accuracy.toml)."""
    return tomllib.loads(ACCURACY_FILE.read_text("utf-8"))


def crawl_settings(run: dict) -> dict:
    """The crawl's recorded budget, depth and delay (empty when the run recorded none)."""
    try:
        settings = json.loads(run.get("settings") or "{}")
    except ValueError:
        return {}
    keys = {"budget": "EGOVSCAN_PAGE_BUDGET", "depth": "EGOVSCAN_DEPTH_LIMIT", "delay": "DOWNLOAD_DELAY"}
    found = {k: settings.get(v) for k, v in keys.items()}
    return found if all(v is not None for v in found.values()) else {}


def review_counts(data: RunData) -> tuple[int, int]:
    """(findings standing on a review, of them overriding the detector) in a run."""
    reviewed = overridden = 0
    for site in data.sites:
        for feature in site["features"].values():
            if feature["review"] is not None:
                reviewed += 1
                overridden += feature["origin"] == "overridden"
    return reviewed, overridden
