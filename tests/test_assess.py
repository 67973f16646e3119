"""Assessing stored crawls: every feature for every site, evidence, unknown when the crawl failed,
re-assessment that replaces, resume by site."""

import json

import sqlite_utils

from assessors import CATALOGUE
from conftest import egovscan

STAGE_FEATURES = CATALOGUE[:15]


def demo_db(tmp_path):
    egovscan("demo", "--out", tmp_path / "demo", "--quiet")
    return sqlite_utils.Database(tmp_path / "demo" / "demo.db")


def states(db, site_id):
    return dict(db.execute("select feature, state from site_features where site_id = ?", [site_id]).fetchall())


def test_demo_sites_are_assessed_with_evidence(tmp_path):
    db = demo_db(tmp_path)
    sites = [r[0] for r in db.execute("select site_id from sites")]
    for site_id in sites:
        assert set(states(db, site_id)) == set(CATALOGUE), site_id        # every feature, every site
    ministry = states(db, "th-ministry-digital")
    assert {f for f in STAGE_FEATURES if ministry[f] == "present"} == set(STAGE_FEATURES)
    province = states(db, "th-province-sample")                            # TIS-620 pages
    assert province["forms.download"] == "present" and province["payment.online"] == "absent"
    assert province["info.news"] == "present" and province["lang.multilingual"] == "absent"
    # a failed crawl is unknown, never absent, and says why
    down = db.execute("select distinct state, reason from site_features where site_id = 'th-office-down'").fetchall()
    assert down == [("unknown", "site status http_error")]
    # every present feature carries evidence a person can check
    for site_id, feature in db.execute("select site_id, feature from site_features where state = 'present'"):
        rows = db.execute("select page_url, element, text from evidence where site_id = ? and feature = ?",
                          [site_id, feature]).fetchall()
        assert rows and all(page_url.startswith("http://127.0.66.") and element for page_url, element, _ in rows), \
            (site_id, feature)
    payment = db.execute("select target, text from evidence where site_id = 'th-ministry-digital' "
                         "and feature = 'payment.online'").fetchall()
    assert any("ชำระ" in text for _, text in payment)
    social = db.execute("select value from site_features where site_id = 'th-province-sample' "
                        "and feature = 'channel.social'").fetchone()[0]
    assert social == '{"platforms": ["facebook"]}'
    freshness = db.execute("select value from site_features where site_id = 'th-district-legacy' "
                           "and feature = 'site.freshness'").fetchone()[0]
    assert '"newest": "2023-03-01"' in freshness                            # ๑ มีนาคม ๒๕๖๖ in windows-874


def test_reassessing_replaces_and_resume_finishes(tmp_path):
    db = demo_db(tmp_path)
    before = db.execute("select count(*) from site_features").fetchone()[0], \
        db.execute("select count(*) from evidence").fetchone()[0]
    egovscan("assess", "--db", tmp_path / "demo" / "demo.db", "--quiet")
    after = db.execute("select count(*) from site_features").fetchone()[0], \
        db.execute("select count(*) from evidence").fetchone()[0]
    assert after == before                                                 # replaced, not added
    assert db.execute("select assess_pass, state from runs").fetchone() == (2, "assessed")
    # an interrupted pass: two sites lost their rows; --resume assesses only those
    db.execute("delete from site_features where site_id in ('th-court-splash', 'en-licensing-board')")
    db.conn.commit()
    kept = db.execute("select site_id, assessed_at from site_features where feature = 'info.news' "
                      "and site_id = 'th-ministry-digital'").fetchone()
    egovscan("assess", "--db", tmp_path / "demo" / "demo.db", "--resume", "--quiet")
    assert db.execute("select count(*) from site_features").fetchone()[0] == before[0]
    assert db.execute("select site_id, assessed_at from site_features where feature = 'info.news' "
                      "and site_id = 'th-ministry-digital'").fetchone() == kept


def test_run_does_crawl_assess_score_and_report(tmp_path, serve):
    from conftest import make_site

    make_site(tmp_path / "web", "agency", {
        "index.html": "<h1>กรมตัวอย่าง</h1><a href='/about.html'>เกี่ยวกับเรา</a> <a href='/forms/f1.pdf'>แบบคำขอ</a>"
                      "<a href='https://www.facebook.com/agency.example'>Facebook</a>",
        "about.html": "<p>" + "วิสัยทัศน์ พันธกิจ " * 30 + "</p>", "forms/f1.pdf": b"%PDF-1.4"})
    server = serve(tmp_path / "web")
    db = tmp_path / "nightly.db"
    egovscan("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", "--delay", "0", "--quiet")
    d = sqlite_utils.Database(db)
    assert d.execute("select state from runs").fetchone() == ("assessed",)
    found = states(d, "agency")
    assert found["info.organization"] == found["forms.download"] == found["channel.social"] == "present"
    assert found["payment.online"] == "absent"
    assert d.execute("select scored from scores where site_id = 'agency'").fetchone() == (1,)
    assert "agency" in (tmp_path / "report" / "sites" / "agency.html").read_text("utf-8")


def test_malformed_labels_files_name_the_line_and_good_rows_still_count(tmp_path):
    db = demo_db(tmp_path)
    labels = tmp_path / "labels.csv"
    labels.write_text("site_id,feature,label,evidence_path,note\n"
                      "th-ministry-digital,payment.online,present,,\n"
                      "th-ministry-digital,forms.download,yes,,\n"
                      ",info.news,present,,\n", "utf-8")
    proc = egovscan("evaluate", "--labels", labels, "--db", tmp_path / "demo" / "demo.db", check=False)
    assert proc.returncode == 2                                 # rows were not counted: said, not silent
    assert "labels.csv:3: label 'yes' is not one of" in proc.stderr and "labels.csv:4: no site_id" in proc.stderr
    assert "payment.online" in proc.stdout                      # the good row was evaluated
    labels.write_text("site,feature,state\nx,y,present\n", "utf-8")
    proc = egovscan("evaluate", "--labels", labels, "--db", tmp_path / "demo" / "demo.db", check=False)
    assert proc.returncode == 2 and "labels.csv:1: the header must have site_id,feature,label" in proc.stderr
    assert db.execute("select count(*) from site_features").fetchone()[0] > 0    # nothing lost


def thai_date(day) -> str:
    """A date as Thai agencies write it: Thai digits, full month name, Buddhist Era year."""
    from assessors.thaidate import THAI_MONTHS

    month = [name for name, number in THAI_MONTHS.items() if number == day.month and not name.endswith(".")][0]
    return f"{day.day} {month} {day.year + 543}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_freshness_is_the_newest_past_date_of_any_page_however_deep(tmp_path, serve):
    """The newest date may be on the last page crawled, beside a deadline in the future: the
    deadline is not an update, and the earlier pages' older dates do not hide the newest one."""
    from datetime import date, timedelta

    from conftest import make_site

    today = date.today()
    old, recent, deadline = date(2017, 1, 2), today - timedelta(days=10), today + timedelta(days=200)
    news = {f"news/{i}.html": f"<h1>ข่าว {i}</h1><p>ประกาศเมื่อ {thai_date(old)} " + "ข่าวประชาสัมพันธ์ " * 20 + "</p>"
            for i in range(1, 13)}
    news["news/12.html"] = (f"<h1>รับสมัคร</h1><p>ประกาศเมื่อ {thai_date(recent)} ปิดรับสมัคร {thai_date(deadline)} "
                            + "ข่าวประชาสัมพันธ์ " * 20 + "</p>")
    make_site(tmp_path / "web", "agency", {
        "index.html": "<h1>กรมตัวอย่าง</h1>" + "".join(f"<a href='/news/{i}.html'>ข่าว {i}</a> " for i in range(1, 13)),
        **news})
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, "--delay", "0", "--quiet")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)
    crawled = date.fromisoformat(d.execute("select started_at from runs").fetchone()[0][:10])     # UTC
    state, value = d.execute("select state, value from site_features where feature = 'site.freshness'").fetchone()
    assert state == "present"
    assert json.loads(value) == {"newest": recent.isoformat(), "age_days": max(0, (crawled - recent).days)}
    evidence = d.execute("select page_url, text from evidence where feature = 'site.freshness'").fetchall()
    assert [(url.rsplit("/", 2)[-2:], text) for url, text in evidence] == [(["news", "12.html"], recent.isoformat())]


def test_soft_404_pages_are_not_evidence_and_a_site_of_them_is_unknown(tmp_path, serve):
    """A mirror whose every page is its "page not found" template, served with status 200, was
    judged on that template's menu (absent for most features); a soft 404 on a real site gave
    evidence through its menu. Neither page is content."""
    from conftest import make_site

    def template(title: str, heading: str, extra: str = "") -> str:
        menu = ("<a href='/about.html'>เกี่ยวกับเรา</a> <a href='/news.html'>ข่าวประชาสัมพันธ์</a> "
                "<a href='/contact.html'>ติดต่อเรา</a> <a href='/law.html'>กฎหมายที่เกี่ยวข้อง</a> " + extra)
        return (f"<html><head><title>{title}</title></head><body><nav>{menu}</nav><h1>{heading}</h1>"
                "<p>" + "หน้าที่ท่านเรียกอาจถูกย้ายหรือลบไปแล้ว กรุณาตรวจสอบที่อยู่อีกครั้ง " * 6 + "</p></body></html>")

    missing = template("ไม่พบหน้าที่คุณต้องการ - กรมตัวอย่าง", "404 Page Not Found")
    make_site(tmp_path / "web", "mirror", {f"{path}.html": missing for path in ("index", "about", "news", "contact", "law")})
    make_site(tmp_path / "web", "agency", {
        "index.html": "<html><head><title>กรมตัวอย่าง</title></head><body><h1>กรมตัวอย่าง</h1>"
                      "<a href='/about.html'>เกี่ยวกับเรา</a> <a href='/contact.html'>ติดต่อเรา</a> "
                      "<a href='/old-forms.html'>เอกสารเผยแพร่</a><h2>ข่าวประชาสัมพันธ์</h2>"
                      "<p>คำสั่งที่ 404/2567 เรื่อง แต่งตั้งคณะทำงานพัฒนาระบบบริการ " + "ข่าวประชาสัมพันธ์ " * 20 + "</p>"
                      "</body></html>",
        "about.html": "<h1>เกี่ยวกับเรา</h1><p>" + "วิสัยทัศน์ พันธกิจ " * 30 + "</p>",
        "contact.html": "<h1>ติดต่อเรา</h1><p>โทร 0 2123 4567 " + "ที่อยู่ " * 30 + "</p>",
        # a moved page answered with the CMS's not-found template, which has the site's full menu
        "old-forms.html": template("กรมตัวอย่าง", "ขออภัย ไม่พบหน้าที่ท่านต้องการ",
                              "<a href='/forms.html'>ดาวน์โหลดแบบฟอร์ม</a> <a href='/poll'>แบบสำรวจความคิดเห็น</a>"),
    })
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, "--delay", "0", "--quiet")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)
    assert d.execute("select status from sites where site_id = 'mirror'").fetchone() == ("ok",)
    mirror = d.execute("select state, reason from site_features where site_id = 'mirror'").fetchall()
    assert len(mirror) == len(CATALOGUE) and {state for state, _ in mirror} == {"unknown"}
    assert {reason for _, reason in mirror} == {
        "every page fetched says it was not found (5 soft 404: status 200 with 'ไม่พบหน้าที่คุณต้องการ')"}
    agency = states(d, "agency")
    assert agency["info.organization"] == agency["info.contact"] == "present"
    assert agency["forms.download"] != "present" and agency["participate.poll"] != "present"
    assert d.execute("select count(*) from evidence where site_id = 'agency' and page_url like '%/old-forms.html'"
                     ).fetchone()[0] == 0


def test_an_intro_page_whose_way_in_was_not_fetched_is_unknown(tmp_path, serve):
    """Thai sites often open with an intro page (a portrait, a banner, a few service buttons)
    whose "เข้าสู่เว็บไซต์" button leads to the real homepage. When that button cannot be followed
    (here: it points to a host outside the sites file), the site was seen through its door:
    unknown with the reason, not absent for every feature the few buttons do not name. What the
    buttons themselves name is evidence like any link (FEATURES.md: present when the crawled part
    shows it): the online-service, contact and Facebook buttons are present, and the e-service host
    (a .go.th host not the site's) is a government link; the way in is the site itself."""
    from conftest import make_site

    buttons = ("<a href='http://eservice.example.go.th/'>บริการออนไลน์</a> "
               "<a href='https://www.facebook.com/example.agency'>Facebook</a> "
               "<a href='/contact.html'>ติดต่อเรา</a>")
    make_site(tmp_path / "web", "intro", {
        "index.html": "<html><head><title>กรมตัวอย่าง</title></head><body><img src='king.jpg' alt='ทรงพระเจริญ'>"
                      "<p>ขอพระองค์ทรงพระเจริญ ด้วยเกล้าด้วยกระหม่อม ข้าพระพุทธเจ้า คณะผู้บริหารและข้าราชการ</p>"
                      f"{buttons}<a href='http://www.example-agency.go.th/main/'>"
                      "<img src='enter.png' alt='เข้าสู่เว็บไซต์ กรมตัวอย่าง'></a></body></html>",
        "contact.html": "ไม่พบหน้าที่คุณต้องการ",
    })
    # near misses: the same intro page whose way in was fetched; a small homepage whose
    # "เข้าสู่ระบบ"/"Enter a competition" links are not a way into the site
    make_site(tmp_path / "web", "opened", {
        "index.html": "<html><body><p>ทรงพระเจริญ</p><a href='/home.html'>เข้าสู่เว็บไซต์</a></body></html>",
        "home.html": "<html><body><h1>กรมตัวอย่าง</h1><a href='/about.html'>เกี่ยวกับเรา</a> "
                     "<a href='/news.html'>ข่าวประชาสัมพันธ์</a> <a href='/law.html'>กฎหมาย</a>" + "<p>ข่าว</p>" * 40 +
                     "</body></html>",
    })
    make_site(tmp_path / "web", "small", {
        "index.html": "<html><body><h1>Town of Example</h1><a href='http://login.example.org/'>Enter a competition</a> "
                      "<a href='http://mail.example.org/'>เข้าสู่ระบบ</a> <a href='/about.html'>About us</a> "
                      "<a href='http://news.example.org/'>News</a>" + "<p>Council news and notices.</p>" * 30 +
                      "</body></html>",
    })
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, "--delay", "0", "--quiet")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)
    intro = states(d, "intro")
    door_shows = {"service.online_application", "channel.social", "interact.two_way", "info.contact", "info.gov_links"}
    assert {f for f, state in intro.items() if state == "present"} == door_shows
    assert {state for f, state in intro.items() if state != "present"} == {"unknown"}   # never absent
    assert {r for (r,) in d.execute("select distinct reason from site_features where site_id = 'intro' "
                                    "and state = 'unknown'")} == {
        "only an intro page was fetched: its link 'เข้าสู่เว็บไซต์ กรมตัวอย่าง' into the "
        "site (http://www.example-agency.go.th/main/) could not be followed"}
    # a present feature's reason says where its evidence is: the intro page's own buttons
    home = d.execute("select final_url from pages where site_id = 'intro' and depth = 0").fetchone()[0]
    assert {r for (r,) in d.execute("select distinct reason from site_features where site_id = 'intro' "
                                    "and state = 'present'")} == {
        f"shown by the intro page's own links ({home}); the site behind its link "
        "'เข้าสู่เว็บไซต์ กรมตัวอย่าง' could not be followed"}
    assert {f for (f,) in d.execute("select distinct feature from evidence where site_id = 'intro'")} == door_shows
    assert not d.execute("select target from evidence where site_id = 'intro' and target like '%example-agency%'"
                         ).fetchall()                                   # the way in is no other agency's site
    assert states(d, "opened")["info.organization"] == "present"
    small = states(d, "small")
    assert small["info.organization"] == "present" and set(small.values()) != {"unknown"}
