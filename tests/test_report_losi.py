"""The report's LOSI view (`egovscan report --framework losi2024`): the value, the level badge,
coverage, the six criteria as a chart, the indicators met / missing / open per criterion in the
catalogue's plain words, the reviewer's checklist, and how many indicators were decided
automatically, by a reviewer or are still open; in English and in Thai, on crawled fixture
agencies with a review."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import FAST, SHOTS, egovscan, make_site, needs_browser, open_browser
from scoring_sites import agency

from ground.catalogue import load_catalogue
from reports.losi import indicator_title
from stages.framework import load_framework

LOSI = load_framework("losi2024")
SITES = {"s2": {"info.organization", "info.contact"},
         "s3": {"info.organization", "info.legal", "info.news", "info.gov_links", "info.contact"}}
CATALOGUE = load_catalogue()
FEATURE_ID = re.compile(r"\b(?:info|interact|participate|site|account|service|channel|opendata|policy|"
                        r"procurement|payment|access|lang|media)\.[a-z_]+")


@pytest.fixture
def losi_run(tmp_path, serve):
    web = tmp_path / "web"
    for name, present in SITES.items():
        make_site(web, name, agency(name, present))
    server = serve(web, third=92)
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    egovscan("score", "--db", db, "--framework", "losi2024", "--quiet")
    egovscan("review", "set", "s3", "interact.response_time", "--state", "present", "--by", "Somchai",
             "--note", "ส่ง 2 พ.ค. 2567 ตอบ 6 พ.ค. 2567", "--db", db)
    sites = json.loads(egovscan("export", "--db", db, "--framework", "losi2024").stdout)["sites"]
    scores = {s["site_id"]: s["scores"]["losi2024"] for s in sites}
    for lang in ("en", "th"):
        egovscan("report", "--db", db, "--out", tmp_path / lang, "--framework", "losi2024", "--lang", lang, "--quiet")
    return tmp_path, scores


def section(path, css) -> str:
    tree = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    return " ".join(tree.select_one(css).get_text(" ", strip=True).split())


def title(feature, lang):
    return CATALOGUE[feature].title[lang]


def indicator(feature, lang):
    """An indicator in the report's words: the catalogue's title, or the framework's name of it."""
    criterion = next(c for s in LOSI.stages for c in s.criteria if c.key == feature)
    return indicator_title(criterion, lang)


def test_losi_view_in_english(losi_run):
    out, scores = losi_run
    s3 = scores["s3"]
    cover = s3["coverage"]
    card = out / "en" / "sites" / "s3.html"
    view = section(card, "#losi")
    # value, level badge and coverage as "0.58 · 87/95 decided · 8 open"
    assert f"LOSI value {s3['value']:.2f}" in view
    assert f"Level: {s3['level'].capitalize()}" in view
    assert f"{s3['value']:.2f} · {cover['decided']}/95 decided · {cover['open']} open" in view
    assert (f"decided automatically: {cover['automatic']}; by a reviewer: 1; still open: {cover['open']}" in view
            and cover["reviewed"] == 1)
    # the six criteria, each with what is met and missing in the catalogue's words, never an id
    for stage in LOSI.stages:
        assert stage.name in view
    engagement = view.split("Participation and engagement")[1].split("Not decided yet")[0]
    assert indicator("interact.response_time", "en") in engagement.split("Missing")[0]   # reviewed, so met
    assert title("info.gov_links", "en") in view and title("info.contact", "en") in view
    assert not FEATURE_ID.search(view), FEATURE_ID.search(view)
    assert not FEATURE_ID.search(section(card, "main")), FEATURE_ID.search(section(card, "main"))
    # the checklist: the five human indicators no reviewer decided yet
    checklist = BeautifulSoup(card.read_text("utf-8"), "html.parser").select("ul.human-checks li")
    assert len(checklist) == 5
    assert indicator("site.findable", "en") in " ".join(li.get_text() for li in checklist)
    assert indicator("interact.response_time", "en") not in " ".join(li.get_text() for li in checklist)
    # the criteria chart: a grey bar per criterion
    chart = (out / "en" / "assets" / "criteria" / "s3.svg").read_text("utf-8")
    assert chart.startswith("<?xml") and "#4a4a4a" in chart and "Participation and engagement" in chart
    # the index: value, badge and coverage per site; the run's decided counts
    index = section(out / "en" / "index.html", "body")
    s2 = scores["s2"]
    assert f"{s2['value']:.2f} · {s2['coverage']['decided']}/95 decided · {s2['coverage']['open']} open" in index
    total = {k: scores["s2"]["coverage"][k] + cover[k] for k in ("automatic", "reviewed", "open")}
    assert (f"indicators decided automatically: {total['automatic']}; by a reviewer: {total['reviewed']}; "
            f"still open: {total['open']}") in index


def test_losi_view_in_thai(losi_run):
    out, scores = losi_run
    s3 = scores["s3"]
    cover = s3["coverage"]
    view = section(out / "th" / "sites" / "s3.html", "#losi")
    assert f"ระดับ: {s3['level_th']}" in view
    assert f"{s3['value']:.2f} · ตัดสินแล้ว {cover['decided']}/95 ตัวชี้วัด · ยังไม่ตัดสิน {cover['open']}" in view
    assert "ตัดสินโดยผู้ตรวจสอบ 1" in view and "รายการที่ผู้ตรวจสอบต้องตรวจเอง" in view
    for stage in LOSI.stages:
        assert stage.name_th in view and stage.name not in view
    assert title("info.contact", "th") in view and indicator("site.findable", "th") in view
    assert "ต้องให้ผู้ตรวจสอบพิจารณา" in view and "needs a reviewer" not in view
    assert not FEATURE_ID.search(view)
    # Thai words only, but for the catalogue's own Latin names (e-Service, PDF) and LOSI itself
    latin = {w for f in CATALOGUE.values() for t in (f.title["th"], f.advice["th"])
             for w in re.findall(r"[A-Za-z][A-Za-z-]+", t)} | {"LOSI"}
    assert set(re.findall(r"[A-Za-z][A-Za-z-]+", view)) <= latin


@needs_browser
def test_losi_card_renders_in_chromium(losi_run):
    out, _ = losi_run
    SHOTS.mkdir(exist_ok=True)
    playwright, browser = open_browser()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        problems = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto((out / "th" / "sites" / "s3.html").as_uri())
        assert page.locator("#losi .level-badge").is_visible()
        assert page.eval_on_selector("#losi .criteria-chart img", "img => img.naturalWidth") > 100
        page.screenshot(path=str(SHOTS / "report-losi-card.png"), full_page=True)
        page.goto((out / "en" / "index.html").as_uri())
        assert page.locator("table.ranking .level-badge").count() == 2
        page.screenshot(path=str(SHOTS / "report-losi-index.png"), full_page=True)
        assert problems == []
    finally:
        browser.close()
        playwright.stop()
