"""The catalogue is data: a feature whose evidence is named links is one catalogue entry, with
no code; a run adds its own entries (EGOVSCAN_CATALOGUE) and they reach the detectors, the
worker processes, the scores, the report and the exports. A broken entry is named."""

from __future__ import annotations

import html
import json
import os
import tomllib

import pytest
import sqlite_utils

from assessors import ASSESSORS, CATALOGUE, build_assessors
from assessors.page import build_page
from ground.catalogue import NAMED_LINK, CatalogueError, load_catalogue, read_catalogue_file
from ground.text import load_vocabulary, normalise
from conftest import FAST, ROOT, egovscan, make_site

# a feature as a consultant's catalogue file adds it: an annual report (รายงานประจำปี), named
# by links; an award for an annual report is news about one, not the report
ANNUAL_REPORT = '''
[features."info.annual_report"]
family = "further"
detector = "named_link"
named_link = { max_text = 60 }
title_en = "Annual report"
title_th = "รายงานประจำปี"
advice_en = "Publish the agency's annual report, with the reports of earlier years."
advice_th = "เผยแพร่รายงานประจำปีของหน่วยงาน พร้อมรายงานของปีก่อน ๆ"

[features."info.annual_report".vocabulary.th]
terms = ["รายงานประจำปี"]
negative = ["รางวัลรายงานประจำปี"]

[features."info.annual_report".vocabulary.en]
terms = ["annual report"]
negative = ["annual report award"]
'''

# a feature no page can show: whether the agency answers an e-mail
REVIEWED = '''
[features."participate.email_answer"]
family = "further"
check = "human"
title_en = "Answers e-mail within two working days"
title_th = "ตอบอีเมลภายในสองวันทำการ"
advice_en = "Answer citizens' e-mail within two working days."
advice_th = "ตอบอีเมลของประชาชนภายในสองวันทำการ"
'''

FRAMEWORK = '''
id = "accountability"
title = "Accountability"
title_th = "ความรับผิดชอบต่อสาธารณะ"
threshold = 50

[[stages]]
name = "Reports to the public"
name_th = "รายงานต่อสาธารณะ"
weight = 1
criteria = [{ feature = "info.annual_report" }, { feature = "info.contact" }]
'''

FILLER_TH = "<p>" + "กรมส่งเสริมการบริหารราชการส่วนท้องถิ่นให้บริการประชาชนทั่วประเทศ " * 8 + "</p>"
FILLER_EN = "<p>" + "The board licenses and inspects the professions of the state for the public. " * 6 + "</p>"
CONTACT_TH = "<footer>ที่อยู่ 99 ถนนราชดำเนิน แขวงบวรนิเวศ เขตพระนคร กรุงเทพฯ 10200 โทร 02-123-4567</footer>"


def thai_site(menu: str, news: str = "") -> dict:
    return {"index.html": f"<html lang='th'><head><title>กรมตัวอย่าง</title></head><body>"
                          f"<nav><ul><li><a href='/about.html'>เกี่ยวกับเรา</a></li><li><a href='/news.html'>ข่าว</a></li>"
                          f"{menu}</ul></nav><main><h1>กรมตัวอย่าง</h1>{FILLER_TH}{news}</main>{CONTACT_TH}</body></html>",
            "about.html": f"<html><body><h1>เกี่ยวกับเรา</h1>{FILLER_TH}<a href='/index.html'>หน้าแรก</a></body></html>",
            "news.html": f"<html><body><h1>ข่าว</h1>{FILLER_TH}<a href='/index.html'>หน้าแรก</a></body></html>",
            "annual.html": f"<html><body><h1>รายงานประจำปี</h1>{FILLER_TH}<a href='/index.html'>หน้าแรก</a></body></html>"}


SITES = {
    "th-reports": thai_site("<li><a href='/annual.html'>รายงานประจำปี 2566</a></li>"),
    "en-reports": {"index.html": "<html lang='en'><head><title>Licensing Board</title></head><body><nav>"
                                 "<a href='/about.html'>About us</a> <a href='/news.html'>News</a> "
                                 "<a href='/annual.html'>Annual Report 2024</a></nav>"
                                 f"<main><h1>Licensing Board</h1>{FILLER_EN}</main></body></html>",
                   "about.html": f"<html><body><h1>About us</h1>{FILLER_EN}<a href='/'>Home</a></body></html>",
                   "news.html": f"<html><body><h1>News</h1>{FILLER_EN}<a href='/'>Home</a></body></html>",
                   "annual.html": f"<html><body><h1>Annual report</h1>{FILLER_EN}<a href='/'>Home</a></body></html>"},
    # near miss: news of an award for an annual report, and no report
    "th-award": thai_site("", "<div class='news'><a href='/news.html'>กรมฯ ได้รับรางวัลรายงานประจำปีดีเด่น</a></div>"),
}


def test_a_named_link_feature_is_one_catalogue_entry(tmp_path, serve):
    catalogue = tmp_path / "annual-report.toml"
    catalogue.write_text(ANNUAL_REPORT + REVIEWED, "utf-8")
    framework = tmp_path / "accountability.toml"
    framework.write_text(FRAMEWORK, "utf-8")
    web = tmp_path / "web"
    for name, files in SITES.items():
        make_site(web, name, files)
    server = serve(web, third=87)
    db = tmp_path / "audit.db"
    env = {**os.environ, "EGOVSCAN_CATALOGUE": str(catalogue)}

    egovscan("crawl", server.sites_csv, "--db", db, *FAST, env=env)
    egovscan("assess", "--db", db, "--workers", "2", "--quiet", env=env)      # worker processes read it too
    states = {r["site_id"]: r for r in sqlite_utils.Database(db).query(
        "select site_id, state, confidence from site_features where feature = 'info.annual_report'")}
    assert {s: r["state"] for s, r in states.items()} == {
        "th-reports": "present", "en-reports": "present", "th-award": "absent"}
    evidence = list(sqlite_utils.Database(db).query(
        "select site_id, target, text, region, detector from evidence where feature = 'info.annual_report'"))
    assert [(e["site_id"], e["text"], e["region"], e["detector"]) for e in evidence
            if e["site_id"] == "th-reports"] == [("th-reports", "รายงานประจำปี 2566", "nav", "info.annual_report")]
    assert any(e["site_id"] == "en-reports" and e["target"].endswith("/annual.html") for e in evidence)
    reviewed = {(r["state"], r["reason"]) for r in sqlite_utils.Database(db).query(
        "select state, reason from site_features where feature = 'participate.email_answer'")}
    assert reviewed == {("unknown", "needs a reviewer")}           # never absent: no page can show it

    egovscan("score", "--db", db, "--framework", framework, "--quiet", env=env)
    scores = {r["site_id"]: json.loads(r["stage_pct"]) for r in sqlite_utils.Database(db).query(
        "select site_id, stage_pct from scores where framework = 'accountability'")}
    assert scores["th-reports"] == [100] and scores["th-award"] == [50]

    for lang, title, advice in (("th", "รายงานประจำปี", "เผยแพร่รายงานประจำปีของหน่วยงาน"),
                                ("en", "Annual report", "Publish the agency's annual report")):
        out = tmp_path / f"report-{lang}"
        egovscan("report", "--db", db, "--out", out, "--framework", framework, "--lang", lang, "--quiet", env=env)
        card = html.unescape((out / "sites" / "th-reports.html").read_text("utf-8"))
        assert title in card and "info.annual_report" not in card      # the agency reads titles, not ids
        assert advice in html.unescape((out / "sites" / "th-award.html").read_text("utf-8"))   # what to add next

    exported = tmp_path / "run.json"
    egovscan("export", "--db", db, "--format", "json", "--output", exported, env=env)
    sites = {s["site_id"]: s for s in json.loads(exported.read_text("utf-8"))["sites"]}
    feature = sites["th-reports"]["features"]["info.annual_report"]
    assert feature["state"] == "present" and feature["evidence"][0]["text"] == "รายงานประจำปี 2566"
    assert sites["th-reports"]["scores"]["accountability"]["stage_pct"] == [100]

    # without the file the feature is not in the catalogue, and a framework naming it says so
    proc = egovscan("score", "--db", db, "--framework", framework, check=False)
    assert proc.returncode == 2 and "unknown feature id 'info.annual_report'" in proc.stdout + proc.stderr


def test_an_entrys_own_words_join_the_language_packs(tmp_path, monkeypatch):
    catalogue = tmp_path / "annual-report.toml"
    catalogue.write_text(ANNUAL_REPORT, "utf-8")
    monkeypatch.setenv("EGOVSCAN_CATALOGUE", str(catalogue))
    terms = load_vocabulary(frozenset({"th", "en"}))["info.annual_report"]
    assert terms.find(normalise("รายงานประจำปี ๒๕๖๖")) and terms.find(normalise("Annual Report 2024"))
    assert not terms.find(normalise("ได้รับรางวัลรายงานประจำปีดีเด่น"))          # near miss: an award
    assert not terms.find(normalise("Annual Report Award 2024"))
    assert "info.annual_report" not in load_vocabulary(frozenset({"ja"})) or \
        not load_vocabulary(frozenset({"ja"}))["info.annual_report"].find(normalise("รายงานประจำปี"))
    detector = build_assessors(load_catalogue())[-1]
    view = build_page("<nav><a href='/annual.html'>รายงานประจำปี 2566</a></nav>", "http://www.example.go.th/")
    assert [e.text for e in detector.page(view)] == ["รายงานประจำปี 2566"]


def test_the_bundled_catalogue_holds_every_feature_in_order_with_words_in_both_languages():
    catalogue = load_catalogue()
    assert CATALOGUE == tuple(catalogue) and len(CATALOGUE) >= 32
    # FEATURES.md's 32 first, then LOSI 2024's new ids
    assert CATALOGUE[:2] == ("info.organization", "info.legal") and CATALOGUE[31] == "site.freshness"
    for entry in catalogue.values():
        assert entry.title["en"] and entry.title["th"] and entry.advice["en"] and entry.advice["th"], entry.id
    # every feature is decided by one assessor, in catalogue order; named-link features need no class
    assert [f for a in ASSESSORS for f in a.features] == [f for f in CATALOGUE if catalogue[f].detector is not None]
    assert [f for f, e in catalogue.items() if e.detector == NAMED_LINK and f in CATALOGUE[:32]] == [
        "info.organization", "info.legal", "access.service_manual", "policy.website",
        "policy.privacy", "policy.security", "channel.mobile_app", "participate.satisfaction"]


# LOSI 2024 services provision (SP) and e-procurement, one block in LOSI2024.md's order
SERVICES = ("service.police_report", "service.driving_licence", "service.building_permit", "service.environment_permit",
            "service.business_licence", "service.residence_permit", "service.birth_certificate",
            "service.death_certificate", "service.marriage_certificate", "service.change_of_address",
            "service.land_registration", "service.vehicle_registration", "procurement.e_bidding",
            "service.job_application", "service.tax_filing", "payment.fines", "payment.water", "payment.energy",
            "service.homeless", "service.lost_found", "service.housing")


def test_the_services_provision_block_is_named_links_that_need_the_service_online():
    catalogue = load_catalogue()
    start = CATALOGUE.index(SERVICES[0])
    assert CATALOGUE[start:start + len(SERVICES)] == SERVICES
    entries = [catalogue[f] for f in SERVICES]
    # no code: the generic detector with its knobs; e-procurement is decided from the pages alone
    assert {e.detector for e in entries} == {NAMED_LINK} and {e.family for e in entries} == {"further"}
    assert [e.id for e in entries if e.check == "auto"] == ["procurement.e_bidding"]
    assert {e.check for e in entries if e.id != "procurement.e_bidding"} == {"partly"}
    # a requested service needs the online sense; information services (homeless, lost and found,
    # housing) and the e-procurement platform do not; no news headline counts for any
    online = [e.id for e in entries if e.knobs.get("online")]
    assert online == [f for f in SERVICES if f not in ("procurement.e_bidding", "service.homeless",
                                                      "service.lost_found", "service.housing")]
    assert all(e.knobs.get("listing_is_news") for e in entries)
    vocabulary = load_vocabulary(frozenset({"th", "en"}))
    for feature in SERVICES:
        assert vocabulary[feature].positive is not None, feature


BASE = ('family = "further"\ntitle_en = "T"\ntitle_th = "ท"\nadvice_en = "A"\nadvice_th = "ก"\n')


@pytest.mark.parametrize("entry, message", [
    ('detector = "annual_reports"\n', "unknown detector 'annual_reports'"),
    ('', "no detector decides it"),
    ('detector = "contact"\n', "detector 'contact' decides info.contact, not 'info.annual_report'"),
    ('detector = "named_link"\nnamed_link = { max_lenght = 60 }\n', "unknown named_link setting 'max_lenght'"),
    ('detector = "named_link"\nnamed_link = { max_text = "60" }\n', "max_text = '60' must be a positive whole number"),
    ('detector = "named_link"\ncheck = "maybe"\n', "check = 'maybe' must be one of auto, partly, human"),
    ('detector = "named_link"\nwords = ["x"]\n', "unknown key(s) ['words']"),
    ('detector = "named_link"\n[features."info.annual_report".vocabulary.th]\nterm = ["x"]\n',
     "vocabulary.th: unknown field(s) ['term']"),
])
def test_a_broken_entry_is_named_with_its_file(tmp_path, entry, message):
    path = tmp_path / "mine.toml"
    body = BASE + entry
    head, _, tail = body.partition("[features.")
    path.write_text(f'[features."info.annual_report"]\n{head}' + (f"[features.{tail}" if tail else ""), "utf-8")
    with pytest.raises(CatalogueError) as caught:
        build_assessors({f.id: f for f in read_catalogue_file(path)})
    assert str(caught.value).startswith(f"{path}: feature 'info.annual_report': ") and message in str(caught.value)


def test_a_missing_thai_title_is_named(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[features."info.annual_report"]\nfamily = "further"\ndetector = "named_link"\n'
                    'title_en = "Annual report"\nadvice_en = "A"\nadvice_th = "ก"\n', "utf-8")
    with pytest.raises(CatalogueError, match="'info.annual_report': title_th .*Thai.* is missing"):
        read_catalogue_file(path)


def test_a_broken_catalogue_stops_the_command_with_its_name(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[features."info.annual_report"]\nfamily = "further"\ndetector = "annual_reports"\n'
                    'title_en = "T"\ntitle_th = "ท"\nadvice_en = "A"\nadvice_th = "ก"\n', "utf-8")
    env = {**os.environ, "EGOVSCAN_CATALOGUE": str(path)}
    proc = egovscan("evaluate", "--labels", tmp_path / "labels.csv", "--db", tmp_path / "audit.db", check=False, env=env)
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {path}: feature 'info.annual_report': unknown detector")
    assert "Traceback" not in proc.stderr
    path.write_text(path.read_text("utf-8").replace('title_th = "ท"\n', ""), "utf-8")
    proc = egovscan("frameworks", check=False, env=env)              # a framework's ids are checked against it
    assert proc.returncode == 2 and proc.stderr.startswith(f"error: {path}: feature 'info.annual_report': title_th")


def test_a_feature_only_a_reviewer_decides_needs_no_detector(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[features."participate.email_answer"]\nfamily = "further"\ncheck = "human"\n'
                    'title_en = "Answers e-mail"\ntitle_th = "ตอบอีเมล"\nadvice_en = "A"\nadvice_th = "ก"\n', "utf-8")
    entries = {f.id: f for f in read_catalogue_file(path)}
    assert entries["participate.email_answer"].detector is None and build_assessors(entries) == ()
    # a detector it names lists candidate pages for the reviewer (assess keeps the feature unknown)
    path.write_text(path.read_text("utf-8") + 'detector = "named_link"\n', "utf-8")
    entries = {f.id: f for f in read_catalogue_file(path)}
    assert [a.features for a in build_assessors(entries)] == [("participate.email_answer",)]


def test_words_in_a_language_without_a_pack_are_named(tmp_path, monkeypatch):
    path = tmp_path / "mine.toml"
    path.write_text(ANNUAL_REPORT.replace("vocabulary.en]", "vocabulary.eng]"), "utf-8")
    monkeypatch.setenv("EGOVSCAN_CATALOGUE", str(path))
    with pytest.raises(CatalogueError, match=r"'info.annual_report': vocabulary.eng: no language pack 'eng'"):
        load_vocabulary()


def test_the_catalogue_file_is_the_reports_source_of_feature_words():
    words = tomllib.loads((ROOT / "reports" / "words.toml").read_text("utf-8"))
    assert "features" not in words           # one home for a feature's words: the catalogue


def test_a_run_catalogue_replaces_a_bundled_entry_in_its_place(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[features."info.legal"]\nfamily = "emerging"\ndetector = "named_link"\n'
                    'named_link = { max_text = 20 }\ntitle_en = "Laws"\ntitle_th = "กฎหมาย"\n'
                    'advice_en = "List the laws."\nadvice_th = "รวบรวมกฎหมาย"\n', "utf-8")
    catalogue = load_catalogue(extra=(path,))
    assert tuple(catalogue) == CATALOGUE and catalogue["info.legal"].title["en"] == "Laws"
    legal = build_assessors(catalogue)[1]
    view = build_page("<nav><a href='/law.html'>กฎหมาย</a> <a href='/act.html'>พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ</a></nav>",
                      "http://www.example.go.th/")
    assert [e.text for e in legal.page(view)] == ["กฎหมาย"]        # the longer title is past max_text = 20
