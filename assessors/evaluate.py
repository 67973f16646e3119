"""Comparing site-level states with human labels (the format of shared/corpus/labels.csv).

Present is the positive class. A label 'present' that the detector leaves absent or unknown
is a miss; a detector 'present' on a label 'absent' is a false alarm. Rows labelled
'unknown' are not counted in precision and recall; the agreement on them is reported.
Labels whose note starts with UNSURE are judgment calls: they count, and are marked in the
list of disagreements so a person can see whether the detector or the label is wrong.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field

from . import CATALOGUE

STATES = {"present", "absent", "unknown", "not_applicable"}


class LabelsError(Exception):
    pass


@dataclass
class Label:
    site_id: str
    feature: str
    label: str
    evidence_path: str
    note: str
    line: int

    @property
    def unsure(self) -> bool:
        return self.note.strip().upper().startswith("UNSURE")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unknown_agree: int = 0
    unknown_total: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Evaluation:
    per_feature: dict[str, Score]
    overall: Score
    disagreements: list[dict] = field(default_factory=list)
    missing_sites: list[str] = field(default_factory=list)


def read_labels(path: str, catalogue=CATALOGUE) -> tuple[list[Label], list[str]]:
    """(labels, problems): a bad row is reported with its line and skipped. A feature id not in the
    catalogue is such a row: it is named, never counted as a miss of the detectors."""
    try:
        with open(path, "rb") as raw:
            data = raw.read()
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read the labels file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LabelsError(f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}){_encoding_hint(data)}; "
                          "save the file as CSV UTF-8") from None
    known = set(catalogue)
    with io.StringIO(text, newline="") as f:
        reader = csv.DictReader(f)
        need = {"site_id", "feature", "label"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise LabelsError(f"{path}:1: the header must have site_id,feature,label (found {reader.fieldnames})")
        labels, problems = [], []
        for row in reader:
            line = reader.line_num
            label = (row.get("label") or "").strip()
            if label not in STATES:
                problems.append(f"{path}:{line}: label {label!r} is not one of {', '.join(sorted(STATES))}")
                continue
            if not row.get("site_id") or not row.get("feature"):
                problems.append(f"{path}:{line}: no site_id or feature")
                continue
            feature = row["feature"].strip()
            if feature not in known:
                close = difflib.get_close_matches(feature, known, n=1)
                problems.append(f"{path}:{line}: feature {feature!r} is not in the catalogue"
                                + (f" (did you mean {close[0]!r}?)" if close else "") + "; the row is not counted")
                continue
            labels.append(Label(row["site_id"].strip(), row["feature"].strip(), label,
                                (row.get("evidence_path") or "").strip(), (row.get("note") or "").strip(), line))
    return labels, problems


def _encoding_hint(data: bytes) -> str:
    """Thai spreadsheets saved as 'CSV' are often Windows-874 (TIS-620): say so when it reads as that."""
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        return ""
    return " (it reads as Thai Windows-874/TIS-620)" if any("\u0e00" <= c <= "\u0e7f" for c in text) else ""


def evaluate(labels: list[Label], predicted: dict[tuple[str, str], str],
             evidence: dict[tuple[str, str], list[str]]) -> Evaluation:
    per_feature: dict[str, Score] = {}
    overall = Score()
    result = Evaluation(per_feature, overall)
    sites = {s for s, _ in predicted}
    for label in labels:
        if label.site_id not in sites:
            if label.site_id not in result.missing_sites:
                result.missing_sites.append(label.site_id)
            continue
        state = predicted.get((label.site_id, label.feature), "missing")
        score = per_feature.setdefault(label.feature, Score())
        for s in (score, overall):
            if label.label == "unknown":
                s.unknown_total += 1
                s.unknown_agree += state == "unknown"
            elif label.label == "not_applicable":
                continue
            elif label.label == "present":
                if state == "present":
                    s.tp += 1
                else:
                    s.fn += 1
            elif state == "present":
                s.fp += 1
            else:
                s.tn += 1
        if label.label != state and not (label.label == "absent" and state == "absent"):
            result.disagreements.append({
                "site_id": label.site_id, "feature": label.feature, "label": label.label, "detected": state,
                "unsure": label.unsure, "label_evidence": label.evidence_path, "note": label.note,
                "detector_evidence": evidence.get((label.site_id, label.feature), [])[:3]})
    return result


NO_GROUP = "(none)"


def read_site_groups(path: str, column: str) -> dict[str, str]:
    """{site_id: value of ``column``} from a sites file or the corpus's sites.csv."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read the sites file: {exc.strerror}") from None
    with f:
        reader = csv.DictReader(f)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        if "site_id" not in columns or column.lower() not in columns:
            raise LabelsError(f"{path}:1: no {column!r} column to group by (the columns are: {', '.join(columns) or 'none'})")
        reader.fieldnames = columns
        return {(row.get("site_id") or "").strip(): (row.get(column.lower()) or "").strip() or NO_GROUP for row in reader}


def evaluate_by(labels: list[Label], predicted: dict[tuple[str, str], str],
                evidence: dict[tuple[str, str], list[str]], groups: dict[str, str],
                features: set[str] | None = None) -> dict[str, Evaluation]:
    """One evaluation per group of sites (language, country, tier ...), groups in name order;
    only the given features when ``features`` is set (the stage features, say)."""
    by_group: dict[str, list[Label]] = {}
    for label in labels:
        if features is None or label.feature in features:
            by_group.setdefault(groups.get(label.site_id, NO_GROUP), []).append(label)
    return {group: evaluate(by_group[group], predicted, evidence) for group in sorted(by_group)}
