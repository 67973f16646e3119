"""Reviews: a consultant's decision on a site's feature, which beats the detector's.

Reviews are kept as history (rows are only ever added); the standing review of a site and
feature is the newest one. A review applies to every later run of the same site_id until
someone reviews again. It remembers what the detector said and which evidence it showed, so
that when a later run's detection disagrees or the evidence changed, the finding is flagged
"needs review" instead of being silently overruled or silently overwritten.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from assessors import CATALOGUE
from assessors.thaidate import EN_DAY_MONTH, EN_MONTH_DAY, ISO, NUMERIC, THAI_DATE, dates_in
from ground.spreadsheet import inert, restored
from ground.store import Store, now
from ground.text import normalise
from stages.framework import FrameworkError, bundled_frameworks, load_framework
from stages.reviews import evidence_signature
from stages.runs import score_run

REVIEW_STATES = ("present", "absent", "not_applicable")
NO_DECISION = "unknown"           # a labels file's "could not judge": nothing to record
UNKNOWN = "unknown"
CSV_COLUMNS = ["site_id", "feature", "label", "evidence_path", "note", "reviewer", "date", "public"]
# a note is internal unless its review is public: then agency-facing pages may show it
PUBLIC_WORDS = {"yes": True, "y": True, "1": True, "true": True, "public": True, "ใช่": True, "เผยแพร่": True,
                "": False, "no": False, "n": False, "0": False, "false": False, "internal": False, "ไม่": False}


class ReviewError(ValueError):
    """A decision that cannot be recorded. `word` names its wording in reports/words.toml for a
    page that speaks the reviewer's language; the message itself is the command line's."""

    def __init__(self, message: str, word: str | None = None):
        super().__init__(message)
        self.word = word


def add_review(store: Store, run_id: int, site_id: str, feature: str, state: str, reviewer: str,
               note: str = "", evidence_url: str = "", reviewed_at: str | None = None, public: bool = False) -> dict:
    """Record a decision; state 'confirm' keeps the detected state. A public review's note may be
    shown on agency-facing pages; any other note stays internal."""
    if feature not in CATALOGUE and feature not in planned_features():
        raise ReviewError(f"unknown feature {feature!r} (feature ids are those of the catalogue and of the "
                          f"bundled frameworks' indicators)", word="review_bad_feature")
    detected = store.detected_state(run_id, site_id, feature)
    if detected is None and feature not in CATALOGUE and store.site_assessed(run_id, site_id):
        detected = UNKNOWN             # an indicator no detector decides yet: open until reviewed
    if detected is None:
        raise ReviewError(f"run {run_id} has no assessed site {site_id!r}", word="review_bad_site")
    if state == "confirm":
        state = detected
    if state not in REVIEW_STATES:
        raise ReviewError(f"state must be one of {', '.join(REVIEW_STATES)} or confirm, got {state!r}", word="review_bad_state")
    if not reviewer.strip():
        raise ReviewError("say who reviews (--by NAME)", word="review_need_name")
    row = {"run_id": run_id, "site_id": site_id, "feature": feature, "state": state, "note": note,
           "evidence_url": evidence_url, "reviewer": reviewer.strip(), "reviewed_at": reviewed_at or now(),
           "detected_state": detected, "evidence_sig": evidence_signature(store, run_id, site_id, feature),
           "public": int(bool(public))}
    store.add_review(row)
    return row


@cache
def planned_features() -> frozenset[str]:
    """Indicators of the bundled frameworks that the catalogue has no detector for yet (LOSI's
    human-only ones among them): a reviewer may decide them."""
    return frozenset(f for name in bundled_frameworks() for f in load_framework(name).planned)


def disagreements(store: Store, run_id: int) -> list[dict]:
    """Findings two or more reviewers decided differently, where the state that stands (the
    newest review) is not held by a majority of them: these wait for another reviewer.

    A and B disagree -> listed; C then agrees with either -> the newest state has 2 of 3 -> settled.
    """
    latest: dict[tuple[str, str], dict[str, dict]] = {}
    for row in store.reviews(up_to_run=run_id):
        latest.setdefault((row["site_id"], row["feature"]), {})[row["reviewer"]] = row
    listed = []
    for (site_id, feature), by_reviewer in sorted(latest.items()):
        states = {r["state"] for r in by_reviewer.values()}
        if len(by_reviewer) < 2 or len(states) < 2:
            continue
        standing = max(by_reviewer.values(), key=lambda r: (r["reviewed_at"], r["id"]))
        backing = sum(r["state"] == standing["state"] for r in by_reviewer.values())
        if backing * 2 <= len(by_reviewer):
            listed.append({"site_id": site_id, "feature": feature, "standing": standing["state"],
                           "reviews": sorted(by_reviewer.values(), key=lambda r: (r["reviewed_at"], r["id"]))})
    return listed


def rescore(store: Store, run_id: int) -> list[str]:
    """Score a run again with every framework it was scored with (reviews changed); returns the
    frameworks that could not be loaded by name (scored from a file: the user re-runs those)."""
    skipped = []
    for name in store.scored_frameworks(run_id):
        try:
            score_run(store, run_id, load_framework(name), compare=True)
        except FrameworkError:
            skipped.append(name)
    return skipped


def export_csv(store: Store, out) -> int:
    """Every review (history included) in the labels.csv format plus reviewer and date; text
    that a spreadsheet would take for a formula is written inert (ground.spreadsheet)."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in store.reviews():
        writer.writerow([inert(value) for value in (
            row["site_id"], row["feature"], row["state"], row["evidence_url"] or "", row["note"] or "",
            row["reviewer"], row["reviewed_at"], "yes" if row["public"] else "")])
        count += 1
    return count


def review_date(text: str) -> str:
    """A reviewer's date as stored (ISO, so that the newest review sorts last): ISO dates and
    times, and the day-first dates of Thai spreadsheets, in either era (2569-11-20, 20/11/2569,
    20 พ.ย. 2569, 20 Nov 2026). Raises ValueError for anything else."""
    written = normalise(text)
    day = ISO.fullmatch(written)
    if day:
        year, month, dom = map(int, day.groups())
        try:
            return date(year - 543 if year > 2400 else year, month, dom).isoformat()
        except ValueError:
            pass
    else:
        try:
            moment = datetime.fromisoformat(written.upper())
            if moment.year > 2400:                      # a Buddhist-Era year: 2569 = 2026
                moment = moment.replace(year=moment.year - 543)
            return moment.isoformat()
        except ValueError:
            pass
        if any(pattern.fullmatch(written) for pattern in (NUMERIC, THAI_DATE, EN_DAY_MONTH, EN_MONTH_DAY)):
            found = dates_in(written)
            if len(found) == 1:
                return found[0].isoformat()
    raise ValueError(f"cannot read the date {text!r} (write it as 2026-11-20, 20/11/2569 or 20 พ.ย. 2569)")


@dataclass
class Imported:
    """What an import did: rows recorded, rows without a decision, problems naming their line."""

    loaded: int = 0
    undecided: int = 0
    problems: list[str] = field(default_factory=list)


def import_csv(store: Store, path: str, run_id: int, default_reviewer: str = "") -> Imported:
    """Load reviews from a CSV (a quote that export_csv put before a formula-like text is taken
    off again). Rows labelled ``unknown`` (a labels file's "could not judge") are no decision:
    counted, not recorded. A bad row is a problem naming its line; the good rows load."""
    result = Imported()
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = {"site_id", "feature", "label"} - set(reader.fieldnames or [])
            if missing:
                raise ReviewError(f"{path}: missing column(s) {', '.join(sorted(missing))} "
                                  f"(expected {','.join(CSV_COLUMNS)})")
            for line, row in enumerate(reader, start=2):
                cells = {key: restored(value or "") for key, value in row.items() if key is not None}
                label = cells.get("label", "").strip()
                try:
                    written = cells.get("date", "").strip()
                    reviewed_at = review_date(written) if written else None
                except ValueError as exc:
                    result.problems.append(f"{path}, line {line}: {exc}")
                    continue
                public = PUBLIC_WORDS.get(normalise(cells.get("public", "")).lower())
                if public is None:
                    result.problems.append(f"{path}, line {line}: public is yes or empty (or no), "
                                           f"got {cells.get('public')!r}")
                    continue
                if label == NO_DECISION:
                    result.undecided += 1
                    continue
                try:
                    add_review(store, run_id, cells.get("site_id", "").strip(), cells.get("feature", "").strip(),
                               label, cells.get("reviewer") or default_reviewer or "",
                               note=cells.get("note", ""), evidence_url=cells.get("evidence_path", "").strip(),
                               reviewed_at=reviewed_at, public=public)
                    result.loaded += 1
                except ReviewError as exc:
                    result.problems.append(f"{path}, line {line}: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read the reviews file: {exc}") from None
    return result
