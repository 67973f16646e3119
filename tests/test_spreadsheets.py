"""The XLSX export as a consultant opens it: headers frozen, filters on, columns wide enough,
whole numbers as numbers, one row per piece of evidence, and why a site has no score."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from conftest import FAST, SiteServer, egovscan, make_site

from ground.urls import same_page


def test_one_page_under_two_addresses_is_one_page():
    assert same_page("http://www.dla.go.th/index.html") == same_page("http://WWW.dla.go.th/") \
        == same_page("http://www.dla.go.th:80/index.htm#top") == same_page("http://www.dla.go.th")
    assert same_page("https://a.go.th/news/default.aspx?b=2&a=1") == same_page("https://a.go.th/news/?a=1&b=2")
    # near misses: another file, another folder, another port are other pages
    assert same_page("http://a.go.th/myindex.html") != same_page("http://a.go.th/")
    assert same_page("http://a.go.th/index.html/x") != same_page("http://a.go.th/x")
    assert same_page("http://a.go.th/news/index.html") != same_page("http://a.go.th/")
    assert same_page("https://a.go.th:8443/") != same_page("https://a.go.th/")


@pytest.fixture(scope="module")
def audit(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("xlsx")
    web = tmp / "web"
    page = ("<html lang='th'><head><meta charset='utf-8'><title>กรมตัวอย่าง</title></head><body>"
            "<h1>กรมตัวอย่าง</h1><a href='/index.html'>หน้าหลัก</a> <a href='/about.html'>เกี่ยวกับหน่วยงาน</a> "
            "<a href='https://www.moi.go.th/'>กระทรวงมหาดไทย</a> <a href='/law.html'>กฎหมายที่เกี่ยวข้อง</a>"
            "<footer>ที่อยู่ 99 ถนนตัวอย่าง กรุงเทพฯ 10200 โทรศัพท์ 0 2123 4567</footer></body></html>")
    make_site(web, "dept", {"index.html": page, "about.html": "<h1>เกี่ยวกับหน่วยงาน</h1><p>วิสัยทัศน์ พันธกิจ</p>",
                            "law.html": "<h1>กฎหมาย</h1><p>พระราชบัญญัติ ระเบียบ</p>"})
    make_site(web, "down", {"index.html": "x"}, rules={"*": {"status": 503, "body": "maintenance"}})
    server = SiteServer(web, tmp / "sites.csv", 94)
    request.addfinalizer(server.stop)
    db = tmp / "audit.db"
    egovscan("run", server.sites_csv, "--db", db, "--out", tmp / "report", *FAST[:4], "--quiet")
    return db


@pytest.fixture(scope="module")
def book(audit):
    egovscan("export", "--db", audit, "--format", "xlsx", "--output", audit.with_suffix(".xlsx"))
    return openpyxl.load_workbook(audit.with_suffix(".xlsx"))


def rows(sheet) -> list[dict]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]


def test_every_sheet_has_a_frozen_header_filters_and_readable_widths(book):
    for sheet in book:
        assert sheet.freeze_panes in ("A2", "B2", "C2"), sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert sheet.cell(row=sheet.max_row, column=1).value is not None, sheet.title    # no empty rows below
        header = [c.value for c in sheet[1]]
        for i, name in enumerate(header, start=1):
            width = sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            assert len(name) <= width <= 60, (sheet.title, name, width)
    assert book["sites"].freeze_panes == "B2"                      # the site id stays in view


def test_numbers_are_numbers_and_an_unscored_site_says_why(book):
    sites = {r["site_id"]: r for r in rows(book["sites"])}
    dept, down = sites["dept"], sites["down"]
    assert dept["un2012.rank"] == 1 and isinstance(dept["un2012.rank"], int)
    assert isinstance(dept["un2012.highest_stage"], int) and isinstance(dept["pages_fetched"], int)
    assert dept["un2012.reason"] is None
    assert down["un2012.rank"] is None and down["un2012.reason"] == "crawl status http_error"
    groups = rows(book["groups"])
    assert all(isinstance(g["sites"], int) and isinstance(g["scored"], int) for g in groups)


def test_the_csv_writes_ranks_and_counts_as_whole_numbers(audit):
    sites = {r["site_id"]: r for r in csv.DictReader(io.StringIO(
        egovscan("export", "--db", audit, "--format", "csv").stdout))}
    assert (sites["dept"]["un2012.rank"], sites["dept"]["un2012.highest_stage"]) == ("1", "1")
    assert sites["down"]["un2012.rank"] == "" and sites["down"]["un2012.reason"] == "crawl status http_error"


def test_evidence_found_on_one_page_under_two_addresses_is_one_row(book):
    evidence = rows(book["evidence"])
    keys = [(e["site_id"], e["feature"], same_page(e["page_url"]), same_page(e["target"] or ""), e["element"],
             e["text"], e["detector"]) for e in evidence]
    assert len(keys) == len(set(keys))
    legal = [e for e in evidence if e["site_id"] == "dept" and e["feature"] == "info.legal"
             and (e["target"] or "").endswith("/law.html")]
    assert len(legal) == 1, legal                                  # found on / and on /index.html


def test_exports_show_a_thai_domain_decoded_beside_the_raw_punycode(thai_domain_audit):
    """People read ไทยคู่ฟ้า.รัฐบาล.ไทย in the `_display` columns; scripts keep reading the stored
    punycode in the raw columns, and the JSON contract is unchanged."""
    import json

    from conftest import THAI_DOMAIN

    raw_host = THAI_DOMAIN.encode("idna").decode()
    text = egovscan("export", "--db", thai_domain_audit, "--format", "csv").stdout
    header = next(csv.reader(io.StringIO(text)))
    assert header.index("url_display") == header.index("url") + 1
    sites = {r["site_id"]: r for r in csv.DictReader(io.StringIO(text))}
    thai, plain = sites["thaidomain"], sites["plain"]
    assert thai["url"].startswith(f"http://{raw_host}:")                       # raw, as stored
    assert thai["url_display"] == thai["url"].replace(raw_host, THAI_DOMAIN)
    assert plain["url_display"] == plain["url"] and "xn--" not in plain["url"]    # nothing to decode

    path = thai_domain_audit.with_name("thai.xlsx")
    egovscan("export", "--db", thai_domain_audit, "--format", "xlsx", "--output", path)
    book = openpyxl.load_workbook(path)
    assert {r["site_id"]: r["url_display"] for r in rows(book["sites"])}["thaidomain"] == thai["url_display"]
    evidence = [e for e in rows(book["evidence"]) if e["site_id"] == "thaidomain"]
    assert evidence and all(raw_host in e["page_url"] and e["page_url_display"] ==
                            e["page_url"].replace(raw_host, THAI_DOMAIN) for e in evidence)
    linked = [e for e in evidence if e["target"] and raw_host in e["target"]]
    assert linked and all(e["target_display"] == e["target"].replace(raw_host, THAI_DOMAIN) for e in linked)
    header = [c.value for c in book["evidence"][1]]
    assert header.index("page_url_display") == header.index("page_url") + 1

    document = json.loads(egovscan("export", "--db", thai_domain_audit, "--format", "json").stdout)
    assert "_display" not in json.dumps(document)
    assert {s["site_id"]: s["url"] for s in document["sites"]}["thaidomain"] == thai["url"]
