"""A run as reports and exports see it: sites with their crawl facts, feature states,
evidence and scores, read from the store in a handful of queries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from assessors import CATALOGUE
from ground.store import Store
from stages.reviews import findings

UNKNOWN = "unknown"


@dataclass
class RunData:
    run: dict
    sites: list[dict]                                   # in sites-file order
    frameworks: list[str]                               # frameworks the run was scored with
    groups: dict[str, list[dict]] = field(default_factory=dict)    # framework -> group rows
    growth: dict[str, list[dict]] = field(default_factory=dict)    # framework -> panel rows

    def site(self, site_id: str) -> dict:
        return next(s for s in self.sites if s["site_id"] == site_id)


def _feature(state: str, value, reason: str | None, confidence: str | None = None) -> dict:
    """One feature of one site as detected; load_run adds its evidence and review."""
    return {"state": state, "value": value, "reason": reason, "confidence": confidence, "evidence": [], "detected": state,
            "origin": "automatic", "needs_review": False, "review_drift": (), "review": None}


def load_run(store: Store, run_id: int, evidence_per_feature: int | None = None) -> RunData:
    """Everything reports need of one run; every catalogue feature appears for every site."""
    run = store.run(run_id)
    sites = []
    by_id = {}
    for row in store.site_rows(run_id):
        site = {
            "site_id": row["site_id"], "url": row["url"], "name": row["name"] or "",
            "metadata": json.loads(row["metadata"] or "{}"), "status": row["status"],
            "detail": row["detail"], "final_url": row["final_url"], "pages_fetched": row["pages_fetched"] or 0,
            "pages_failed": row["pages_failed"] or 0, "documents": row["documents"] or 0,
            "features": {f: _feature(UNKNOWN, None, "not assessed") for f in CATALOGUE},
            "scores": {},
        }
        sites.append(site)
        by_id[site["site_id"]] = site
    for row in store.site_features(run_id):
        site = by_id.get(row["site_id"])
        if site is not None:
            site["features"][row["feature"]] = _feature(
                row["state"], json.loads(row["value"]) if row["value"] else None, row["reason"], row["confidence"])
    for row in store.evidence(run_id) if evidence_per_feature != 0 else ():     # 0: an earlier night compared
        site = by_id.get(row["site_id"])
        if site is None or row["feature"] not in site["features"]:
            continue
        items = site["features"][row["feature"]]["evidence"]
        if evidence_per_feature is None or len(items) < evidence_per_feature:
            items.append({"page_url": row["page_url"], "target": row["target"], "element": row["element"],
                          "text": row["text"], "detector": row["detector"], "region": row["region"],
                          "confidence": row["confidence"]})
    for finding in findings(store, run_id):
        site = by_id.get(finding.site_id)
        if site is not None and finding.feature in site["features"]:
            entry = site["features"][finding.feature]
            entry.update(state=finding.state, detected=finding.detected, origin=finding.origin,
                         needs_review=finding.needs_review, review_drift=finding.drift)
            if finding.review is not None:
                entry["review"] = {k: finding.review[k] for k in ("state", "reviewer", "reviewed_at", "note",
                                                                 "evidence_url", "run_id")}
                entry["review"]["public"] = bool(finding.review.get("public"))
    frameworks = []
    for row in store.scores(run_id):
        site = by_id.get(row["site_id"])
        if site is None:
            continue
        if row["framework"] not in frameworks:
            frameworks.append(row["framework"])
        site["scores"][row["framework"]] = {
            "scored": bool(row["scored"]),
            "stage_pct": json.loads(row["stage_pct"]) if row["stage_pct"] else None,
            "osi_raw": row["osi_raw"], "osi_norm": row["osi_norm"], "highest_stage": row["highest_stage"],
            "rank": row["rank"], "group_ranks": json.loads(row["group_ranks"] or "{}"),
            "gaps": json.loads(row["gaps"] or "[]"), "unknown": json.loads(row["unknown"] or "[]"),
            "reason": row["reason"],
            # frameworks with a pooled index or levels (LOSI): value, level, coverage
            "has_coverage": row["coverage"] is not None, "value": row["value"], "level": row["level"],
            "coverage": json.loads(row["coverage"]) if row["coverage"] else None}
    data = RunData(run=run, sites=sites, frameworks=frameworks)
    for row in store.group_scores(run_id):
        row = dict(row, stage_pct=json.loads(row["stage_pct"] or "[]"))
        data.groups.setdefault(row["framework"], []).append(row)
    for row in store.growth(run_id):
        data.growth.setdefault(row["framework"], []).append(dict(row))
    return data
