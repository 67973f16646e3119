"""A run as reports and exports see it: sites with their crawl facts, feature states,
evidence and scores, read from the store in a handful of queries."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from assessors import CATALOGUE
from ground.store import Store
from stages.reviews import reviewed_findings

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


class _Record(Mapping):
    """A row read like a dict (`record["state"]`, `record.get`, `dict(record)`), its fields held
    in slots: a national run holds a million findings, and a dict of ten keys is three times the
    size of ten slots."""

    __slots__ = ()

    def __getitem__(self, key: str):
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)

    def __setitem__(self, key: str, value) -> None:
        if key not in self.__slots__:
            raise KeyError(key)
        setattr(self, key, value)

    def update(self, **fields) -> None:
        for key, value in fields.items():
            self[key] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self.__slots__)

    def __len__(self) -> int:
        return len(self.__slots__)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


class Finding(_Record):
    """One feature of one site as detected; load_run adds its evidence and review."""

    __slots__ = ("state", "value", "reason", "confidence", "evidence", "detected", "origin", "needs_review",
                 "review_drift", "review")

    def __init__(self, state: str, value, reason: str | None, confidence: str | None = None):
        self.state, self.value, self.reason, self.confidence, self.detected = state, value, reason, confidence, state
        self.evidence: list | tuple = ()         # a list once the first piece is added
        self.origin, self.needs_review, self.review_drift, self.review = "automatic", False, (), None


class Evidence(_Record):
    """One kept piece of a finding's evidence."""

    __slots__ = ("page_url", "target", "element", "text", "detector", "region", "confidence")

    def __init__(self, row: dict, same: dict):
        for key in self.__slots__:
            value = row[key]
            setattr(self, key, same.setdefault(value, value))


def _feature(state: str, value, reason: str | None, confidence: str | None = None) -> Finding:
    return Finding(state, value, reason, confidence)


def load_run(store: Store, run_id: int, evidence_per_feature: int | None = None) -> RunData:
    """Everything reports need of one run; every catalogue feature appears for every site."""
    run = store.run(run_id)
    sites = []
    by_id = {}
    same: dict = {}             # one object for each repeated string and value: states, reasons, menus' links
    parsed: dict[str, object] = {}
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
            value = row["value"]
            if value and value not in parsed:
                parsed[value] = json.loads(value)
            site["features"][row["feature"]] = _feature(
                same.setdefault(row["state"], row["state"]), parsed[value] if value else None,
                same.setdefault(row["reason"], row["reason"]), same.setdefault(row["confidence"], row["confidence"]))
    for row in store.evidence(run_id) if evidence_per_feature != 0 else ():     # 0: an earlier night compared
        site = by_id.get(row["site_id"])
        if site is None or row["feature"] not in site["features"]:
            continue
        finding = site["features"][row["feature"]]
        if evidence_per_feature is None or len(finding.evidence) < evidence_per_feature:
            if not finding.evidence:
                finding.evidence = []
            finding.evidence.append(Evidence(row, same))
    for finding in reviewed_findings(store, run_id):     # the rest stand as detected
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
