"""The crawl's components belong to their crawler: two crawls in one Scrapy process keep their
own runs and their own lists of the (private) hosts they may reach.

egovscan crawl, scrapy crawl and a Scrapyd job each run one crawl per process; a program that
embeds egovscan's spider may run several in one CrawlerProcess, and one crawl's sites file must
never open an address to another.
"""

import json
import subprocess
import sys
import textwrap

import pytest
import sqlite_utils

from conftest import CHROMIUM, ROOT, egovscan, make_site
from test_render import APP
from test_render import pytestmark as needs_render     # Chromium and scrapy-playwright

TWO_CRAWLS = textwrap.dedent("""
    import sys
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("TWISTED_REACTOR", "twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    process = CrawlerProcess(settings)
    for sites, db in zip(sys.argv[1::2], sys.argv[2::2]):
        crawl = {"EGOVSCAN_RENDER": True, "EGOVSCAN_CHROMIUM": %r, "DOWNLOAD_DELAY": 0,
                 "AUTOTHROTTLE_START_DELAY": 0, "EGOVSCAN_DB": db, "LOG_LEVEL": "WARNING"}
        crawler = process.create_crawler("agency")
        crawler.settings.setdict(crawl, priority="cmdline")
        process.crawl(crawler, sites=sites)
    process.start()
""" % str(CHROMIUM))


@needs_render
def test_two_crawls_in_one_process_do_not_share_their_listed_hosts(tmp_path, serve):
    # crawl "intranet" lists an intranet server; crawl "web" lists only its own site, whose
    # JavaScript-only page reaches for an image on that intranet server
    make_site(tmp_path / "intranet", "router", {"beacon.png": b"GIF89a", "index.html": "<p>admin</p>"})
    intranet = serve(tmp_path / "intranet", third=91)
    beacon = f"http://127.0.91.1:{intranet.port}/beacon.png"
    app = APP.replace("document.addEventListener", f"new Image().src = '{beacon}';\ndocument.addEventListener")
    app = app.replace('<div id="root">', '<img src="/own.png" alt=""><div id="root">')
    make_site(tmp_path / "web", "spa", {"index.html": app, "services.html": "<p>รายการบริการ</p>", "own.png": b"GIF89a"})
    web = serve(tmp_path / "web")
    # the web crawl is opened first, the intranet crawl last: a list kept per process, not per
    # crawl, was the last one opened, and the web crawl's browser reached the intranet with it
    proc = subprocess.run([sys.executable, "-c", TWO_CRAWLS, web.sites_csv, tmp_path / "web.db",
                           intranet.sites_csv, tmp_path / "intranet.db"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    web_db, intranet_db = sqlite_utils.Database(tmp_path / "web.db"), sqlite_utils.Database(tmp_path / "intranet.db")
    assert web_db.execute("select rendered, links_found from pages where depth = 0").fetchone() == (1, 1)
    assert web_db.execute("select site_id, status from sites").fetchall() == [("spa", "ok")]
    assert intranet_db.execute("select site_id, status from sites").fetchall() == [("router", "ok")]
    assert "/own.png" in {h["path"] for h in web.hits()}           # the web site's own image loads
    intranet_paths = {h["path"] for h in intranet.hits()}
    assert "/" in intranet_paths                                    # the intranet crawl reached its own site
    assert "/beacon.png" not in intranet_paths                      # the web crawl never did
    assert f"refused {beacon} while rendering" in " ".join(proc.stderr.split())


def test_the_process_resolver_opens_a_private_answer_to_no_crawl_that_does_not_list_the_name():
    # Scrapy installs one resolver per process and a lookup does not say which crawl asked, so
    # while a crawl that does not list a name runs, no crawl gets that name's private answer
    from twisted.internet import reactor

    from crawler.listed import ListedHosts
    from crawler.resolver import GuardedResolver, PrivateAnswer

    resolver = GuardedResolver(reactor, 0, 5.0)
    intranet, web = ListedHosts(), ListedHosts()
    intranet.open(["http://wiki.intranet.example:8080/"], "intranet-run")
    web.open(["https://www.example.go.th/"], "web-run")
    try:
        assert resolver._check("164.115.1.1", "wiki.intranet.example") == "164.115.1.1"   # public: anyone
        with pytest.raises(PrivateAnswer):
            resolver._check("10.0.0.5", "wiki.intranet.example")
        why = "wiki.intranet.example resolves to 10.0.0.5, a private address not listed in the sites file"
        assert web.refused("WIKI.intranet.example") == why           # each crawl can say why its download failed
        # an IP literal answers with itself: each crawl's request check (with the port) decides it
        intranet.open(["http://wiki.intranet.example:8080/", "http://10.0.0.9:8080/"], "intranet-run")
        assert resolver._check("10.0.0.9", "10.0.0.9") == "10.0.0.9"
        with pytest.raises(PrivateAnswer):
            resolver._check("10.0.0.10", "10.0.0.10")                # listed by no crawl
        web.close()                                                  # the web crawl ends
        assert resolver._check("10.0.0.5", "wiki.intranet.example") == "10.0.0.5"
        with pytest.raises(PrivateAnswer):                           # a name the intranet crawl does not list
            resolver._check("10.0.0.6", "printer.intranet.example")
    finally:
        intranet.close()
        web.close()
    assert resolver._check("10.0.0.6", "printer.intranet.example") == "10.0.0.6"   # no egovscan crawl: no check


def test_a_crawl_asked_for_its_timings_writes_where_its_time_went(tmp_path, serve):
    # the national benchmark's figures of the crawl process: its pages, its CPU, how late its
    # event loop ran and its write time; a crawl not asked for them writes nothing
    pages = {f"p{i}.html": f"<html lang='th'><body><h1>ข่าว {i}</h1><a href='/p{i + 1}.html'>ถัดไป</a></body></html>"
             for i in range(6)}
    pages["index.html"] = pages["p0.html"]
    make_site(tmp_path / "web", "agency", pages)
    server = serve(tmp_path / "web")
    timings = tmp_path / "timings.json"
    # a delay between the site's 7 pages keeps the crawl over half a second: the event loop's
    # 0.1 s timer ticks several times however fast the machine (at delay 0 an idle one finished first)
    egovscan("crawl", server.sites_csv, "--db", tmp_path / "a.db", "--delay", "0.1", "--quiet",
             "--set", f"EGOVSCAN_TIMINGS_FILE={timings}", "--set", "RANDOMIZE_DOWNLOAD_DELAY=False")
    figures = json.loads(timings.read_text("utf-8"))
    stored = sqlite_utils.Database(tmp_path / "a.db").execute("select count(*) from pages").fetchone()[0]
    assert figures["pages_stored"] == stored >= 6
    assert figures["responses"] >= stored
    assert 0 < figures["cpu_s"] and 0 < figures["wall_s"]
    assert 0 < figures["sqlite_write_s"] < figures["wall_s"] and 0 < figures["warc_write_s"] < figures["wall_s"]
    assert figures["waited_for_cpu_s"] is not None and figures["waited_for_cpu_s"] >= 0
    loop = figures["loop"]
    assert loop["ticks"] >= 1 and 0 <= loop["late_p50_s"] <= loop["late_p95_s"] <= loop["late_max_s"]
    egovscan("crawl", server.sites_csv, "--db", tmp_path / "b.db", "--delay", "0", "--quiet")
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["timings.json"]


# a crawl that reports, each time a site is finished, how many sites' scopes and robots.txt
# parsers the crawl process still holds
HELD_STATE = textwrap.dedent("""
    import json, sys
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

    from crawler.items import SiteDoneItem
    from crawler.runs import OpenRun

    settings = get_project_settings()
    settings.setdict({"EGOVSCAN_DB": sys.argv[2], "EGOVSCAN_MAX_ACTIVE_SITES": 2, "DOWNLOAD_DELAY": 0,
                      "AUTOTHROTTLE_START_DELAY": 0, "LOG_LEVEL": "WARNING"}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("agency")
    held = []

    def site_done(item, response, spider):
        if isinstance(item, SiteDoneItem):
            robots = next(m for m in crawler.engine.downloader.middleware.middlewares if isinstance(m, RobotsTxtMiddleware))
            held.append([len(OpenRun.of(crawler).scopes), len(robots._parsers)])

    crawler.signals.connect(site_done, signal=signals.item_scraped)
    process.crawl(crawler, sites=sys.argv[1])
    process.start()
    print(json.dumps(held))
""")


def test_a_crawl_process_holds_the_state_of_the_sites_under_way_not_of_every_site(tmp_path, serve):
    # a national crawl held every finished site's scope and robots.txt until its end: memory grew
    # with the sites of the run (10,000 sites), not with the sites crawled at once (2 here)
    for i in range(8):
        make_site(tmp_path / "sites", f"agency-{i}", {
            "index.html": "<h1>หน่วยงาน</h1><a href='/news.html'>ข่าวสาร</a><a href='/private/x.html'>ภายใน</a>",
            "news.html": "<p>ข่าวประชาสัมพันธ์</p>", "private/x.html": "<p>ภายใน</p>",
            "robots.txt": "User-agent: *\nDisallow: /private/\n"})
    server = serve(tmp_path / "sites")
    proc = subprocess.run([sys.executable, "-c", HELD_STATE, server.sites_csv, tmp_path / "audit.db"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    held = json.loads(proc.stdout.splitlines()[-1])
    assert len(held) == 8
    # at most the two sites under way (the one just finished is let go before the count)
    assert max(scopes for scopes, _ in held) <= 2 and max(parsers for _, parsers in held) <= 2
    assert held[-1] == [0, 0]
    # what is crawled is unchanged: every site's two pages, and robots.txt still obeyed
    db = sqlite_utils.Database(tmp_path / "audit.db")
    assert db.execute("select count(*) from pages where fetch_status = 'ok'").fetchone()[0] == 16
    assert not [h for h in server.hits() if h["path"].startswith("/private/")]
    assert db.execute("select count(distinct status) from sites").fetchall() == [(1,)]
