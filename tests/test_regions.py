"""Where a link sits (menu, content, news list), how sure a finding is, and URL/host cues.

A Thai government homepage is mostly lists of news: a headline that mentions a service is
news about it, while the same words in a menu or a quick-link banner name the site's own
section. These tests build pages the way agencies write them and check what detection makes
of them, down to the export a consultant reads.
"""

import json
import sqlite3

import sqlite_utils

from assessors import CATALOGUE
from assessors.base import MEDIUM, STRONG, WEAK, Evidence, enough
from assessors.cues import url_cue
from assessors.page import LISTING, MAIN, NAV, build_page
from assessors.forms import form_kind
from conftest import egovscan, make_site
from ground.store import Store
from test_detectors import URL, detect

# a Thai news list as CMSs write it: repeated items, a Buddhist-Era date, a "read more"
THAI_NEWS = ('<div class="box"><h2>ข่าวประชาสัมพันธ์</h2><ul>'
             '<li><a href="/news/101">กรมฯ เปิดให้บริการชำระค่าธรรมเนียมออนไลน์ ผ่านระบบใหม่ตั้งแต่วันนี้</a> '
             '<span>19 มี.ค. 2561</span></li>'
             '<li><a href="/news/102">ปลัดกระทรวงเปิดศูนย์บริการร่วม ณ ศาลากลางจังหวัด พร้อมยื่นคำขอออนไลน์ได้</a> '
             '<span>๑๘ มีนาคม ๒๕๖๑</span></li>'
             '<li><a href="/news/103">ประชุมคณะทำงานพัฒนาระบบติดตามสถานะคำขอ ครั้งที่ 2/2561</a> '
             '<span>17/03/2561</span></li></ul></div>')
THAI_MENU = ('<nav><ul><li><a href="/pay/">ชำระค่าธรรมเนียมออนไลน์</a></li><li><a href="/oss/">ศูนย์บริการร่วม</a></li>'
             '<li><a href="/apply/">ยื่นคำขอออนไลน์</a></li></ul></nav>')
# the English way: article teasers with a date and a "Read more"
ENGLISH_NEWS = ''.join(
    f'<article class="teaser"><h3><a href="/news/{i}">{headline}</a></h3><p>{i} March 2024</p>'
    f'<a href="/news/{i}">Read more</a></article>'
    for i, headline in ((11, "Department launches online payment of licence fees for small businesses"),
                        (12, "Minister opens a one-stop service centre in the northern region"),
                        (13, "New rules on how to apply online for a fishing permit announced")))


def regions(html):
    return {link.text: link.region for link in build_page(f"<html><body>{html}</body></html>", URL).links}


def test_thai_news_headlines_about_services_are_not_the_services():
    placed = regions(THAI_NEWS)
    assert set(placed.values()) == {LISTING}, placed
    found = detect(THAI_NEWS)
    for feature in ("payment.online", "connected.one_stop", "service.online_application", "service.end_to_end"):
        assert feature not in found, (feature, found.get(feature))


def test_the_same_words_in_a_menu_are_the_sites_own_services():
    found = detect(THAI_MENU + THAI_NEWS)
    for feature, target in (("payment.online", "/pay/"), ("connected.one_stop", "/oss/"),
                            ("service.online_application", "/apply/")):
        items = found[feature]
        assert [(e.target.split("example.go.th")[1], e.region, e.confidence) for e in items] == [(target, NAV, STRONG)]


def test_a_service_statement_inside_a_news_item_is_news():
    item = ('<ul>' + "".join(f'<li><a href="/n/{i}">ประชาชนยื่นคำขอได้ทันที ไม่ต้องใช้สำเนาบัตรประชาชน ตั้งแต่เดือนหน้า</a> '
                             f'{i} เม.ย. 2567</li>' for i in (1, 2)) + '</ul>')
    assert "connected.data_exchange" not in detect(item)
    # near miss: the same statement in the page's own text is the agency saying so
    assert "connected.data_exchange" in detect('<p>ยื่นคำขอได้ทันที ไม่ต้องใช้สำเนาบัตรประชาชน</p>')


def test_english_teasers_and_their_read_more_links_are_news():
    placed = regions(ENGLISH_NEWS)
    assert set(placed.values()) == {LISTING}, placed
    found = detect(ENGLISH_NEWS)
    assert "payment.online" not in found and "connected.one_stop" not in found
    assert "service.online_application" not in found


def test_a_quick_link_banner_of_image_links_is_navigation():
    html = ('<div class="quick-links"><a href="/pay/"><img src="/i/pay.png" alt="Pay online"></a>'
            '<a href="/apply/"><img src="/i/apply.png" alt="Apply online"></a></div>' + ENGLISH_NEWS)
    found = detect(html)
    assert [(e.text, e.region, e.confidence) for e in found["payment.online"]] == [("Pay online", NAV, STRONG)]
    assert [(e.text, e.region) for e in found["service.online_application"]] == [("Apply online", NAV)]


def test_aria_roles_ids_and_thai_cms_menus_are_navigation():
    placed = regions('<div role="navigation"><a href="/a">ก</a></div><div id="topmenu"><a href="/b">ข</a></div>'
                     '<table class="ui-side-link"><tr><td><a href="/c">ค</a></td></tr></table>'
                     '<div class="moduletable_menu"><a href="/d">ง</a></div><footer><a href="/e">จ</a></footer>'
                     '<main><a href="/f">ฉ</a></main>')
    assert placed == {"ก": NAV, "ข": NAV, "ค": NAV, "ง": NAV, "จ": NAV, "ฉ": MAIN}


def test_near_misses_of_lists_and_menus():
    # a grid of service cards with "รายละเอียด" but no dates and short names is content, not news
    cards = "".join(f'<div class="card"><img src="/i/{i}.png"><a href="/s/{i}">{name}</a> <a href="/s/{i}">รายละเอียด</a></div>'
                    for i, name in enumerate(("ชำระเงินออนไลน์", "ยื่นคำขอออนไลน์", "ติดตามสถานะคำขอ")))
    assert set(regions(cards).values()) == {MAIN}
    found = detect(cards)
    assert {(e.text, e.region, e.confidence) for e in found["payment.online"]} == {
        ("ชำระเงินออนไลน์", MAIN, MEDIUM), ("รายละเอียด", MAIN, MEDIUM)}     # the card's "details" link by its context
    # a header inside an article is the article's own, not the site's banner
    placed = regions('<article><header><a href="/x">ยื่นคำขอออนไลน์</a></header></article>')
    assert placed == {"ยื่นคำขอออนไลน์": MAIN}
    # a page wrapped in one form called "News" (ASP.NET) is not one big news list
    wrapped = regions('<form id="News" method="post">' + "".join(f'<a href="/m{i}">เมนู {i}</a>' for i in range(30))
                      + '<div id="menu"><a href="/pay">ชำระเงินออนไลน์</a></div></form>')
    assert wrapped["ชำระเงินออนไลน์"] == NAV and wrapped["เมนู 1"] == MAIN
    # a newsletter box is not a news list, whatever its class begins with
    assert regions('<div class="newsletter-box"><a href="/x">สมัคร</a></div>') == {"สมัคร": MAIN}


def test_a_table_of_dated_procurement_notices_is_a_listing():
    rows = "".join(f'<tr><td><a href="/p/{i}">ประกาศประกวดราคาจ้างพัฒนาระบบชำระเงินออนไลน์ ครั้งที่ {i}</a></td>'
                   f'<td>{i} ม.ค. 2567</td></tr>' for i in range(1, 4))
    html = f"<table>{rows}</table>"
    assert set(regions(html).values()) == {LISTING}
    assert "payment.online" not in detect(html)


def test_url_and_host_cues_are_weak_alone_and_raise_a_named_link():
    assert url_cue("service.online_application", "https://www.dlt.go.th/eservice/") == "/eservice"
    assert url_cue("service.online_application", "https://www.dlt.go.th/e-service.php") == "/e-service"
    assert url_cue("service.online_application", "https://eservice.dol.go.th/") == "eservice."
    assert url_cue("payment.online", "https://epayment2.example.go.th/login") == "epayment."
    # near misses: a longer word, a document kept in such a folder, the pay scale
    assert url_cue("service.online_application", "https://www.example.go.th/eservicedesk/") is None
    assert url_cue("service.online_application", "https://www.example.go.th/eservice/manual.pdf") is None
    assert url_cue("payment.online", "https://www.example.go.th/payroll/") is None
    # an image link with no words: the target alone is a weak cue, not enough on its own
    found = detect('<div class="content"><a href="/eservice/"><img src="/i/1.png"></a></div>')
    [cue] = found["service.online_application"]
    assert (cue.confidence, cue.element) == (WEAK, "<a> URL cue /eservice")
    assert not enough([cue])
    # named in the content and pointing at /eservice: surer than either alone
    [named] = detect('<p><a href="/eservice/">ยื่นคำขอออนไลน์</a></p>')["service.online_application"]
    assert (named.region, named.confidence) == (MAIN, STRONG)
    [plain] = detect('<p><a href="/services/permits">ยื่นคำขอออนไลน์</a></p>')["service.online_application"]
    assert plain.confidence == MEDIUM


def test_a_lone_weak_cue_is_not_enough_but_two_are():
    def weak(target):
        return Evidence("x", URL, target, "<a>", "", "t", MAIN, WEAK)
    assert not enough([]) and not enough([weak("/a")]) and not enough([weak("/a"), weak("/a")])
    assert enough([weak("/a"), weak("/b")])
    assert enough([Evidence("x", URL, "/a", "<a>", "", "t", NAV, STRONG)])


def test_a_complaint_channel_is_two_way_interaction_not_an_application():
    found = detect('<nav><a href="/complaint">ร้องเรียนออนไลน์</a><a href="/c2">File a complaint</a></nav>')
    assert "service.online_application" not in found
    assert {e.text for e in found["interact.two_way"]} >= {"ร้องเรียนออนไลน์"}
    # a service request (311) is an application even when it reports a problem
    found = detect('<nav><a href="/report">Report a fault online</a></nav>')
    assert [e.text for e in found["service.online_application"]] == ["Report a fault online"]
    complaint = build_page('<form method="post"><input name="name"><input name="phone"><input name="email">'
                           '<textarea name="detail"></textarea>แบบฟอร์มร้องเรียน ยื่นคำร้อง<button>ส่ง</button></form>', URL)
    assert form_kind(complaint.forms[0]) == "message"
    request = build_page('<form method="post"><input name="name"><input name="phone"><input name="email">'
                         '<textarea name="detail"></textarea>ยื่นคำร้องขอรับบริการ<button>ส่ง</button></form>', URL)
    assert form_kind(request.forms[0]) == "application"


def test_a_news_paragraph_is_not_the_agencys_address_block():
    news = ('<ul class="news">' + "".join(
        f'<li><a href="/n/{i}">ผู้ว่าราชการจังหวัดเปิดงาน ณ ศาลากลางจังหวัด ถนนราชดำเนิน สอบถามโทร 02 123 456{i}</a> '
        f'{i} ม.ค. 2567</li>' for i in range(1, 4)) + "</ul>")
    assert "info.contact" not in detect(news)
    footer = '<footer>กรมตัวอย่าง 123 ถนนพระราม 6 แขวงทุ่งพญาไท เขตราชเทวี กรุงเทพฯ 10400 โทร 02 987 6543</footer>'
    [block] = detect(news + footer)["info.contact"]
    assert "987 6543" in block.text


def test_old_databases_gain_the_region_and_confidence_columns(tmp_path):
    db_path = tmp_path / "old.db"
    conn = sqlite3.connect(db_path)
    conn.execute("create table evidence (run_id integer, site_id text, feature text, page_url text, target text, "
                 "element text, text text, detector text)")
    conn.execute("insert into evidence values (1, 's', 'payment.online', 'http://x/', 'http://x/pay', '<a>', 'Pay', 'p')")
    conn.commit()
    conn.close()
    Store(db_path)
    db = sqlite_utils.Database(db_path)
    columns = db["evidence"].columns_dict
    assert {"region", "confidence"} <= set(columns) and "confidence" in db["site_features"].columns_dict
    assert db.execute("select text, region from evidence").fetchall() == [("Pay", None)]    # nothing lost


def test_a_crawled_thai_homepage_exports_regions_and_confidence(tmp_path, serve):
    """A real crawl and assessment: the menu's services are present and strong, the news about
    e-payment is not payment, and the JSON export and the review page say how sure each is."""
    from egovscan.reviewsrv import ReviewApp

    home = ('<html lang="th"><head><title>กรมตัวอย่าง</title></head><body>'
            '<header><nav><ul><li><a href="/apply/">ยื่นคำขอออนไลน์</a></li><li><a href="/about.html">เกี่ยวกับเรา</a></li>'
            '</ul></nav></header>' + THAI_NEWS.replace("/news/", "/n") +
            '<div class="content"><a href="/eservice/"><img src="/i/1.png"></a><a href="/payment/"><img src="/i/2.png"></a></div>'
            '<footer>กรมตัวอย่าง ถนนพระราม 6 กรุงเทพฯ 10400 โทร 02 987 6543</footer></body></html>')
    make_site(tmp_path / "web", "agency", {"index.html": home, "about.html": "<h1>เกี่ยวกับเรา</h1>",
                                           "apply/index.html": "<h1>ยื่นคำขอ</h1>", "eservice/index.html": "<h1>e</h1>"})
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, "--delay", "0", "--quiet")
    egovscan("assess", "--db", db, "--quiet")
    d = sqlite_utils.Database(db)
    states = {f: (s, c) for f, s, c in d.execute("select feature, state, confidence from site_features")}
    assert states["service.online_application"] == ("present", STRONG)
    # the news about e-payment is no evidence; the lone image link to /payment/ is a weak cue, shown but not enough
    assert states["payment.online"] == ("absent", WEAK) and states["connected.one_stop"] == ("absent", None)
    exported = json.loads(egovscan("export", "--db", db).stdout)
    [site] = exported["sites"]
    apply = site["features"]["service.online_application"]
    assert apply["confidence"] == STRONG
    assert {(e["region"], e["confidence"]) for e in apply["evidence"]} >= {(NAV, STRONG)}
    assert any(e["element"] == "<a> URL cue /eservice" and e["confidence"] == WEAK for e in apply["evidence"])
    # the review page lists the least sure decisions first
    app = ReviewApp(db, exported["run"]["id"])
    page = app.site(site["site_id"])
    confidence = app.store.feature_confidence(exported["run"]["id"], site["site_id"])
    ranks = {WEAK: 0, MEDIUM: 1, STRONG: 2}
    listed = [f for f in (line.split('data-feature="')[1].split('"')[0] for line in page.splitlines()
                          if 'data-feature="' in line)]
    shown = [ranks.get(confidence.get(f), 3) for f in listed]
    assert shown == sorted(shown) and len(listed) == len(CATALOGUE) and listed[0] == "payment.online"


def test_a_cms_content_block_called_article_is_content_not_news():
    # Liferay wraps every web-content block in "journal-content-article", Ektron numbers its
    # blocks "Article1Content": a list of the agency's services there is its content
    services = ('<div class="portlet-body"><div class="journal-content-article"><ul>'
                '<li><a href="/apply-permit">Apply for a trading permit</a></li>'
                '<li><a href="/renew">Renew your registration</a></li></ul></div></div>'
                '<div id="rightAreaArticle1"><ul><li><a href="/pay">Pay a parking fine</a></li></ul></div>')
    assert set(regions(services).values()) == {MAIN}
    found = detect(services)
    assert [e.region for e in found["service.online_application"]][:1] == [MAIN]
    assert [e.region for e in found["payment.online"]] == [MAIN]
    # near misses: a block of articles and a dated list in an "article" block stay news
    articles = ('<div class="latest-articles"><ul><li><a href="/n/1">Apply for a trading permit</a></li>'
                '<li><a href="/n/2">Pay a parking fine</a></li></ul></div>')
    assert set(regions(articles).values()) == {LISTING}
    dated = ('<div class="article"><ul>' + "".join(
        f'<li><a href="/n/{i}">New online payment of parking fines starts</a> {i} March 2024</li>'
        for i in range(1, 4)) + '</ul></div>')
    assert set(regions(dated).values()) == {LISTING}
    assert "payment.online" not in detect(articles + dated)


def test_a_menu_bar_kept_at_the_top_is_navigation_not_a_news_ticker():
    # jQuery's "sticker" keeps a menu bar at the top as the page scrolls: its word ends in "ticker",
    # which names a scrolling news line, yet the bar holds the agency's menu
    menu = ('<nav id="topnav" class="sticker"><ul><li><a href="/press/releases">Press Releases</a></li>'
            '<li><a href="/legislation">Legislation</a></li></ul></nav>')
    assert set(regions(menu).values()) == {NAV}
    assert [(e.region, e.confidence) for e in detect(menu)["info.news"]] == [(NAV, STRONG)]
    # near miss: a news ticker is still a list of news
    ticker = ('<div class="news-ticker"><ul><li><a href="/n/1">Minister opens a new land office</a></li>'
              '<li><a href="/n/2">Land sales results announced</a></li></ul></div>')
    assert set(regions(ticker).values()) == {LISTING}


def test_a_last_updated_line_does_not_make_the_footer_a_news_item():
    # page-wide wrappers repeated with one class ("wrapper row2" for the menu bar and for the
    # copyright bar); the footer's "Last Update" date dates the page, not a news item
    page = ('<div class="wrapper row2"><ul><li><a href="/about">About us</a></li></ul></div>'
            '<div class="wrapper row2"><div id="copyright"><p class="fl_left">Last Update : 05 January 2018</p>'
            '<p class="fl_right">&copy; 2018 Land Office <a href="/PrivacyStatement.aspx">Privacy Statement</a> | '
            '<a href="http://feedback.example.org/se.ashx?s=1">Rate this website</a></p></div></div>')
    placed = regions(page)
    assert placed["Privacy Statement"] == MAIN and placed["Rate this website"] == MAIN
    found = detect(page)
    assert enough(found["policy.privacy"]) and enough(found["participate.poll"])
    # Thai and Indonesian footers say it so too
    for stamp in ("ปรับปรุงล่าสุด 16 มีนาคม 2561", "Terakhir diperbarui 20 Maret 2018"):
        assert regions(page.replace("Last Update : 05 January 2018", stamp))["Privacy Statement"] == MAIN, stamp
    # near miss: the same repeated blocks carrying a dated headline are news items
    news = page.replace("Last Update : 05 January 2018", "05 January 2018: new privacy rules for land records")
    assert regions(news)["Privacy Statement"] == LISTING


def test_a_headline_link_styled_nolink_in_a_news_box_is_news():
    # a regency's news box wraps each headline in <a class="nolink"> (a link drawn as plain text);
    # "nolink" ends in "link", a menu word, but says nothing of where the link sits
    box = ('<div id="newsbox" class="newsbox green right">'
           '<a href="/index.php?p=read&amp;id=1245" class="nolink"><div class="newsinline"><div class="isi">'
           '<b>Wabup beri Contoh Lapor SPT Online lewat e-Filing</b></div></div></a>'
           '<a href="/index.php?p=read&amp;id=1244" class="nolink"><div class="newsinline"><div class="isi">'
           '<b>TP-PKK Kabupaten Turun ke Desa-desa</b></div></div></a></div>')
    assert set(regions(box).values()) == {LISTING}
    assert not enough(detect(box).get("service.online_application", []))
    # near miss: the same class inside a menu is still the menu
    menu = '<ul class="menu"><li><a class="nolink" href="/eservice/apply">Apply online</a></li></ul>'
    assert regions(menu) == {"Apply online": NAV}


def test_a_wordpress_menu_item_leading_to_a_page_is_navigation_not_a_post_list():
    # WordPress classes every menu item by what it leads to: "menu-item-type-post_type" is a page
    # of the site in the agency's main menu, not an item of a list of posts
    menu = ('<nav class="navbar"><ul id="menu-main" class="nav navbar-nav">'
            '<li class="menu-item menu-item-type-custom menu-item-object-custom"><a href="/">BERANDA</a></li>'
            '<li class="menu-item menu-item-type-post_type menu-item-object-page"><a href="/kontak/">KONTAK</a></li>'
            '</ul></nav>')
    assert regions(menu) == {"BERANDA": NAV, "KONTAK": NAV}
    assert [(e.region, e.confidence) for e in detect(menu, "http://www.example.go.id/")["info.contact"]] == [(NAV, STRONG)]
    # near miss: a recent-posts widget is still a list of posts
    posts = ('<div class="widget recent-posts"><ul><li><a href="/2018/03/rapat">Rapat koordinasi penanggulangan bencana</a></li>'
             '<li><a href="/2018/03/musrenbang">Musrenbang kecamatan tahun 2018</a></li></ul></div>')
    assert set(regions(posts).values()) == {LISTING}


def test_every_features_url_cue_comes_from_one_look_at_the_url():
    """url_cues reads a URL's host label and path segments once for all features, through an
    index of the cues' tokens: the same cue for every feature as each feature's own Cues.match
    (the first host-label token, else the first segment's first token), in the catalogue's order."""
    import random

    from assessors.cues import load_cues, url_cues

    cues = load_cues()[1]
    tokens = sorted({t for c in cues.values() for t in (*c.paths, *c.host_labels)})
    parts = tokens + ["x", "www", "go", "news", "a-b"]
    rng = random.Random(5)
    for _ in range(3000):
        host = ".".join(rng.choice(parts) + rng.choice(["", "2", "-x", "desk"]) for _ in range(rng.randint(1, 4)))
        path = "/".join(rng.choice(parts) + rng.choice(["", "2", "-th", "desk", ".html", ".pdf"])
                        for _ in range(rng.randint(0, 4)))
        url = f"{rng.choice(['http', 'https', 'ftp'])}://{host}.go.th/{path}"
        expected = {f: c.match(url) for f, c in cues.items() if c.match(url)}
        found = url_cues.__wrapped__(url)
        assert found == expected and list(found) == list(expected), url
    # "eservice2" and "e-service_th" end the token; "eservicedesk" (near miss) does not
    assert url_cue("service.online_application", "https://www.agency.go.th/eservice2/") == "/eservice"
    assert url_cue("service.online_application", "https://www.agency.go.th/eservicedesk/") is None
