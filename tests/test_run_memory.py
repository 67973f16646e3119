"""A national run's findings in memory: scoring and reporting 8,000 sites x the whole catalogue
(about a million findings) must fit beside the crawl, so what they hold per finding is bounded.

The runs here are written straight into a real store (the rows an assessment writes), so the
figures count only what reading them back costs; tracemalloc counts Python's allocations, which
are the same on every machine.
"""

from __future__ import annotations

import json
import tracemalloc

import openpyxl
import pytest

from assessors import CATALOGUE
from egovscan.steps import export_run
from ground.sites import read_sites
from ground.store import Store
from reports.data import load_run
from reports.export import EXCEL_ROWS, FORMATS, to_json, write_xlsx
from stages.framework import load_framework
from stages.runs import score_run

SITES = 300
# What reading one finding back may hold at its peak: its state, value, reason and a piece of
# evidence, shared where they repeat. A dict per finding and a list of every row at once came
# to about 1,500 bytes.
BYTES_PER_FINDING = 450


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    sites = folder / "sites.csv"
    sites.write_text("site_id,url,name,province\n" + "".join(
        f"s{i:04d},https://www.site{i}.go.th/,หน่วยงานที่ {i},จังหวัด {i % 77}\n" for i in range(SITES)), "utf-8")
    store = Store(folder / "national.db")
    run_id = store.create_run(read_sites(sites), str(folder / "warc"), {}, "test")
    pass_id = store.open_assessment_pass(run_id)
    for i in range(SITES):
        site_id = f"s{i:04d}"
        store.record_site_finished(run_id, site_id, {"status": "ok", "pages_fetched": 10})
        features, evidence = [], []
        for j, feature in enumerate(CATALOGUE):
            present = (i + j) % 3 == 0
            features.append({"run_id": run_id, "site_id": site_id, "feature": feature,
                             "state": "present" if present else "absent",
                             "value": json.dumps({"pages": 1 + j % 5}) if present else None,
                             "evidence_count": int(present), "pass": pass_id, "confidence": "strong",
                             "reason": None if present else "not found on the site's 10 pages"})
            if present:
                evidence.append({"run_id": run_id, "site_id": site_id, "feature": feature,
                                 "page_url": f"https://www.site{i}.go.th/", "target": f"https://www.site{i}.go.th/e",
                                 "element": "<a> in the menu", "text": "บริการออนไลน์", "detector": "link",
                                 "region": "nav", "confidence": "strong"})
        store.write_assessment(run_id, site_id, features, evidence)
    store.finish_assessment(run_id)
    return store, run_id


def peak_bytes(call):
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_runs_findings_are_read_back_compactly_for_the_report(national):
    store, run_id = national
    data, peak = peak_bytes(lambda: load_run(store, run_id))
    findings = SITES * len(CATALOGUE)
    assert peak / findings < BYTES_PER_FINDING, f"{peak / findings:.0f} bytes a finding"
    # and nothing is lost by holding them compactly: every finding, its value and its evidence
    site = data.site("s0002")
    first, second = CATALOGUE[0], CATALOGUE[1]
    assert site["features"][first]["state"] == "absent"
    assert site["features"][first]["reason"] == "not found on the site's 10 pages"
    assert site["features"][second]["state"] == "present" and site["features"][second]["value"] == {"pages": 2}
    assert [e["target"] for e in site["features"][second]["evidence"]] == ["https://www.site2.go.th/e"]
    assert dict(site["features"][second])["origin"] == "automatic"
    assert sum(f["state"] == "present" for s in data.sites for f in s["features"].values()) == \
        sum((i + j) % 3 == 0 for i in range(SITES) for j in range(len(CATALOGUE)))


def test_a_runs_findings_are_read_back_compactly_for_scoring(national):
    store, run_id = national
    result, peak = peak_bytes(lambda: score_run(store, run_id, load_framework("un2012"), compare=False))
    assert peak / (SITES * len(CATALOGUE)) < BYTES_PER_FINDING, f"{peak / (SITES * len(CATALOGUE)):.0f} bytes a finding"
    assert len(result.sites) == SITES and result.sites["scored"].all()


def test_the_json_export_is_written_a_site_at_a_time(national, tmp_path):
    store, run_id = national
    output = tmp_path / "run.json"
    _, peak = peak_bytes(lambda: export_run(store, run_id, FORMATS["json"], output))
    assert peak / (SITES * len(CATALOGUE)) < BYTES_PER_FINDING, f"{peak / (SITES * len(CATALOGUE)):.0f} bytes a finding"
    # the same text as the whole document dumped at once: the public contract is unchanged
    text = output.read_text("utf-8")
    assert text == json.dumps(to_json(load_run(store, run_id)), ensure_ascii=False, indent=1)
    assert [s["site_id"] for s in json.loads(text)["sites"]] == [f"s{i:04d}" for i in range(SITES)]
    assert not output.with_name(output.name + ".part").exists()


def test_a_sheet_longer_than_excel_allows_goes_on_in_the_next_sheets(national, tmp_path):
    """Excel holds 1,048,576 rows a sheet; a national run's features sheet has a row per site and
    feature (1.15 million at 10,000 sites), where writing it failed with pandas' 'sheet is too
    large'. The rows go on in `features (2)` and after, each sheet with its header; written here
    with a smaller limit, the real one being Excel's."""
    store, run_id = national
    assert EXCEL_ROWS == 2 ** 20
    path = tmp_path / "run.xlsx"
    write_xlsx(load_run(store, run_id), path, sheet_rows=10_001)
    book = openpyxl.load_workbook(path, read_only=True)
    rows = SITES * len(CATALOGUE)
    parts = ["features"] + [f"features ({i})" for i in range(2, -(-rows // 10_000) + 1)]
    assert [name for name in book.sheetnames if name.startswith("features")] == parts
    seen = []
    for name in parts:
        sheet = list(book[name].iter_rows(values_only=True))
        assert sheet[0][:3] == ("site_id", "feature", "state") and len(sheet) <= 10_001
        seen += [(r[0], r[1]) for r in sheet[1:]]
    assert len(seen) == rows and len(set(seen)) == rows and seen[0] == ("s0000", CATALOGUE[0])
    assert book["sites"].max_row == SITES + 1            # a sheet within the limit stays whole
