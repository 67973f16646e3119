"""Technology checks (LOSI 2024, TEC) on the stored home page: responsive design, browser notices,
site map, help-desk phone, and the real Nu Html Checker and axe-core run offline on local pages."""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict

import pytest
import sqlite_utils

from assessors import ASSESSORS, engine, technology
from assessors.base import SiteFindings
from assessors.checkers import AXE_OFF, axe_check, axe_missing, check_home_pages, nu_check, nu_missing
from assessors.detectors.helpdesk import _HELPDESK, helpdesk_phone
from assessors.page import build_page
from conftest import FAST, egovscan, make_site
from ground.store import Store

URL = "http://www.example.go.th/"
TECHNOLOGY = ("site.browser_compat", "site.mobile_friendly", "site.sitemap", "site.valid_html", "site.valid_css",
              "site.wcag", "help.helpdesk")
DETECTORS = [a for a in ASSESSORS if set(a.features) & set(TECHNOLOGY)]
needs_nu = pytest.mark.skipif(nu_missing() is not None, reason=f"{nu_missing()}")
needs_axe = pytest.mark.skipif(axe_missing() is not None, reason=f"{axe_missing()}")


def page(head: str = "", body: str = "", lang: str = "th") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>เทศบาลตัวอย่าง</title>{head}'
            f"</head><body>{body}</body></html>")


def decide(html: str, others: tuple[str, ...] = (), checks: dict | None = None, sheets: dict | None = None):
    """The technology features of a site whose home page is html (and whose other pages are others;
    sheets: the home page's style sheets the crawl fetched, url -> CSS)."""
    evidence = defaultdict(list)
    for i, text in enumerate((html, *others)):
        view = build_page(text, URL if i == 0 else f"{URL}p{i}.html")
        for assessor in DETECTORS:
            for item in assessor.page(view):
                evidence[item.feature].append(item)
    facts = {"home": {"url": URL, "html": html}}
    if checks is not None:
        facts["checks"] = checks
    facts[technology.STYLESHEETS] = [{"url": url, "css": css} for url, css in (sheets or {}).items()]
    findings = SiteFindings(evidence=evidence, pages=[], facts=facts)
    decisions = {}
    for assessor in DETECTORS:
        decisions.update(assessor.site(findings))
    return decisions, findings


VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_mobile_friendly_needs_a_device_width_viewport_and_a_width_query():
    decisions, findings = decide(page(VIEWPORT + "<style>@media (max-width: 768px) { nav { display: none } }</style>"))
    assert decisions["site.mobile_friendly"].state == "present"
    assert decisions["site.mobile_friendly"].value == {"viewport": "width=device-width, initial-scale=1",
                                                       "width_media_queries": 1, "framework": None,
                                                       "linked_stylesheets": 0, "stylesheets_read": 0}
    assert findings.evidence["site.mobile_friendly"][0].element == '<meta name="viewport">'
    # a <link media> query, or a linked responsive framework, counts as the width query
    assert decide(page(VIEWPORT + '<link rel="stylesheet" media="screen and (min-width: 992px)" href="/d.css">')
                  )[0]["site.mobile_friendly"].state == "present"
    linked = decide(page(VIEWPORT + '<link rel="stylesheet" href="/assets/bootstrap/css/bootstrap.min.css">'))[0]
    assert linked["site.mobile_friendly"].state == "present" and linked["site.mobile_friendly"].value["framework"] == "bootstrap"


def test_a_fitting_viewport_with_only_linked_style_sheets_is_unknown_not_absent():
    decision = decide(page(VIEWPORT + '<link rel="stylesheet" href="/css/site.css">'))[0]["site.mobile_friendly"]
    assert decision.state == "unknown" and "1 of the 1 style sheets it links were not fetched" in decision.reason
    # a print style sheet and a file that only names a framework are no width query
    for head in ('<link rel="stylesheet" media="print" href="/print.css">',
                 '<link rel="stylesheet" href="/css/bootstrap-theme-green-override.php">'):
        assert decide(page(VIEWPORT + head))[0]["site.mobile_friendly"].state == "unknown", head
    # without a fitting viewport no style sheet can make it mobile-friendly
    decision = decide(page('<link rel="stylesheet" href="/css/site.css">'))[0]["site.mobile_friendly"]
    assert decision.state == "absent"


def test_width_queries_in_the_home_pages_own_style_sheets_count():
    head = VIEWPORT + '<link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/css/print.css">'
    sheets = {URL + "css/site.css": "nav{float:left}\n@media screen and (max-width:767px){nav{float:none}}",
              URL + "css/print.css": "@media print{nav{display:none}}"}
    decisions, findings = decide(page(head), sheets=sheets)
    decision = decisions["site.mobile_friendly"]
    assert decision.state == "present" and decision.value["width_media_queries"] == 1
    assert decision.value["stylesheets_read"] == 2
    assert "css/site.css" in findings.evidence["site.mobile_friendly"][0].text
    # every linked sheet read and none has a width query: not mobile-friendly (no longer unknown)
    sheets[URL + "css/site.css"] = "nav{float:left} @media print{nav{display:none}}"
    assert decide(page(head), sheets=sheets)[0]["site.mobile_friendly"].state == "absent"
    # one of two read, without a query: the other may hold it
    del sheets[URL + "css/site.css"]
    assert decide(page(head), sheets=sheets)[0]["site.mobile_friendly"].state == "unknown"


def test_near_misses_are_not_mobile_friendly():
    query = "<style>@media (max-width: 768px) { nav { display: none } }</style>"
    # a fixed-width viewport, no viewport, print-only or width-less media rules, a non-framework style sheet
    for head in ('<meta name="viewport" content="width=1024">' + query, query,
                 VIEWPORT + "<style>@media print { nav { display: none } } @media screen { p { margin: 0 } }</style>",
                 '<meta name="viewport" content="width=1024"><link rel="stylesheet" href="/css/bootstrap.min.css">'):
        assert decide(page(head))[0]["site.mobile_friendly"].state == "absent", head


def test_plugin_content_and_browser_notices_fail_browser_compat():
    clean = decide(page(body='<object type="application/pdf" data="/plan.pdf"></object><video src="/a.mp4"></video>'
                             "<p>แสดงผลได้ดีที่สุดที่ความละเอียด 1024 x 768</p>"))[0]
    assert clean["site.browser_compat"].state == "present"        # a PDF, a video and a resolution note are fine
    for body in ('<object classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000"><param name="movie" value="b.swf"></object>',
                 '<embed src="/banner.swf" type="application/x-shockwave-flash">', '<applet code="Clock.class"></applet>',
                 "<p>เว็บไซต์นี้แสดงผลได้ดีที่สุดบน Internet Explorer 8</p>",
                 "<p>This site is best viewed with Google Chrome.</p>"):
        decision = decide(page(body=body))[0]["site.browser_compat"]
        assert decision.state == "absent", body
        assert decision.value["plugins"] or decision.value["browser_notice"]


def test_sitemap_is_a_link_named_so_or_a_machine_sitemap():
    thai = decide(page(), others=(page(body='<footer><a href="/sitemap.php">แผนผังเว็บไซต์</a></footer>'),))[0]
    assert thai["site.sitemap"].state == "present"
    english = decide(page(body='<nav><a href="/map">Site map</a></nav>', lang="en"))[0]
    assert english["site.sitemap"].state == "present"
    machine = decide(page(body='<a href="/sitemap_index.xml"><img src="xml.png"></a>'))[0]
    assert machine["site.sitemap"].state == "present"
    # an organisation chart, a map of the province and a news item about a map are not a site map
    near = decide(page(body='<a href="/org">แผนผังองค์กร</a><a href="/map">แผนที่จังหวัด</a>'
                            '<a href="/news/1">เทศบาลจัดทำแผนผังเว็บไซต์ใหม่ เพื่อให้ประชาชนค้นหาข้อมูลได้ง่ายขึ้น ทุกหน่วยงาน</a>'
                            '<a href="/city-map">City map</a>'))[0]
    assert near["site.sitemap"].state == "absent"


def test_helpdesk_phone_is_labelled_as_help_with_the_site():
    thai = decide(page(body="<div>แจ้งปัญหาการใช้งานระบบ โทร. ๐๒-๑๒๓-๔๕๖๗</div>"))[0]["help.helpdesk"]
    assert thai.state == "present" and thai.value == {"number": "02-123-4567"}
    short = decide(page(body="<p>ติดต่อผู้ดูแลเว็บไซต์โทร1555</p>"))[0]["help.helpdesk"]     # a short code after Thai
    assert short.state == "present" and short.value == {"number": "1555"}
    english = decide(page(body="<p>Having trouble with our e-services? Call the help desk on 02 555 0100</p>", lang="en"))
    assert english[0]["help.helpdesk"].state == "present"
    # a general hotline, a help-desk e-mail without a phone, a sign-in for administrators
    for body in ("<p>สายด่วน 1111 ศูนย์บริการข้อมูล</p>", "<p>ติดต่อผู้ดูแลระบบ admin@example.go.th</p>",
                 '<a href="/admin">ผู้ดูแลระบบ เข้าสู่ระบบ</a>'):
        assert decide(page(body=body))[0]["help.helpdesk"].state == "absent", body


def test_checks_not_run_are_unknown_with_the_reason_never_absent():
    decisions = decide(page())[0]
    for feature in ("site.valid_html", "site.valid_css", "site.wcag"):
        assert decisions[feature].state == "unknown" and decisions[feature].reason == technology.NOT_CHECKED
    skipped = {"nu": {"skipped": "the Nu Html Checker needs Java"}, "axe": {"skipped": AXE_OFF}}
    decisions = decide(page(), checks=skipped)[0]
    assert decisions["site.wcag"].state == "unknown" and decisions["site.wcag"].reason == AXE_OFF
    assert decisions["site.valid_html"].reason == "the Nu Html Checker needs Java"


# --- the real checkers ---------------------------------------------------------------------------

# four markup errors: a stray end tag, an obsolete element, and an unclosed element (said twice: where
# the body ends and where it began); and one CSS error in the page's own style
BROKEN = page(head="<style>p { colr: red }</style>",
              body="<p>ข่าว</p></span><center>ประกาศ</center><div>เนื้อหา", lang="th").encode()
CLEAN = page(body="<main><h1>เทศบาลตัวอย่าง</h1><p>ยินดีต้อนรับ</p></main>").encode()
NO_ALT = page(body='<main><h1>ข่าว</h1><img src="/banner.jpg"></main>').encode()


@needs_nu
def test_nu_html_checker_counts_known_errors_in_one_run():
    found = nu_check({"broken": BROKEN, "clean": CLEAN})
    assert (found["broken"]["html_errors"], found["broken"]["css_errors"]) == (4, 1)
    assert found["broken"]["css_messages"][0]["message"].startswith("CSS:")
    assert (found["clean"]["html_errors"], found["clean"]["css_errors"]) == (0, 0)
    decisions = decide(BROKEN.decode(), checks=check_home_pages(
        {"s": {"url": URL, "body": BROKEN, "encoding": "utf-8", "content_type": "text/html"}})["s"])[0]
    assert decisions["site.valid_html"].state == "absent" and decisions["site.valid_html"].value["errors"] == 4
    assert decisions["site.valid_css"].state == "absent" and decisions["site.valid_css"].value["errors"] == 1


@needs_nu
def test_a_charset_given_only_by_the_server_is_not_an_error():
    body = "<!DOCTYPE html><html lang=th><head><title>ก</title></head><body><p>ภาษาไทย</p></body></html>".encode("cp874")
    served = check_home_pages({"s": {"url": URL, "body": body, "encoding": "cp874",
                                     "content_type": "text/html; charset=windows-874"}})
    assert served["s"]["nu"]["html_errors"] == 0, served
    undeclared = check_home_pages({"s": {"url": URL, "body": body, "encoding": "cp874", "content_type": "text/html"}})
    assert undeclared["s"]["nu"]["html_errors"] >= 1      # nobody said which encoding: an error, as W3C says


@needs_axe
def test_axe_finds_a_missing_alt_and_nothing_on_a_clean_page():
    found = axe_check({"alt": (URL, NO_ALT.decode()), "clean": ("https://www.example.go.th/a", CLEAN.decode())})
    assert [rule["id"] for rule in found["alt"]["rules"]] == ["image-alt"]
    assert found["alt"]["by_impact"]["critical"] == 1 and found["alt"]["violations"] == 1
    assert found["clean"]["violations"] == 0


@needs_axe
def test_axe_runs_none_of_the_pages_scripts_and_loads_nothing(tmp_path):
    # were the page's scripts or handlers run, they would add an image with no text
    adds = "document.body.insertAdjacentHTML('beforeend', '<img src=b.png>')"
    hostile = page(body=f'<main><h1>x</h1><img src="http://127.0.0.1:9/track.png" alt="" onerror="{adds}">'
                        f'<script>{adds}</script><iframe src="file://{tmp_path}" title="f"></iframe></main>')
    found = axe_check({"p": (URL, hostile)})
    assert found["p"]["violations"] == 0, found          # the page's markup, not what its scripts would make it


@needs_nu
@needs_axe
def test_crawled_home_pages_are_checked_offline_with_their_figures(tmp_path, serve, monkeypatch):
    web = tmp_path / "web"
    # enough links that the sites are judged; the pages they lead to are not found (404)
    menu = b'<nav><a href="/about.html">about</a><a href="/news.html">news</a><a href="/contact.html">contact</a></nav>'
    make_site(web, "a-broken", {"index.html": BROKEN.replace(b"<body>", b"<body>" + menu)})
    make_site(web, "b-clean", {"index.html": CLEAN.replace(b"<main>", menu + b"<main>")})
    make_site(web, "c-no-alt", {"index.html": NO_ALT.replace(b"<main>", menu + b"<main>")})
    # a home page that would make a browser fetch from its server: its image, style sheet, script, frame
    trap = (b'<link rel="stylesheet" href="/trap.css"><script src="/trap.js"></script><img src="/trap.png" alt="">'
            b'<iframe src="/trap.html" title="t"></iframe><script>fetch("/trap-fetch")</script>')
    make_site(web, "d-trap", {"index.html": CLEAN.replace(b"<main>", menu + trap + b"<main>")})
    server = serve(web)
    db_path = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db_path, *FAST)
    crawled = len(server.hits())
    # no network for the checkers: the crawl is done, the proxy points nowhere
    env = {**os.environ, "EGOVSCAN_AXE": "1", "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    egovscan("assess", "--db", db_path, "--quiet", env=env)
    assert len(server.hits()) == crawled, server.hits()[crawled:]       # the checkers asked the sites nothing
    db = sqlite_utils.Database(db_path)
    rows = {(r["site_id"], r["feature"]): r for r in db["site_features"].rows_where(
        "feature in ('site.valid_html', 'site.valid_css', 'site.wcag')")}
    def value(site, feature):
        return json.loads(rows[(site, feature)]["value"])

    assert rows[("a-broken", "site.valid_html")]["state"] == "absent" and value("a-broken", "site.valid_html")["errors"] >= 4
    assert rows[("b-clean", "site.valid_html")]["state"] == "present"
    assert rows[("b-clean", "site.valid_css")]["state"] == "present"
    assert rows[("c-no-alt", "site.wcag")]["state"] == "absent"
    assert value("c-no-alt", "site.wcag")["rules"][0]["id"] == "image-alt"
    assert rows[("b-clean", "site.wcag")]["state"] == "present"
    assert rows[("d-trap", "site.wcag")]["state"] == "present"
    assert value("b-clean", "site.wcag")["checker"].startswith("axe-core 4.")
    evidence = db.execute("select element, text from evidence where site_id = 'b-clean' and feature = 'site.valid_html'").fetchall()
    assert evidence and evidence[0][0].startswith("Nu Html Checker")
    # off by default: stated as not run, never absent
    egovscan("assess", "--db", db_path, "--quiet", env={k: v for k, v in os.environ.items() if k != "EGOVSCAN_AXE"})
    off = db.execute("select distinct state, reason from site_features where feature = 'site.wcag'").fetchall()
    assert off == [("unknown", AXE_OFF)]
    # in batches of two sites (the checker of the second batch runs while the first is assessed)
    monkeypatch.setattr(engine, "CHECK_BATCH", 2)
    assert engine.assess_run(Store(db_path), 1, workers=2, axe=False) == 4
    again = dict(db.execute("select site_id, state from site_features where feature = 'site.valid_html'").fetchall())
    assert again == {"a-broken": "absent", "b-clean": "present", "c-no-alt": "absent", "d-trap": "present"}   # no alt: a markup error too


def test_without_java_the_markup_checks_say_so(tmp_path, serve, monkeypatch):
    if shutil.which("java") is None:
        pytest.skip("java is absent here: the other tests show the same")
    web = tmp_path / "web"
    menu = b'<nav><a href="/about.html">about</a><a href="/news.html">news</a><a href="/contact.html">contact</a></nav>'
    make_site(web, "a-clean", {"index.html": CLEAN.replace(b"<main>", menu + b"<main>")})
    server = serve(web)
    db_path = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db_path, *FAST)
    egovscan("assess", "--db", db_path, "--quiet", env={**os.environ, "EGOVSCAN_VNU_JAR": str(tmp_path / "none.jar")})
    db = sqlite_utils.Database(db_path)
    states = db.execute("select state, reason from site_features where feature = 'site.valid_html'").fetchall()
    assert states[0][0] == "unknown" and "Nu Html Checker is not installed" in states[0][1]


def test_a_broken_checker_leaves_the_features_unknown_with_what_it_said(tmp_path, monkeypatch):
    if shutil.which("java") is None:
        pytest.skip("java is absent here")
    jar = tmp_path / "vnu.jar"
    jar.write_bytes(b"not a jar")
    monkeypatch.setenv("EGOVSCAN_VNU_JAR", str(jar))
    checks = check_home_pages({"s": {"url": URL, "body": CLEAN, "encoding": "utf-8", "content_type": "text/html"}})
    assert "failed" in checks["s"]["nu"] and "jar" in checks["s"]["nu"]["failed"].lower()
    decisions = decide(CLEAN.decode(), checks=checks["s"])[0]
    assert decisions["site.valid_html"].state == "unknown"
    assert decisions["site.valid_html"].reason.startswith("Nu Html Checker could not check the home page")


@needs_nu
def test_a_page_too_large_for_the_checker_is_unknown_and_the_others_are_checked():
    huge = CLEAN.replace(b"<main>", b"<main>" + b"<p>" + b"x" * (5 * 2**20) + b"</p>")
    checks = check_home_pages({"huge": {"url": URL, "body": huge, "encoding": "utf-8", "content_type": "text/html"},
                               "clean": {"url": URL, "body": CLEAN, "encoding": "utf-8", "content_type": "text/html"}})
    assert checks["huge"]["nu"]["failed"] == "the page is larger than 4 MB, not checked"
    assert checks["clean"]["nu"]["html_errors"] == 0


@needs_nu
def test_the_home_pages_own_style_sheets_are_checked_as_css():
    head = '<link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/css/theme.css">'
    html = page(head=head, body="<main><h1>เทศบาลตัวอย่าง</h1></main>")
    clean = {"url": URL + "css/site.css", "css": "p { color: red }", "body": b"p { color: red }"}
    broken = {"url": URL + "css/theme.css", "css": "nav { colr: red }", "body": b"nav { colr: red }"}

    def valid_css(sheets):
        checks = check_home_pages({"s": {"url": URL, "body": html.encode(), "encoding": "utf-8",
                                         "content_type": "text/html", "stylesheets": sheets}})["s"]
        return decide(html, checks=checks, sheets={s["url"]: s["css"] for s in sheets})[0]["site.valid_css"]

    decision = valid_css([clean, broken])
    assert decision.state == "absent" and decision.value["errors"] == 1, decision
    assert decision.value["first_errors"][0]["stylesheet"].endswith("theme.css")
    assert valid_css([clean, {**broken, "body": b"nav { color: red }"}]).state == "present"
    # one of the two sheets not fetched (another host, say): the CSS stays unknown, with the reason
    decision = valid_css([clean])
    assert decision.state == "unknown" and "1 of the 2 style sheets it links were not fetched" in decision.reason


@pytest.mark.parametrize("text", ["tech ſupport", "ıt support"])
def test_a_help_desk_label_in_letters_that_fold_to_ascii_is_still_read(text):
    """The detector first looks for its label case-sensitively in the normalised (lower-case) text;
    letters that its case-insensitive pattern reads as ASCII still count."""
    body = f"{text} โทร 02 123 4567"
    assert _HELPDESK.search(body) is not None
    assert helpdesk_phone(body) is not None
    assert helpdesk_phone("support โทร 02 123 4567") is None     # near miss: no label, no number read
