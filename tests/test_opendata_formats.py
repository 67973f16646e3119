"""Open data in open formats (LOSI 236): the opendata.files detector records the formats of the
data files it found beside its best tier, and the losi2024 framework decides 236 from them:
CSV, TSV, TXT, JSON, GeoJSON, XML, ODS, KML, SHP, RDF count; PDF, DOC, images and XLS do not."""

from __future__ import annotations

import pytest

from assessors import assessor_for
from assessors.base import PRESENT, SiteFindings
from assessors.page import build_page
from stages.framework import load_framework
from stages.scorer import criterion_outcome

URL = "http://www.example.go.th/opendata.html"
LOSI = load_framework("losi2024")
OPEN_DATA = next(c for s in LOSI.stages for c in s.criteria if c.code == "236")


def decide(*pages):
    """opendata.files for a site of these pages, as the assessment decides it."""
    assessor = assessor_for("opendata.files")
    evidence = {}
    for i, html in enumerate(pages):
        view = build_page(f"<html><body>{html}</body></html>", URL.replace(".html", f"{i}.html"))
        for item in assessor.page(view):
            assessor.keep(evidence.setdefault(item.feature, []), item)
    return assessor.site(SiteFindings(evidence=evidence, pages=[], facts={}))["opendata.files"]


def met_236(decision) -> bool | None:
    outcome = criterion_outcome(OPEN_DATA, {"opendata.files": (decision.state, decision.value)})
    return outcome.credit == 1.0 if outcome.decided else None


def rows(*links):
    return "<ul>" + "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links) + "</ul>"


# (html, formats recorded, best tier, 236 met)
CASES = [
    # Thai: a statistics page with a CSV and the same table as PDF
    (('<h2>ข้อมูลสถิติจำนวนประชากร พ.ศ. 2567</h2>'
      '<a href="/data/pop2567.csv">ดาวน์โหลดข้อมูล (CSV)</a> <a href="/data/pop2567.pdf">ดาวน์โหลดข้อมูล (PDF)</a>'),
     ["csv", "pdf"], 3, True),
    # English: a GeoJSON layer and a KML file
    ('<h2>Open data</h2><a href="/gis/parks.geojson">Parks (GeoJSON)</a><a href="/gis/roads.kml">Roads (KML)</a>',
     ["geojson", "kml"], 3, True),
    # a named text file is open (TXT counts for LOSI though its tier is PDF's)
    ('<a href="/data/rainfall-2566.txt">ชุดข้อมูลปริมาณน้ำฝน 2566 (TXT)</a>', ["txt"], 1, True),
    # near miss: a data list published as PDF only
    (('<h2>ข้อมูลเปิด</h2><a href="/data/budget2567.pdf">ชุดข้อมูลงบประมาณ 2567</a>'
      '<a href="/data/budget2566.pdf">ชุดข้อมูลงบประมาณ 2566</a>'), ["pdf"], 1, False),
    # near miss: spreadsheets (XLS, XLSX) and a Word file are not open formats for LOSI
    (('<h2>Open data</h2><a href="/data/stats.xls">Statistics dataset (XLS)</a>'
      '<a href="/data/stats2.xlsx">Statistics dataset (XLSX)</a><a href="/data/notes.docx">Dataset notes</a>'),
     ["docx", "xls", "xlsx"], 2, False),
]


@pytest.mark.parametrize("html, formats, tier, met", CASES)
def test_formats_found_beside_the_tier_decide_open_data(html, formats, tier, met):
    decision = decide(html)
    assert decision.state == PRESENT
    assert decision.value == {"tier": tier, "formats": formats}
    assert met_236(decision) is met


def test_feeds_and_a_site_map_are_not_open_data():
    decision = decide('<a href="/rss/news.xml">RSS ข่าวประชาสัมพันธ์</a><a href="/sitemap.xml">Site map</a>'
                      '<a href="/about.pdf">เกี่ยวกับเรา</a>')
    assert decision.state == "absent" and met_236(decision) is False


def test_one_csv_after_many_pdf_reports_is_still_found():
    # an ITA-style document library: dozens of PDF datasets on the first pages, a CSV later
    library = rows(*((f"/docs/stat{i}.pdf", f"ข้อมูลสถิติ รายงานที่ {i}") for i in range(30)))
    decision = decide(library, rows(("/docs/stat.csv", "ข้อมูลสถิติ ทั้งหมด")))
    assert decision.value == {"tier": 3, "formats": ["csv", "pdf"]}
    assert met_236(decision) is True
