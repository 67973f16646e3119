"""The HTML report and the exports: what a consultant opens, sends and loads into Excel.

Browser tests open the report in Debian's Chromium through Playwright (skipped where either
is absent; .ci/run installs both) and save screenshots under test-output/.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys

import openpyxl
import pytest
import sqlite_utils
from bs4 import BeautifulSoup

from assessors import CATALOGUE
from ground.catalogue import load_catalogue
from ground.status import SITE_STATUSES
from conftest import CHROMIUM, FAST, ROOT, SHOTS, egovscan, make_site, needs_browser, open_browser



@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    egovscan("demo", "--out", out, "--quiet")
    return out


def test_demo_report_has_ranking_cards_charts_and_groups(demo):
    report = demo / "report"
    index = (report / "index.html").read_text("utf-8")
    db = sqlite_utils.Database(demo / "demo.db")
    for site_id, in db.execute("select site_id from sites"):
        assert f'href="sites/{site_id}.html"' in index
        assert (report / "sites" / f"{site_id}.html").exists()
    assert "Content-Security-Policy" in index and "<script src=\"assets/report.js\"></script>" in index
    assert (report / "assets" / "stages.svg").read_text("utf-8").startswith("<?xml")
    assert "กรมบริการดิจิทัลสาธิต" in index                        # Thai agency name as in the sites file
    card = (report / "sites" / "th-province-sample.html").read_text("utf-8")
    assert "Next three steps" in card and "Online payment" in card   # the gap list, in plain words
    assert "+7.5 points when added" in card
    down = (report / "sites" / "th-office-down.html").read_text("utf-8")
    assert "Not scored: The home page answered with an error, even after retries." in down


def test_report_in_thai(demo, tmp_path):
    egovscan("report", "--db", demo / "demo.db", "--out", tmp_path / "th", "--lang", "th", "--quiet")
    index = (tmp_path / "th" / "index.html").read_text("utf-8")
    assert '<html lang="th">' in index and "ผลการประเมินการให้บริการออนไลน์" in index
    card = (tmp_path / "th" / "sites" / "th-province-sample.html").read_text("utf-8")
    assert "สามสิ่งที่ควรทำต่อไป" in card and "ชำระเงินออนไลน์" in card
    proc = egovscan("report", "--db", demo / "demo.db", "--out", tmp_path / "x", "--lang", "fr", check=False)
    assert proc.returncode == 2 and "--lang is one of en, th" in proc.stderr


def test_json_export_follows_the_contract(demo):
    document = json.loads(egovscan("export", "--db", demo / "demo.db", "--format", "json").stdout)
    assert set(document["run"]) >= {"id", "started_at", "finished_at", "framework"}
    assert document["run"]["framework"] == "un2012"
    sites = {s["site_id"]: s for s in document["sites"]}
    assert len(sites) == 6
    for site in sites.values():
        assert set(site) >= {"site_id", "url", "status", "pages_fetched", "features", "scores"}
        assert set(site["features"]) == set(CATALOGUE)                # every feature, every site
        for feature in site["features"].values():
            assert feature["state"] in ("present", "absent", "unknown", "not_applicable")
            assert isinstance(feature["evidence"], list)
    ministry = sites["th-ministry-digital"]
    assert ministry["scores"]["un2012"]["stage_pct"] == [100, 100, 100, 100]
    assert ministry["scores"]["un2012"]["osi_raw"] == 100 and ministry["scores"]["un2012"]["highest_stage"] == 4
    payment = ministry["features"]["payment.online"]
    assert payment["state"] == "present" and {"page_url", "target", "text"} <= set(payment["evidence"][0])
    assert sites["th-office-down"]["scores"]["un2012"]["osi_raw"] is None


def test_csv_and_xlsx_exports_open(demo, tmp_path):
    rows = list(csv.DictReader(io.StringIO(egovscan("export", "--db", demo / "demo.db", "--format", "csv").stdout)))
    assert len(rows) == 6 and set(CATALOGUE) <= set(rows[0])
    province = next(r for r in rows if r["site_id"] == "th-province-sample")
    assert province["un2012.osi_raw"] == "17.6" and province["payment.online"] == "absent"
    assert province["ministry"] == "Ministry of Interior"
    xlsx = tmp_path / "audit.xlsx"
    egovscan("export", "--db", demo / "demo.db", "--format", "xlsx", "--output", xlsx)
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["sites", "features", "evidence", "groups"]
    assert book["sites"].max_row == 7                                 # header + 6 sites
    assert book["features"].max_row == 1 + 6 * len(CATALOGUE)
    headers = [c.value for c in next(book["evidence"].iter_rows(max_row=1))]
    assert headers == ["site_id", "feature", "page_url", "page_url_display", "target", "target_display", "element",
                       "text", "detector", "region", "confidence"]
    assert book["evidence"].max_row > 20
    proc = egovscan("export", "--db", demo / "demo.db", "--format", "xlsx", check=False)
    assert proc.returncode == 2 and "needs --output" in proc.stderr


# A format added by one entry in reports/export.py's FORMATS, and nothing else: the command
# reads the registry for its help, its --format check and its output.
WITH_NDJSON = """
import json, sys
from reports import export
export.FORMATS["ndjson"] = export.ExportFormat(
    "ndjson", "NDJSON (a line per site)",
    text=lambda data: "\\n".join(json.dumps(s, ensure_ascii=False) for s in export.to_json(data)["sites"]))
export.FORMATS["ods"] = export.ExportFormat("ods", "ODS (a spreadsheet)", write=lambda data, path: path.write_text("ods"))
from egovscan.cli import app
app(sys.argv[1:], prog_name="egovscan")
"""


def egovscan_with_formats(*args):
    return subprocess.run([sys.executable, "-c", WITH_NDJSON, *map(str, args)], capture_output=True, text=True,
                          timeout=240, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})


def test_an_export_format_is_one_registry_entry(demo, tmp_path):
    helped = egovscan_with_formats("export", "--help").stdout
    assert "json, csv, xlsx, ndjson or ods" in helped
    assert "NDJSON (a line per site) or ODS (a spreadsheet)" in helped
    assert "xlsx or ods needs a file" in helped
    lines = egovscan_with_formats("export", "--db", demo / "demo.db", "--format", "ndjson").stdout.splitlines()
    assert len(lines) == 6 and json.loads(lines[0])["site_id"]
    written = tmp_path / "audit.ods"
    assert egovscan_with_formats("export", "--db", demo / "demo.db", "--format", "ods", "-o", written).returncode == 0
    assert written.read_text() == "ods"
    refused = egovscan_with_formats("export", "--db", demo / "demo.db", "--format", "ods")
    assert refused.returncode == 2 and "--format ods needs --output FILE.ods" in refused.stderr
    wrong = egovscan_with_formats("export", "--db", demo / "demo.db", "--format", "pdf")
    assert wrong.returncode == 2 and "--format is json, csv, xlsx, ndjson or ods, got 'pdf'" in wrong.stderr
    # the command as shipped names exactly the registry's formats
    shipped = egovscan("export", "--db", demo / "demo.db", "--format", "pdf", check=False)
    assert shipped.returncode == 2 and "--format is json, csv or xlsx, got 'pdf'" in shipped.stderr


@needs_browser
def test_report_renders_in_chromium(demo):
    SHOTS.mkdir(exist_ok=True)
    playwright, browser = open_browser()
    try:
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto((demo / "report" / "index.html").as_uri())
        page.wait_for_selector("body[data-report-ready='1']")            # our own script ran under the CSP
        rows = page.locator("table.ranking tbody tr")
        assert rows.count() == 6
        assert rows.first.locator("td").nth(1).inner_text().startswith("กรมบริการดิจิทัลสาธิต")
        # sorting by score ascending puts the unscored site first, then the lowest
        page.locator("table.ranking th", has_text="Score (out of 100)").click()
        assert "สำนักงานปิดปรับปรุง" in rows.first.inner_text()
        # filtering by ministry without a server
        page.select_option("select[data-filter='ministry']", "Ministry of Interior")
        visible = [r for r in rows.all() if r.is_visible()]
        assert len(visible) == 2 and all("Ministry of Interior" in r.inner_text() for r in visible)
        # the charts are loaded images with Thai-capable text inside
        width = page.eval_on_selector("img[src='assets/stages.svg']", "img => img.naturalWidth")
        assert width > 100
        page.screenshot(path=str(SHOTS / "report-index.png"), full_page=True)
        page.goto((demo / "report" / "sites" / "th-province-sample.html").as_uri())
        assert "สำนักงานจังหวัดตัวอย่าง" in page.locator("h1").inner_text()
        assert page.locator("ol.steps li").count() == 3 and page.locator("ul.further li").count() == 1
        page.screenshot(path=str(SHOTS / "report-card.png"), full_page=True)
        assert problems == []
    finally:
        browser.close()
        playwright.stop()


HOSTILE = """<!-- synthetic hostile fixture --><html><head><meta charset="utf-8">
<title>&lt;script&gt;document.title='pwned'&lt;/script&gt;{{7*7}}</title></head><body>
<h1>กรมทดสอบ &lt;img src=x onerror="document.body.dataset.pwned=1"&gt;</h1>
<p>""" + "หน่วยงานทดสอบข้อมูลสังเคราะห์ " * 20 + """</p>
<a href="/forms/a.pdf">ดาวน์โหลดแบบฟอร์ม &lt;script&gt;alert('form')&lt;/script&gt;</a>
<a href="javascript:alert('pay')">ชำระเงินออนไลน์ javascript:alert(1)</a>
<a href="/webboard.html" onclick="alert('x')">เว็บบอร์ด "&gt;&lt;svg onload=alert(2)&gt;</a>
<a href="https://www.facebook.com/hostile.example">Facebook {{ config }} =HYPERLINK("http://evil.example")</a>
<a href="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">ร้องเรียน data</a>
<form action="/apply" method="post"><label>ชื่อ &lt;script&gt;alert(4)&lt;/script&gt;</label>
<input name="name"><input name="id"><input type="file" name="doc"><button>ยื่นคำขอออนไลน์</button></form>
<footer>ที่อยู่ 1 ถนนทดสอบ โทรศัพท์ 0 2000 0000 อีเมล a@b.example</footer>
</body></html>"""


def test_hostile_page_stays_inert_in_report_and_exports(tmp_path, serve):
    web = tmp_path / "web"
    make_site(web, "hostile", {"index.html": HOSTILE, "forms/a.pdf": b"%PDF-1.4", "webboard.html": "<p>board</p>"})
    (web / "sites.csv").write_text('site_id,name,ministry\nhostile,"<script>alert(""name"")</script>",'
                                   '"<img src=x onerror=alert(5)>"\n', "utf-8")
    server = serve(web, third=93)
    db = tmp_path / "hostile.db"
    out = tmp_path / "report"
    egovscan("run", server.sites_csv, "--db", db, "--out", out, *FAST[:2], "--quiet")
    evidence = " ".join(r[0] for r in sqlite_utils.Database(db).execute("select text from evidence"))
    assert "<script>alert('form')</script>" in evidence            # the payload reached the evidence
    pages = [out / "index.html", out / "method.html", *sorted((out / "sites").glob("*.html"))]
    for path in pages:
        html = path.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html, path
        tree = BeautifulSoup(html, "html.parser")                   # what a browser would build
        assert [t.get("src") for t in tree.find_all("script")] in (["assets/report.js"], ["../assets/report.js"])
        assert not tree.find_all(["svg", "iframe", "object", "embed", "form", "base"]), path
        for tag in tree.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
        for img in tree.find_all("img"):
            assert img["src"].startswith(("assets/", "../assets/")), img
        hrefs = [a["href"] for a in tree.find_all(href=True)]
        # links are http(s) or the report's own relative files: never javascript:, data: or file:
        assert hrefs and all(h.startswith(("http://", "https://")) or not re.match(r"[a-zA-Z][\w+.-]*:", h)
                             for h in hrefs), (path, hrefs)
    card = (out / "sites" / "hostile.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;form&#39;)&lt;/script&gt;" in card    # shown as text
    assert "{{ config }}" in card                                      # never evaluated as a template
    rows = list(csv.reader(io.StringIO(egovscan("export", "--db", db, "--format", "csv").stdout)))
    assert rows[1][rows[0].index("name")] == "<script>alert(\"name\")</script>"
    assert not any(cell.startswith("=") for row in rows for cell in row)
    if CHROMIUM.exists() and importlib.util.find_spec("playwright"):
        playwright, browser = open_browser()
        try:
            page = browser.new_page()
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in pages:
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-report-ready='1']")
                for link in page.locator("a").all():
                    href = link.get_attribute("href") or ""
                    assert not href.lower().startswith(("javascript:", "data:")), href
                assert page.evaluate("document.body.dataset.pwned") is None
                assert page.title() != "pwned"
            assert dialogs == []
        finally:
            browser.close()
            playwright.stop()


def test_diff_lists_what_changed_between_nights(two_nights, tmp_path):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    changes = json.loads(egovscan("diff", "--db", db_path, "--json").stdout)
    assert (changes["from_run"], changes["to_run"]) == (1, 2)
    by_site = {c["site_id"]: c for c in changes["changed"]}
    assert set(by_site) == {"s2", "s4"}
    assert by_site["s2"]["features"] == [{"feature": "payment.online", "from": "absent", "to": "present"}]
    assert by_site["s2"]["osi_raw"] == {"from": 2.8, "to": 10.3}
    assert {"feature": "connected.one_stop", "from": "absent", "to": "present"} in by_site["s4"]["features"]
    text = egovscan("diff", "--db", db_path, "--from", 1, "--to", 2).stdout
    assert "2 site(s) changed" in text and "s2: osi_raw 2.8 -> 10.3; payment.online absent -> present" in text
    # the report shows the changes and the quadrant chart
    egovscan("report", "--db", db_path, "--out", tmp_path / "r", "--quiet")
    index = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert re.search(r"Changes since \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d", index) and "Online payment: absent → present" in index
    assert "assets/quadrants.svg" in index and "Rising Star" in index
    card = (tmp_path / "r" / "sites" / "s2.html").read_text("utf-8")
    assert "Online payment: absent → present" in card


def test_datasette_metadata_describes_every_table_and_column():
    from ground.store import TABLES

    tables = json.loads((ROOT / "reports" / "datasette.json").read_text("utf-8"))["databases"]["*"]["tables"]
    assert set(tables) == set(TABLES)
    for name, (columns, _) in TABLES.items():
        assert set(tables[name]["columns"]) == set(columns), name
        assert tables[name]["description"]
    printed = json.loads(egovscan("datasette-metadata", "--db", "audit.db").stdout)
    assert printed["databases"]["audit"]["tables"] == tables              # keyed by the file stem


def test_every_site_status_has_a_colour_and_every_colour_a_status():
    """The report colours each site's status (green ok, amber judged with gaps, red not crawled):
    a status added to the taxonomy without a colour, or a colour left for a status that no longer
    exists (the old `.status-refused`), shows here."""

    css = (ROOT / "reports" / "assets" / "style.css").read_text("utf-8")
    coloured = set(re.findall(r"\.status-([a-z_]+)", css))
    assert coloured == set(SITE_STATUSES), (coloured ^ set(SITE_STATUSES))


def test_the_readme_status_table_lists_exactly_the_site_statuses():
    """A consultant looks a status up in the README's table (Site statuses): every status of the
    taxonomy is there, and nothing else."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Site statuses", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
    assert sorted(listed) == sorted(SITE_STATUSES) and len(listed) == len(set(listed))


# -- what a consultant hands over: plain words, Thai all the way, summary, method, print ----------

THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
# Latin words a Thai reader meets in Thai documents too: file types, the tool's name, and the
# acronyms and service names the catalogue's Thai titles and advice use (HTTPS, LINE, e-GP, SDGs)
LATIN_IN_THAI = {"egovscan", "PDF", "DOC", "DOCX", "XLS", "XLSX", "robots", "txt", "A4"} | {
    word for feature in load_catalogue().values() for text in (feature.title["th"], feature.advice["th"])
    for word in re.findall(r"[A-Za-z][A-Za-z-]+", text)}
JARGON = re.compile(r"<a>|<form|<iframe|stage_pct|osi_raw|osi_norm|\(none\)")


def visible(html: str, drop_data: bool = False) -> str:
    """What a reader sees of a page: its text and the alt/title texts (data marked translate=no
    left out when asked)."""
    tree = BeautifulSoup(html, "html.parser")
    if drop_data:
        for tag in tree.select("[translate=no]"):
            tag.decompose()
    for tag in tree(["script", "style"]):
        tag.decompose()
    attributes = [tag.get(a) for tag in tree.find_all(True) for a in ("alt", "title", "placeholder", "aria-label")]
    title = tree.title.get_text(" ") if tree.title and not drop_data else ""     # a card's title names the agency
    return " ".join([title, tree.body.get_text(" ", strip=True),
                     *[a for a in attributes if a]])


def copy_db(source, target):
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def test_agency_card_speaks_plain_words_with_gauge_ladder_comparison_and_three_steps(demo):
    report = demo / "report"
    for card in (report / "sites").glob("*.html"):
        text = visible(card.read_text("utf-8"))
        assert not [f for f in CATALOGUE if f in text], card          # titles, never feature ids
        assert not JARGON.search(text), (card, JARGON.search(text))
    tree = BeautifulSoup((report / "sites" / "th-province-sample.html").read_text("utf-8"), "html.parser")
    gauge = tree.select_one("figure.gauge img")["src"]
    assert (report / "sites" / gauge).read_text("utf-8").startswith("<svg")
    assert tree.select_one(".gauge-value").get_text() == "17.6"
    ladder = [li.get_text(" ", strip=True) for li in tree.select("ol.ladder li")]
    assert len(ladder) == 4 and ladder[0].startswith("Stage 4") and ladder[-1].startswith("Stage 1")
    assert [("reached" in li.get("class")) for li in tree.select("ol.ladder li")] == [False, False, True, True]
    compare = {tr.select("td")[0].get_text(" ", strip=True): tr.select("td")[1].get_text() for tr in tree.select("table.compare tr")}
    assert compare == {"This agency": "17.6", "mean of its ministry ( Ministry of Interior )": "10.2",
                       "mean of its province ( Sample Province )": "10.2", "mean of its tier ( province )": "17.6",
                       "mean of its agency type ( provincial office )": "17.6", "mean of all agencies in this run": "36"}
    steps = [li.get_text(" ", strip=True) for li in tree.select("ol.steps li")]
    assert len(steps) == 3 and all("+7.5 points when added" in s for s in steps)
    evidence = tree.select_one(".evidence small").get_text(" ", strip=True)
    assert evidence.startswith("link in the content of the home page")   # not "<a>", not "main"


def test_report_in_thai_has_no_english_words_iso_dates_or_punycode(demo, tmp_path):
    import idna

    db = copy_db(demo / "demo.db", tmp_path / "thai.db")
    thai_host = "ศาลตัวอย่าง.go.th"
    sqlite_utils.Database(db).execute("update sites set url = ? where site_id = 'th-court-splash'",
                                      [f"http://{idna.encode(thai_host).decode()}/"]).connection.commit()
    # sites-file columns a Thai list carries beside the grouping ones, and a consultant's own column
    extra = {"region": "ภาคกลาง", "name_en": "Sample Province Office", "source": "ราชกิจจานุเบกษา", "budget_code": "B-7"}
    database = sqlite_utils.Database(db)
    metadata = json.loads(database.execute("select metadata from sites where site_id = 'th-province-sample'").fetchone()[0])
    database.execute("update sites set metadata = ? where site_id = 'th-province-sample'",
                     [json.dumps({**metadata, **extra}, ensure_ascii=False)]).connection.commit()
    egovscan("report", "--db", db, "--out", tmp_path / "th", "--lang", "th", "--quiet")
    started = sqlite_utils.Database(db).execute("select started_at from runs").fetchone()[0]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    when = datetime.fromisoformat(started).astimezone(ZoneInfo("Asia/Bangkok"))
    buddhist = f"{when.day} {THAI_MONTHS[when.month - 1]} {when.year + 543}"
    pages = sorted((tmp_path / "th").rglob("*.html"))
    assert len(pages) == 8                                           # index, method, six cards
    for page in pages:
        html = page.read_text("utf-8")
        words = set(re.findall(r"[A-Za-z][A-Za-z-]+", visible(html, drop_data=True)))
        assert words <= LATIN_IN_THAI, (page.name, words - LATIN_IN_THAI)
        text = visible(html)
        assert not re.search(r"\d{4}-\d\d-\d\d", text), page.name     # no ISO dates
        assert buddhist in text, page.name                             # 7 ธ.ค. 2569 in the footer at least
        assert "xn--" not in text, page.name
    index = visible((tmp_path / "th" / "index.html").read_text("utf-8"))
    card = visible((tmp_path / "th" / "sites" / "th-court-splash.html").read_text("utf-8"))
    assert thai_host in index and thai_host in card
    assert "เก็บข้อมูลได้" in index and "เซิร์ฟเวอร์ตอบข้อผิดพลาด" in index   # statuses in Thai
    assert "กระทรวง" in index and "จังหวัด" in index                    # column names in Thai
    facts = BeautifulSoup((tmp_path / "th" / "sites" / "th-province-sample.html").read_text("utf-8"), "html.parser")
    names = [dt.get_text() for dt in facts.select("dl.facts dt")]
    assert {"กระทรวง", "จังหวัด", "ระดับหน่วยงาน", "ภาค", "ชื่อภาษาอังกฤษ", "แหล่งที่มา"} <= set(names), names
    # a column of the consultant's own keeps its name, as data (marked translate="no")
    assert facts.select_one("dl.facts dt[translate=no]").get_text() == "budget_code"


def test_formats_dates_numbers_domains_and_evidence_words():
    from reports.formats import date_text, element_kind, number_text, url_text

    # 20:30 UTC on 7 December is already 8 December in Bangkok
    assert date_text("2026-12-07T20:30:00+00:00", "th") == "8 ธ.ค. 2569"
    assert date_text("2026-12-07T20:30:00+00:00", "en", with_time=True) == "8 Dec 2026 03:30"
    assert date_text("2026-12-07T10:00:00", "th", with_time=True) == "7 ธ.ค. 2569 17:00 น."   # naive = UTC
    assert date_text("not a date", "th") == "not a date" and date_text(None, "th") == "–"
    assert number_text(12345.678, "th") == "12,345.7" and number_text(7.5, "en") == "7.5"
    assert number_text(100.0, "th") == "100" and number_text(None, "th") == "–"
    assert url_text("https://xn--12c1bik6bbd8ab6hd1b5jc6jta.com/a?b=1") == "https://เราเที่ยวด้วยกัน.com/a?b=1"
    assert url_text("https://www.example.go.th/x") == "https://www.example.go.th/x"
    assert url_text("https://xn--broken-.com/") == "https://xn--broken-.com/"   # not decodable: as stored
    assert element_kind("<a> .pdf") == ("ev_file_link", {"ext": "PDF"})
    assert element_kind("<a> .xlsx (tier 2)") == ("ev_file_link", {"ext": "XLSX"})
    assert element_kind("<a> facebook profile")[0] == "ev_social_link"
    assert element_kind("<form method=post> application")[0] == "ev_application_form"
    assert element_kind("<form method=get> status lookup")[0] == "ev_status_form"
    # near misses: a form that is none of the named kinds, a link whose words name no file type,
    # an element the words do not know
    assert element_kind("<form action=/x>")[0] == "ev_form"
    assert element_kind("<a> named by its address")[0] == "ev_link"
    assert element_kind("<marquee>")[0] == "ev_other" and element_kind("")[0] == "ev_other"


def test_executive_summary_and_method_page(demo):
    index = BeautifulSoup((demo / "report" / "index.html").read_text("utf-8"), "html.parser")
    summary = re.sub(r"\s+", " ", " ".join(p.get_text() for p in index.select("#summary p")))
    assert "6 agency websites were checked and 36 pages read. 5 could be scored; 1 could not be read (server error 1)." in summary
    # 36 since the licensing board's contact page, which prints its enquiry e-mail, counts as two-way
    assert "The mean score is 36 out of 100. The best score is 100, at กรมบริการดิจิทัลสาธิต (synthetic)." in summary
    assert "By the highest stage reached: 2 at no stage yet, 1 at stage 2, 2 at stage 4." in summary
    gaps = [li.get_text() for li in index.select("#summary ol.common-gaps li")]
    assert len(gaps) == 5 and all(re.search(r"missing at \d of 5 agencies, \+[\d.]+ points when added", g) for g in gaps)
    assert "Compared by ministry: Ministry of Demonstration has the highest mean (100), Independent agency the lowest (2.8)." in summary
    assert "(none)" not in summary
    method = re.sub(r"\s+", " ", visible((demo / "report" / "method.html").read_text("utf-8")))
    assert "7 / 24 / 30 / 39" in method and "at least 50% of what it asks for" in method
    assert "Online payment Accept fees and fines online" in method
    assert "Counts as evidence: a link, a page title or a heading of the site that names it" in method   # info.organization
    assert "Counts as evidence: the thing itself on a page read: a form with its fields" in method       # payment.online
    assert "What unknown means" in method and "In this run 0 findings were reviewed" in method
    assert "at most 100 pages per website, to a depth of 5 links" in method
    readme = (ROOT / "README.md").read_text("utf-8")
    precision, recall = re.search(r"\| \*\*all\*\* \| \*\*([\d.]+)\*\* \| \*\*([\d.]+)\*\* \|", readme).groups()
    assert f"precision {precision}" in method and f"recall {recall}" in method     # the README's measured figures
    stage = re.search(r"The 15 stage features alone: precision ([\d.]+), recall ([\d.]+)", readme).groups()
    assert f"for the stage features alone {stage[0]} and {stage[1]}" in method
    # and what to expect on websites nobody has looked at: the README's held-out figures
    unseen = re.search(r"\| unseen: [^|]+\| ([\d.]+) \| \*\*([\d.]+)\*\* \| (\d+) \| (\d+) \| (\d+) \|", readme).groups()
    sites, labels = re.search(r"\*\*(\d+) real government\s+homepages outside it\*\*.*?\(([\d,]+) labels", readme, re.S).groups()
    assert f"On {sites} other government homepages" in method and f"({labels} findings)" in method
    assert f"precision was {unseen[0]} and recall {unseen[1]}" in method


def test_a_site_without_a_ministry_is_in_no_ministry_group(demo):
    """The sample licensing board leaves ministry and province empty: no "(none)" ministry is
    ranked beside the real ones, the board has no rank within a ministry, and its card compares
    it only with the groups it belongs to."""
    db = sqlite_utils.Database(demo / "demo.db")
    groups = {(r["group_by"], r["group_value"]): r["rank"] for r in db.query(
        "select group_by, group_value, rank from group_scores where framework = 'un2012'")}
    assert not [key for key in groups if key[1] in ("", "(none)")]
    ministries = sorted(rank for (by, _), rank in groups.items() if by == "ministry")
    assert ministries == [1, 2, 3]                       # three ministries, ranked among themselves
    ranks = json.loads(db.execute("select group_ranks from scores where site_id = 'en-licensing-board'").fetchone()[0])
    assert set(ranks) == {"tier", "agency_type"}
    card = BeautifulSoup((demo / "report" / "sites" / "en-licensing-board.html").read_text("utf-8"), "html.parser")
    labels = [tr.select("td")[0].get_text(" ", strip=True) for tr in card.select("table.compare tr")]
    assert not [label for label in labels if "ministry" in label or "province" in label], labels
    index = BeautifulSoup((demo / "report" / "index.html").read_text("utf-8"), "html.parser")
    assert not [tr for tr in index.select("#groups tbody tr") if "not given" in tr.get_text()]


def test_summary_and_card_count_a_feature_of_several_dimensions_once(demo, tmp_path):
    """egov-service-2016 counts official social-media accounts in two dimensions: it is one gap
    of one agency (never "missing at 6 of 5 agencies"), worth both dimensions' points."""
    db = copy_db(demo / "demo.db", tmp_path / "dims.db")
    egovscan("score", "--db", db, "--framework", "egov-service-2016", "--quiet")
    egovscan("report", "--db", db, "--out", tmp_path / "r", "--framework", "egov-service-2016", "--quiet")
    index = BeautifulSoup((tmp_path / "r" / "index.html").read_text("utf-8"), "html.parser")
    for gap in index.select("#summary ol.common-gaps li"):
        missing, scored = map(int, re.search(r"missing at (\d+) of (\d+)", gap.get_text()).groups())
        assert missing <= scored, gap.get_text()
    for card in (tmp_path / "r" / "sites").glob("*.html"):
        tree = BeautifulSoup(card.read_text("utf-8"), "html.parser")
        titles = [li.find("strong").get_text() for li in tree.select("ol.steps li") if li.find("strong")]
        titles += [li.get_text().split(" +")[0] for li in tree.select("ul.further li")]
        assert len(titles) == len(set(titles)), (card.name, titles)
        assert "reached" not in [c for li in tree.select("ol.ladder li") for c in li.get("class")]   # dimensions, not a ladder


def test_reviewer_decisions_are_told_apart_from_site_changes_and_notes_stay_internal(two_nights, tmp_path):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "auditor",
             "--note", "UNSURE: see /home/auditor/shots/s3.png", "--db", db_path, "--run", 2)
    changes = json.loads(egovscan("diff", "--db", db_path, "--json").stdout)
    s3 = next(c for c in changes["changed"] if c["site_id"] == "s3")
    assert s3["features"] == [] and s3["reviews"] == [{"feature": "payment.online", "from": "absent", "to": "present"}]
    egovscan("report", "--db", db_path, "--out", tmp_path / "r", "--quiet")
    card = visible((tmp_path / "r" / "sites" / "s3.html").read_text("utf-8"))
    assert "Reviewers' decisions: Online payment: absent → present" in re.sub(r"\s+", " ", card)
    assert "Changes on the site" not in card
    assert "UNSURE" not in card and "/home/auditor" not in card        # internal notes stay internal
    text = egovscan("diff", "--db", db_path).stdout
    site, decisions = text.split("reviewers' decisions (not changes on the site):")
    assert "- s3: payment.online absent -> present (osi_raw 7.0 -> 14.5)" in decisions
    assert "- s2: osi_raw 2.8 -> 10.3" in site and "s3" not in site
    # a note marked public reaches the card; the review CSV carries the mark both ways
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "auditor", "--public",
             "--note", "Payment link checked on the agency's fees page", "--db", db_path, "--run", 2)
    egovscan("report", "--db", db_path, "--out", tmp_path / "r", "--quiet")
    card = visible((tmp_path / "r" / "sites" / "s3.html").read_text("utf-8"))
    assert "Reviewer's note: “Payment link checked on the agency's fees page”" in card
    rows = list(csv.DictReader(io.StringIO(egovscan("review", "export", "--db", db_path).stdout)))
    assert [r["public"] for r in rows] == ["", "yes"]


def test_report_and_review_page_write_numbers_alike_for_thai_readers(demo, tmp_path):
    """Rank 1,234 of a nightly crawl of thousands is grouped, and a score has a decimal point,
    the same way in the Thai report (ranking and card) and on the Thai review page."""
    from test_review import fetch, start_review_server

    db = copy_db(demo / "demo.db", tmp_path / "numbers.db")
    sqlite_utils.Database(db).execute("update scores set rank = 1234 where site_id = 'th-province-sample'"
                                      ).connection.commit()
    # a crawl detail naming a Thai domain is shown on the card with the domain in Thai
    sqlite_utils.Database(db).execute("update sites set detail = 'redirected to http://xn--12co0c3b4eva.xn--o3cw4h/' "
                                      "where site_id = 'th-office-down'").connection.commit()
    egovscan("report", "--db", db, "--out", tmp_path / "th", "--lang", "th", "--quiet")
    down = visible((tmp_path / "th" / "sites" / "th-office-down.html").read_text("utf-8"))
    assert "http://ธุรกิจ.ไทย/" in down and "xn--" not in down
    index = BeautifulSoup((tmp_path / "th" / "index.html").read_text("utf-8"), "html.parser")
    row = next(tr for tr in index.select("#ranking tbody tr") if "th-province-sample" in str(tr))
    assert row.find("td").get_text(strip=True) == "1,234"
    card = visible((tmp_path / "th" / "sites" / "th-province-sample.html").read_text("utf-8"))
    assert "1,234" in card and "17.6" in card
    proc, address = start_review_server(db, "--lang", "th")
    try:
        page = visible(fetch(address + "site/th-province-sample")[2])
    finally:
        proc.terminate()
        proc.wait(10)
    assert "17.6" in page and "1,234" in page


def test_quadrant_points_carry_their_names_as_plain_text_until_the_panel_is_large():
    from reports import charts
    hostile = "$x^2$ <script>alert(1)</script>"
    long = "องค์การบริหารส่วนตำบลบางพลีใหญ่ อำเภอบางพลี จังหวัดสมุทรปราการ"
    svg = charts.quadrant_chart([(40, 5, "Developed", hostile), (20, -3, "Developing", "อบต.บางพลี"),
                                 (30, 0, "Maintain", long)], 30, 1, "score", "growth")
    assert "อบต.บางพลี" in svg and "<script>" not in svg and "&lt;script&gt;" in svg
    assert "$x^2$" in svg                                                      # shown as written, no mathtext
    assert long[:charts.NAME_CHARS - 1] + "…" in svg and long not in svg
    many = [(i, i % 7, "Maintain", f"site-{i:03d}") for i in range(charts.NAMED_POINTS + 1)]
    assert "site-000" not in charts.quadrant_chart(many, 10, 3, "score", "growth")   # the table names them
