"""The Thai government site list ships with egovscan: an audit of Thai government starts from
`egovscan sites thailand > sites.csv`, without typing a list."""

import csv
import io
from collections import Counter

from conftest import egovscan


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_thai_list_is_a_good_sites_file_with_every_tier(tmp_path):
    printed = egovscan("sites", "thailand").stdout
    listed = rows(printed)
    assert len(listed) == 293
    assert Counter(r["tier"] for r in listed) == {
        "department": 128, "province": 74, "state-enterprise": 35, "public-organization": 34,
        "ministry": 19, "independent": 2, "local": 1}
    assert all(r["source"] for r in listed), "every row says where its URL was read"
    bangkok = next(r for r in listed if r["tier"] == "local")
    assert bangkok["name"] == "กรุงเทพมหานคร" and "bangkok.go.th" in bangkok["url"]
    sites = tmp_path / "sites.csv"
    sites.write_text(printed, "utf-8")
    check = egovscan("check-sites", sites)
    assert "293 good site row(s), 0 bad" in check.stdout


def test_filters_keep_the_rows_an_audit_asks_for(tmp_path):
    interior = rows(egovscan("sites", "thailand", "--ministry", "มท.", "--tier", "department").stdout)
    assert interior and {(r["ministry"], r["tier"]) for r in interior} == {("มท.", "department")}
    both = rows(egovscan("sites", "thailand", "--tier", "ministry", "--tier", "local").stdout)
    assert len(both) == 20
    # the two provinces whose sources were wrong come only on request, marked as built from a pattern
    provinces = rows(egovscan("sites", "thailand", "--tier", "province").stdout)
    with_inferred = rows(egovscan("sites", "thailand", "--tier", "province", "--with-inferred").stdout)
    added = [r for r in with_inferred if r not in provinces]
    assert len(provinces) == 74 and len(with_inferred) == 76
    assert {r["province"] for r in added} == {"เชียงราย", "ปราจีนบุรี"} and {r["source"] for r in added} == {"pattern"}
    sites = tmp_path / "provinces.csv"
    sites.write_text(egovscan("sites", "thailand", "--tier", "province", "--with-inferred").stdout, "utf-8")
    assert "76 good site row(s), 0 bad" in egovscan("check-sites", sites).stdout


def test_an_unknown_list_names_the_lists_there_are():
    proc = egovscan("sites", "laos", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no site list named 'laos'" in proc.stderr and "thailand" in proc.stderr
