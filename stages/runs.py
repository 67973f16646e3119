"""Scoring a run: reads site statuses and feature states from the store, writes scores.

Tables written (documented in the README): ``scores`` (one row per site and framework),
``group_scores`` (per ministry / province / tier / agency type / any metadata column, and
the whole run as group ``all``) and ``growth`` (the quadrants against an earlier run).
A run's scores for one framework are replaced in one transaction, so a re-score after a
re-assessment never leaves a mixture behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from ground.status import SITE_JUDGED
from ground.store import Store, now

from .framework import Framework, load_framework
from .reviews import effective_states, on_site
from .scorer import group_scores, normalise, quadrants, ranks_within, score_site, stage_columns

STANDARD_GROUPS = ("ministry", "province", "tier", "agency_type")
NATIONAL = "all"


class ScoreError(ValueError):
    pass


@dataclass
class RunScores:
    run_id: int
    framework: Framework
    sites: pd.DataFrame            # one row per site: site_id, status, metadata columns, scores
    groups: pd.DataFrame           # group_by, group_value, sites, scored, stage columns, osi_raw, rank
    growth: pd.DataFrame | None    # the panel with quadrants, when an earlier run was compared
    growth_facts: dict | None
    previous_run: int | None


@dataclass
class _Findings:
    """A run's feature findings per site: the state that stands (a review beats detection),
    the detector's own state, the reviewed features and the reasons of unknowns."""
    states: dict[str, dict[str, tuple[str, dict | None]]]
    detected: dict[str, dict[str, str]]
    reviewed: dict[str, set[str]]
    reasons: dict[str, dict[str, str]]


def _findings(store: Store, run_id: int) -> _Findings:
    found = _Findings({}, {}, {}, {})
    same: dict = {}             # one object for each repeated name, state, reason and value
    parsed: dict[str, object] = {}
    for row in store.site_features(run_id):
        site_id, feature, state, value = row["site_id"], same.setdefault(row["feature"], row["feature"]), \
            same.setdefault(row["state"], row["state"]), row["value"]
        if value and value not in parsed:
            parsed[value] = json.loads(value)
        found.states.setdefault(site_id, {})[feature] = (state, parsed[value] if value else None)
        found.detected.setdefault(site_id, {})[feature] = state
        if row["reason"]:
            found.reasons.setdefault(site_id, {})[feature] = same.setdefault(row["reason"], row["reason"])
    for (site_id, feature), state in effective_states(store, run_id).items():     # a review beats detection
        if site_id in found.states:
            old = found.states[site_id].get(feature, (None, None))
            found.states[site_id][feature] = (state, old[1])
            found.reviewed.setdefault(site_id, set()).add(feature)
    return found


def site_frame(store: Store, run_id: int, framework: Framework) -> pd.DataFrame:
    """Score every site of a run from its stored feature states (nothing is written)."""
    found = _findings(store, run_id)
    states, reasons, reviewed = found.states, found.reasons, found.reviewed
    rows = []
    columns = stage_columns(framework)
    for site in store.site_rows(run_id):
        site_id, url, name, metadata, status = (site[k] for k in ("site_id", "url", "name", "metadata", "status"))
        site_states = states.get(site_id)
        if site_states is None and status in SITE_JUDGED:
            score = None
            reason = "not assessed yet (run egovscan assess)"
        else:
            score = score_site(framework, status, site_states or {}, reviewed.get(site_id, ()),
                               reasons.get(site_id, {}))
            reason = score.reason
        row = {"site_id": site_id, "url": url, "name": name, "status": status,
               "metadata": json.loads(metadata or "{}"), "scored": bool(score and score.scored),
               "osi_raw": score.osi_raw if score and score.scored else float("nan"),
               "highest_stage": score.highest_stage if score and score.scored else None,
               "gaps": [g.as_dict() for g in score.gaps] if score and score.scored else [],
               "unknown": score.unknown if score and score.scored else [],
               "reason": reason, "value": score.value if score else None,
               "level": score.level if score else None, "coverage": score.coverage if score else None}
        for column, pct in zip(columns, score.stage_pct if score and score.scored else [None] * len(columns)):
            row[column] = float("nan") if pct is None else pct
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["site_id", "url", "name", "status", "metadata", "scored", "osi_raw",
                                        "highest_stage", "gaps", "unknown", "reason", "value", "level",
                                        "coverage", *columns])
    metadata_columns = sorted({k for m in frame["metadata"] for k in m})
    for key in metadata_columns:
        frame[key] = [m.get(key) for m in frame["metadata"]]
    return frame


def run_framework(store: Store, run_id: int, name: str | None = None) -> Framework:
    """The framework a run is shown with: the one named, else the run's last scored, else un2012."""
    run = store.run(run_id) or {}
    return load_framework(name or run.get("framework") or "un2012")


def ensure_scored(store: Store, run_id: int, framework: Framework) -> bool:
    """Score a run with a framework it has no scores for (a report reads scores, it does not
    compute them); True when it scored."""
    if framework.id in store.scored_frameworks(run_id):
        return False
    score_run(store, run_id, framework)
    return True


def previous_assessed_run(store: Store, run_id: int) -> int | None:
    return store.previous_assessed_run(run_id)


def score_run(store: Store, run_id: int, framework: Framework, group_by: list[str] | None = None,
              compare: int | None | bool = True) -> RunScores:
    """Score a run with a framework and write the results; `compare` is an earlier run id,
    True for the latest earlier assessed run, or False for none."""
    run = store.run(run_id)
    if run is None:
        raise ScoreError(f"{store.path}: there is no run {run_id}")
    if run["state"] != "assessed":
        raise ScoreError(f"run {run_id} is {run['state']}, not assessed: run egovscan assess --run {run_id} first")
    sites = site_frame(store, run_id, framework)
    sites["osi_norm"] = normalise(sites["osi_raw"])
    sites["rank"] = ranks_within(sites, None)

    present_columns = [c for c in sites.columns if c in STANDARD_GROUPS]
    by_columns = list(dict.fromkeys([*present_columns, *(group_by or [])]))
    for column in by_columns:
        if column not in sites.columns:
            known = sorted({k for m in sites["metadata"] for k in m})
            raise ScoreError(f"no sites file column {column!r} to group by in run {run_id} "
                             f"(its columns: {', '.join(known) or 'none beyond site_id,url,name'})")
    group_ranks = {column: ranks_within(sites, column) for column in by_columns}
    sites["group_ranks"] = [
        {c: int(group_ranks[c].iloc[i]) for c in by_columns if not pd.isna(group_ranks[c].iloc[i])}
        for i in range(len(sites))]
    national = sites.assign(**{NATIONAL: NATIONAL})
    groups = pd.concat([group_scores(framework, national, NATIONAL).assign(group_by=NATIONAL)]
                       + [group_scores(framework, sites, c).assign(group_by=c) for c in by_columns],
                       ignore_index=True)
    groups.loc[groups["group_by"] == NATIONAL, "rank"] = float("nan")     # one national group: no rank

    previous = None
    if compare is True:
        previous = store.previous_assessed_run(run_id)
    elif compare:
        previous = int(compare)
        if previous == run_id or store.run(previous) is None or store.run(previous)["state"] != "assessed":
            raise ScoreError(f"run {previous} cannot be compared: it must be another assessed run of {store.path}")
    growth = facts = None
    if previous is not None:
        growth, facts = quadrants(site_frame(store, previous, framework), sites,
                                  made=site_made(store, previous, run_id, framework, sites))
    result = RunScores(run_id, framework, sites, groups, growth, facts, previous)
    write_scores(store, result)
    return result


def site_made(store: Store, previous: int, run_id: int, framework: Framework,
              sites: pd.DataFrame) -> dict[str, float]:
    """Each scored site's osi_raw on run `run_id` with the reviewers' decisions since run
    `previous` undone: a finding whose detector saw the same thing on both runs keeps the state
    it stood at on `previous`, so a review of an old finding is never the site's growth (the
    rule of reports' history and diff, `stages.reviews.on_site`)."""
    then, now = _findings(store, previous), _findings(store, run_id)

    def findings(found: _Findings, site_id: str) -> dict[str, tuple]:
        reviewed = found.reviewed.get(site_id, ())
        return {f: (standing, found.detected[site_id][f], f in reviewed) for f, standing in found.states[site_id].items()}

    made = {}
    for site in sites.to_dict("records"):
        site_id = site["site_id"]
        if not site["scored"] or site_id not in then.states or site_id not in now.states:
            continue
        merged = on_site(findings(then, site_id), findings(now, site_id), lambda v: v[1])
        states = {f: v[0] for f, v in merged.items()}
        reviewed = {f for f, v in merged.items() if v[2]}
        score = score_site(framework, site["status"], states, reviewed, now.reasons.get(site_id, {}))
        if score.scored:
            made[site_id] = score.osi_raw
    return made


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 4)


def write_scores(store: Store, result: RunScores) -> None:
    run_id, framework = result.run_id, result.framework.id
    columns = stage_columns(result.framework)
    sites = [{
        "run_id": run_id, "site_id": r["site_id"], "framework": framework, "status": r["status"],
        "scored": int(r["scored"]),
        "stage_pct": json.dumps([_num(r[c]) for c in columns]) if r["scored"] else None,
        "osi_raw": _num(r["osi_raw"]), "osi_norm": _num(r["osi_norm"]),
        "highest_stage": None if pd.isna(r["highest_stage"]) else int(r["highest_stage"]),
        "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
        "group_ranks": json.dumps(r["group_ranks"], ensure_ascii=False),
        "gaps": json.dumps(r["gaps"]), "unknown": json.dumps(r["unknown"]), "reason": r["reason"],
        # a framework with a pooled index or levels: its value, level and coverage ("null" when
        # the site has no score); NULL for the others, whose export stays as it was
        "value": _num(r["value"]), "level": r["level"],
        "coverage": json.dumps(r["coverage"], ensure_ascii=False) if result.framework.has_coverage else None,
    } for r in result.sites.to_dict("records")]
    groups = [{
        "run_id": run_id, "framework": framework, "group_by": g["group_by"], "group_value": g["group_value"],
        "sites": int(g["sites"]), "scored": int(g["scored"]),
        "stage_pct": json.dumps([_num(g[c]) for c in columns]),
        "osi_raw": _num(g["osi_raw"]), "rank": None if pd.isna(g["rank"]) else int(g["rank"]),
    } for g in result.groups.to_dict("records")]
    growth = None if result.growth is None else [{
        "run_id": run_id, "framework": framework, "prev_run_id": result.previous_run,
        "site_id": g["site_id"], "osi_raw": _num(g["osi_raw"]), "prev_osi_raw": _num(g["prev_osi_raw"]),
        "growth": _num(g["growth"]), "quadrant": g["quadrant"],
    } for g in result.growth.to_dict("records")]
    stamp = now()
    for row in sites:
        row["scored_at"] = stamp
    store.replace_scores(run_id, framework, sites, groups, growth, stamp)
