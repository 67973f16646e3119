"""Machine-readable exports of a run: JSON (the public contract of DESIGN.md), CSV (one row
per site) and XLSX (sheets sites, features, evidence, groups).

Spreadsheet cells holding text from crawled pages or the sites file are written so that a
spreadsheet program reads them as text, never as a formula (ground.spreadsheet: a leading
quote in CSV, a text cell in XLSX), because an evidence snippet like ``=HYPERLINK(...)`` must
stay inert in Excel.

The XLSX sheets are laid out to be read (frozen header, filters, column widths), whole numbers
are numbers (rank 4, not 4.0), a site left unscored says why, and evidence found on one page
under two addresses (`/` and `/index.html`) is one row.

Beside each address the spreadsheets show a ``<column>_display`` column for people: the same
URL with its host IDNA-decoded (a Thai domain in Thai); the raw column keeps the stored
punycode, so scripts that read it are unchanged. The JSON export carries the raw addresses only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from assessors import CATALOGUE
from ground.spreadsheet import inert, readable, text_cells
from ground.urls import same_page

from .data import UNKNOWN, RunData
from .formats import url_text


def to_json(data: RunData) -> dict:
    return {"run": _run_json(data), "sites": [_site_json(site) for site in data.sites]}


def _run_json(data: RunData) -> dict:
    run = data.run
    return {"id": run["id"], "started_at": run["started_at"], "finished_at": run["finished_at"],
            "framework": run.get("framework") or (data.frameworks[0] if data.frameworks else None),
            "state": run["state"], "sites_file": run["sites_file"], "tool_version": run["tool_version"]}


def _site_json(site: dict) -> dict:
    return {
        "site_id": site["site_id"], "url": site["url"], "name": site["name"], "metadata": site["metadata"],
        "status": site["status"], "detail": site["detail"], "final_url": site["final_url"],
        "pages_fetched": site["pages_fetched"], "pages_failed": site["pages_failed"],
        "features": {f: {"state": v["state"], "value": v["value"], "detected": v["detected"],
                         "reason": v["reason"] if v["state"] == UNKNOWN else None,
                         "confidence": v["confidence"],
                         "origin": v["origin"], "needs_review": v["needs_review"], "review": v["review"],
                         "evidence": [{"page_url": e["page_url"], "target": e["target"], "text": e["text"],
                                       "element": e["element"], "detector": e["detector"],
                                       "region": e["region"], "confidence": e["confidence"]}
                                      for e in v["evidence"]]}
                     for f, v in site["features"].items()},
        "scores": {name: _score(s) for name, s in site["scores"].items()},
    }


def _score(score: dict) -> dict:
    result = {"stage_pct": score["stage_pct"], "osi_raw": score["osi_raw"], "osi_norm": score["osi_norm"],
              "highest_stage": score["highest_stage"], "rank": score["rank"], "gaps": score["gaps"],
              "unknown": score["unknown"], "reason": score["reason"]}
    if score["has_coverage"]:
        coverage = score["coverage"] or {}
        result.update({
            "value": score["value"], "level": score["level"], "level_th": coverage.get("level_th"),
            "value_decided": coverage.get("value_decided"),
            "coverage": {k: coverage.get(k) for k in ("indicators", "met", "automatic", "reviewed", "open",
                                                      "not_applicable", "decided")},
            "criteria": coverage.get("criteria", []),
            "open": coverage.get("open_indicators", [])})
    return result


def json_text(data: RunData) -> str:
    return "".join(json_pieces(data))


def json_pieces(data: RunData) -> Iterator[str]:
    """The JSON document a site at a time: the text of ``json.dumps(to_json(data), indent=1)``
    without holding all of it (at 10,000 sites it is 400 MB, and its objects ten times that)."""
    head = json.dumps({"run": _run_json(data)}, ensure_ascii=False, indent=1)
    yield head.removesuffix("\n}") + ',\n "sites": ['
    for i, site in enumerate(data.sites):       # an item of the list is indented two spaces
        text = json.dumps(_site_json(site), ensure_ascii=False, indent=1)
        yield ("," if i else "") + "\n  " + text.replace("\n", "\n  ")    # JSON strings hold no raw newline
    yield "\n ]\n}" if data.sites else "]\n}"


def with_display(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Each address column followed by `<column>_display`: the URL as people read it, its host
    IDNA-decoded (http://xn--42c1bzak6fub8dsbk.xn--h3cuzk1di.xn--o3cw4h/ is shown as
    http://ไทยคู่ฟ้า.รัฐบาล.ไทย/); the raw column is left as stored."""
    for column in columns:
        if column in frame:
            shown = frame[column].map(lambda url: url_text(url) if isinstance(url, str) else url)
            frame.insert(frame.columns.get_loc(column) + 1, f"{column}_display", shown)
    return frame


def sites_frame(data: RunData) -> pd.DataFrame:
    """One row per site: identity, metadata, crawl facts, each framework's scores, each feature's state."""
    metadata_keys = sorted({k for s in data.sites for k in s["metadata"]})
    rows = []
    for site in data.sites:
        row = {"site_id": site["site_id"], "url": site["url"], "name": site["name"]}
        row.update({k: site["metadata"].get(k) for k in metadata_keys})
        row.update({"status": site["status"], "pages_fetched": site["pages_fetched"],
                    "pages_failed": site["pages_failed"]})
        for name in data.frameworks:
            score = site["scores"].get(name) or {}
            for i, pct in enumerate(score.get("stage_pct") or [], start=1):
                row[f"{name}.stage{i}_pct"] = pct
            row[f"{name}.osi_raw"] = score.get("osi_raw")
            row[f"{name}.osi_norm"] = score.get("osi_norm")
            row[f"{name}.highest_stage"] = score.get("highest_stage")
            row[f"{name}.rank"] = score.get("rank")
            if score.get("has_coverage"):
                coverage = score.get("coverage") or {}
                row[f"{name}.value"] = score.get("value")
                row[f"{name}.level"] = score.get("level")
                for count in ("automatic", "reviewed", "open"):
                    row[f"{name}.{count}"] = coverage.get(count)
            row[f"{name}.reason"] = score.get("reason") if score and not score.get("scored") else None
        row.update({f: site["features"][f]["state"] for f in CATALOGUE})
        rows.append(row)
    frame = with_display(pd.DataFrame(rows), ("url",))
    return _whole_numbers(frame, ("pages_fetched", "pages_failed",
                                                *(f"{n}.{k}" for n in data.frameworks
                                                  for k in ("highest_stage", "rank", "automatic", "reviewed", "open"))))


def _whole_numbers(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Counts, ranks and stages as whole numbers (4, not 4.0), a missing one left empty."""
    for column in columns:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column]).round().astype("Int64")
    return frame


def evidence_frame(data: RunData) -> pd.DataFrame:
    """One row per piece of evidence; the same link found on one page under two addresses
    (`/` and `/index.html`, a different query order) is one row, the first address kept."""
    rows, seen = [], set()
    for s in data.sites:
        for f, v in s["features"].items():
            for e in v["evidence"]:
                key = (s["site_id"], f, same_page(e["page_url"] or ""), same_page(e["target"] or ""),
                       e["element"], e["text"], e["detector"])
                if key in seen:
                    continue
                seen.add(key)
                rows.append({"site_id": s["site_id"], "feature": f, "page_url": e["page_url"], "target": e["target"],
                             "element": e["element"], "text": e["text"], "detector": e["detector"],
                             "region": e["region"], "confidence": e["confidence"]})
    return with_display(pd.DataFrame(rows, columns=["site_id", "feature", "page_url", "target", "element", "text",
                                                    "detector", "region", "confidence"]), ("page_url", "target"))


def csv_text(data: RunData) -> str:
    return sites_frame(data).map(inert).rename(columns=inert).to_csv(index=False)


EXCEL_ROWS = 1_048_576      # rows of a worksheet, its header's included (Excel's limit)


def write_xlsx(data: RunData, path, sheet_rows: int = EXCEL_ROWS) -> None:
    features = pd.DataFrame([
        {"site_id": s["site_id"], "feature": f, "state": v["state"],
         "value": json.dumps(v["value"], ensure_ascii=False) if v["value"] is not None else None,
         "evidence_count": len(v["evidence"])}
        for s in data.sites for f, v in s["features"].items()])
    groups = pd.DataFrame([
        {"framework": name, "group_by": g["group_by"], "group_value": g["group_value"], "sites": g["sites"],
         "scored": g["scored"], **{f"stage{i}_pct": p for i, p in enumerate(g["stage_pct"], start=1)},
         "osi_raw": g["osi_raw"], "rank": g["rank"]}
        for name, rows in data.groups.items() for g in rows])
    groups = _whole_numbers(groups, ("sites", "scored", "rank"))
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame, frozen in (("sites", sites_frame(data), 1), ("features", features, 2),
                                     ("evidence", evidence_frame(data), 2), ("groups", groups, 0)):
            for name, part in sheet_parts(sheet, frame, sheet_rows):
                part.to_excel(writer, sheet_name=name, index=False)
                text_cells(writer.sheets[name])
                readable(writer.sheets[name], frozen)


def sheet_parts(sheet: str, frame: pd.DataFrame, rows: int = EXCEL_ROWS):
    """A sheet's rows in as many sheets as Excel's limit needs, each with the header: a national
    run's `features` (a row per site and feature, 1.15 million at 10,000 sites) goes on in
    `features (2)`."""
    per_sheet = rows - 1
    if len(frame) <= per_sheet:
        yield sheet, frame
        return
    for i, start in enumerate(range(0, len(frame), per_sheet), start=1):
        yield (sheet if i == 1 else f"{sheet} ({i})"), frame.iloc[start:start + per_sheet]



@dataclass(frozen=True)
class ExportFormat:
    """One format of ``egovscan export``: the command's help, its --format check and its output
    all come from FORMATS, so a new format is one entry there."""

    name: str
    summary: str                                     # the command's help: "CSV (a row per site)"
    text: Callable[[RunData], str] | None = None     # a text format: printed, or written to --output
    write: Callable[[RunData, Path], None] | None = None   # a file format: needs --output
    pieces: Callable[[RunData], Iterable[str]] | None = None   # a text format written piece by piece

    @property
    def needs_file(self) -> bool:
        return self.text is None and self.pieces is None

    def text_pieces(self, data: RunData) -> Iterable[str]:
        return self.pieces(data) if self.pieces is not None else [self.text(data)]


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("json", "JSON (the public contract)", text=json_text, pieces=json_pieces),
    ExportFormat("csv", "CSV (a row per site)", text=csv_text),
    ExportFormat("xlsx", "XLSX (sites, features, evidence, groups)", write=write_xlsx),
)}


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def format_names() -> str:
    """'json, csv or xlsx'"""
    return _either(list(FORMATS))


def formats_help() -> str:
    """The export command's help line, one phrase per format."""
    return "Export a run: " + _either([f.summary for f in FORMATS.values()]) + "."


def output_help() -> str:
    files = [f.name for f in FORMATS.values() if f.needs_file]
    return "file to write (default: standard output" + (f"; {_either(files)} needs a file" if files else "") + ")"
