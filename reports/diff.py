"""What changed between two runs: per site, status, feature states, highest stage and score.

A feature whose standing state changed although the detector saw the same thing both nights
changed by a reviewer's decision, not on the site: those are listed apart (`reviews`), so a
review of an old finding never reads as the agency's progress."""

from __future__ import annotations

import pandas as pd

from stages.framework import Framework
from stages.reviews import by_review, on_site
from stages.scorer import score_site, split_quadrants

from .data import RunData


def diff_runs(before: RunData, after: RunData, framework: str) -> dict:
    """Sites whose status, feature states or stage changed from `before` to `after`."""
    old = {s["site_id"]: s for s in before.sites}
    new = {s["site_id"]: s for s in after.sites}
    changed = []
    for site_id, site in new.items():
        previous = old.get(site_id)
        if previous is None:
            continue
        features, reviews = [], []
        for f, v in site["features"].items():
            then = previous["features"][f]
            if then["state"] != v["state"]:
                kind = reviews if by_review(then["detected"], v["detected"]) else features
                kind.append({"feature": f, "from": then["state"], "to": v["state"]})
        score_old = previous["scores"].get(framework) or {}
        score_new = site["scores"].get(framework) or {}
        entry = {"site_id": site_id, "name": site["name"], "features": features, "reviews": reviews,
                 "status": None, "highest_stage": None, "osi_raw": None}       # None: unchanged
        if previous["status"] != site["status"]:
            entry["status"] = {"from": previous["status"], "to": site["status"]}
        for key in ("highest_stage", "osi_raw"):
            if score_old.get(key) != score_new.get(key):
                entry[key] = {"from": score_old.get(key), "to": score_new.get(key)}
        if features or reviews or entry["status"] or entry["highest_stage"] or entry["osi_raw"]:
            changed.append(entry)
    return {"from_run": before.run["id"], "to_run": after.run["id"], "framework": framework,
            "changed": changed,
            "added": [s for s in new if s not in old], "removed": [s for s in old if s not in new]}


def _score(site: dict, features: dict, framework: Framework) -> float | None:
    """osi_raw of a site's crawl status and feature findings (as reports.data loads them)."""
    states = {f: (v["state"], v["value"]) for f, v in features.items()}
    reviewed = {f for f, v in features.items() if v["origin"] != "automatic"}
    reasons = {f: v["reason"] for f, v in features.items() if v["reason"]}
    score = score_site(framework, site["status"], states, reviewed, reasons)
    return score.osi_raw if score.scored else None


def score_change(before: dict, after: dict, framework: Framework) -> dict | None:
    """How a site's osi_raw moved between two nights, and how much of it the site made: `site`
    counts only the findings the detector saw change (the later night's findings with every
    reviewer's decision since the earlier night undone, the rule of `diff_runs`), `total`
    counts the reviews too. None when the site has no score on either night."""
    then = _score(before, before["features"], framework)
    now = _score(after, after["features"], framework)
    if then is None or now is None:
        return None
    made = _score(after, on_site(before["features"], after["features"], lambda v: v["detected"]), framework)
    return {"site": made - then, "total": now - then}


def site_growth(before: RunData, after: RunData, framework: Framework) -> list[dict]:
    """The growth-versus-performance panel as reports show it: each site scored on both nights
    with its stored scores (`osi_raw`, `prev_osi_raw`), its growth *on the site* (`growth`,
    `score_change`'s site share: reviewers' decisions left out) and the change with them
    (`total`), split into quadrants at the panel means; in the store's order (quadrant, site)."""
    old = {s["site_id"]: s for s in before.sites}
    rows = []
    for site in after.sites:
        then = old.get(site["site_id"])
        score_then = (then or {}).get("scores", {}).get(framework.id) or {}
        score_now = site["scores"].get(framework.id) or {}
        if then is None or not score_then.get("scored") or not score_now.get("scored"):
            continue
        change = score_change(then, site, framework)
        if change is None:
            continue
        rows.append({"site_id": site["site_id"], "prev_run_id": before.run["id"], "osi_raw": score_now["osi_raw"],
                     "prev_osi_raw": score_then["osi_raw"], "growth": round(change["site"], 4),
                     "total": round(change["total"], 4)})
    panel, _ = split_quadrants(pd.DataFrame(rows, columns=["site_id", "prev_run_id", "osi_raw", "prev_osi_raw",
                                                           "growth", "total"]))
    return sorted(panel.to_dict("records"), key=lambda r: (r["quadrant"], r["site_id"]))
