"""Crawling real local HTTP servers into the store: pages, documents, links, WARC, statuses."""

import csv
import subprocess
import sys

import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from conftest import FAST, ROOT, egovscan, free_port, make_site
from ground.warc import read_record
from test_distributed import pytestmark as needs_redis
from test_distributed import redis_url  # noqa: F401  (fixture: a real redis-server)

PDF = b"%PDF-1.4\n" + b"0" * 1500


def rows(db_path, sql, args=()):
    return list(sqlite_utils.Database(db_path).execute(sql, args).fetchall())


def test_pages_documents_outbound_links_and_warc(tmp_path, serve):
    make_site(tmp_path / "web", "agency", {
        "index.html": """<html><head><title>กรมตัวอย่าง</title></head><body>
            <a href="/about.html">เกี่ยวกับเรา</a> <a href="/private/secret.html">ภายใน</a>
            <a href="/moved">ข่าว</a> <a href="https://www.dga.or.th/">สำนักงานพัฒนารัฐบาลดิจิทัล</a>
            <h2>แบบฟอร์มดาวน์โหลด</h2><a href="/files/form.pdf">แบบคำขอรับบริการ</a>
            <a href="https://www.other.go.th/forms/f.docx">แบบคำร้อง (กรมอื่น)</a></body></html>""",
        "about.html": "<html><body><p>วิสัยทัศน์</p><a href='/'>home</a></body></html>",
        "news.html": "<html><body><p>ข่าวประชาสัมพันธ์</p></body></html>",
        "private/secret.html": "<html><body>never fetched</body></html>",
        "files/form.pdf": PDF,
        "robots.txt": "User-agent: *\nDisallow: /private/\n",
    }, rules={"/moved": {"status": 301, "headers": {"Location": "/news.html"}}})
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)

    pages = {r[0].rsplit("/", 1)[-1]: r[1:] for r in rows(
        db, "select url, fetch_status, status_code, final_url, depth from pages order by depth, ord")}
    assert pages[""][0:2] == ("ok", 200)
    assert pages["about.html"][0] == "ok"
    assert pages["secret.html"][0] == "blocked_robots"
    assert pages["moved"][0] == "ok" and pages["moved"][2].endswith("/news.html")
    assert "form.pdf" not in pages                       # documents are not pages

    docs = {r[0].rsplit("/", 1)[-1]: r[1:] for r in rows(
        db, "select url, text, heading, content_type, size, fetch_status from documents")}
    assert docs["form.pdf"] == ("แบบคำขอรับบริการ", "แบบฟอร์มดาวน์โหลด", "application/pdf", len(PDF), "ok")
    assert docs["f.docx"][0] == "แบบคำร้อง (กรมอื่น)" and docs["f.docx"][4] == "not_probed"   # off-site: recorded, not probed

    outbound = rows(db, "select url, text from links")
    assert ("https://www.dga.or.th/", "สำนักงานพัฒนารัฐบาลดิจิทัล") in outbound
    assert all("127.0.90.1" not in url for url, _ in outbound)

    status = rows(db, "select status, pages_fetched, documents, outbound_links from sites")
    assert status == [("ok", 3, 2, 2)]

    # every stored page points at a WARC response record whose body is what the server sent
    warc_dir = rows(db, "select warc_dir from runs")[0][0]
    (warc_file, offset, url), = rows(db, "select warc_file, warc_offset, url from pages where url like '%about.html'")
    headers, body = read_record(warc_dir, warc_file, offset)
    assert body == (tmp_path / "web/agency/about.html").read_bytes()
    assert headers["content-type"] == "text/html"
    with open(f"{warc_dir}/{warc_file}", "rb") as f:
        types = [r.rec_type for r in ArchiveIterator(f)]
    # three pages (news.html archived under its final URL, reached through the redirect);
    # the HEAD probe of the pdf is not archived unless EGOVSCAN_STORE_DOCUMENTS is on
    assert types[0] == "warcinfo" and types.count("response") == 3 and types.count("request") == 3


def test_budget_is_per_site_not_global(tmp_path, serve):
    for name in ("big-a", "big-b"):
        files = {f"p{i}.html": f"<html><body><a href='/p{i + 1}.html'>next</a><a href='/p{i + 2}.html'>skip</a></body></html>"
                 for i in range(40)}
        files["index.html"] = "<html><body><a href='/p0.html'>start</a></body></html>"
        make_site(tmp_path / "web", name, files)
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, "--budget", "12", "--depth", "50", *FAST)
    assert rows(db, "select site_id, count(*) from pages group by site_id") == [("big-a", 12), ("big-b", 12)]
    assert rows(db, "select count(distinct url) from pages") == [(24,)]


def test_every_site_ends_with_a_status(tmp_path, serve):
    web = tmp_path / "web"
    make_site(web, "a-down", {"index.html": "x"}, rules={"/": {"status": 503, "body": "down"}})
    make_site(web, "b-robots", {"index.html": "<a href='/x'>x</a>", "robots.txt": "User-agent: *\nDisallow: /\n"})
    make_site(web, "c-loop", {}, rules={"/": {"status": 302, "headers": {"Location": "/a"}},
                                        "/a": {"status": 302, "headers": {"Location": "/"}}})
    make_site(web, "d-blank", {"index.html": "<html><body>   </body></html>"})
    make_site(web, "e-jsapp", {"index.html": "<html><head><script src='/app.js'></script></head><body><div id='root'></div></body></html>"})
    make_site(web, "f-slow", {"index.html": "<p>late</p>"}, rules={"/": {"delay": 3, "body": "<p>late</p>"}})
    make_site(web, "g-partial", {"index.html": "".join(f"<a href='/p{i}.html'>p{i}</a>" for i in range(5)) + "<p>home</p>",
                                 "p0.html": "ok", "p1.html": "ok"},
              rules={f"/p{i}.html": {"status": 500, "body": "boom"} for i in (2, 3, 4)})
    make_site(web, "h-ok", {"index.html": "<p>ยินดีต้อนรับ</p><a href='/a.html'>a</a>", "a.html": "<p>a</p>"})
    server = serve(web)
    sites = tmp_path / "sites.csv"
    with open(server.sites_csv, newline="") as f:
        lines = list(csv.reader(f))
    lines.append(["i-refused", f"http://127.0.0.1:{free_port()}/", "nothing listens"])
    lines.append(["j-nodns", "http://no-such-agency.invalid/", "no DNS"])
    with open(sites, "w", newline="") as f:
        csv.writer(f).writerows(lines)
    db = tmp_path / "audit.db"
    proc = egovscan("crawl", sites, "--db", db, *FAST, "--set", "DOWNLOAD_TIMEOUT=1", "--set", "RETRY_TIMES=1",
                    "--set", "EGOVSCAN_MAX_ACTIVE_SITES=16", "--set", "CONCURRENT_REQUESTS=16")
    statuses = dict(rows(db, "select site_id, status from sites"))
    assert statuses == {
        "a-down": "http_error", "b-robots": "blocked_robots", "c-loop": "too_many_redirects",
        "d-blank": "empty", "e-jsapp": "needs_render", "f-slow": "timeout", "g-partial": "partial",
        "h-ok": "ok", "i-refused": "connection_refused", "j-nodns": "dns_error"}
    assert rows(db, "select js_only from pages where site_id = 'e-jsapp'") == [(1,)]
    assert rows(db, "select state from runs") == [("crawled",)]
    # the nightly mail: a line for a site that cannot be reached, no Twisted traceback; and a
    # warning that these settings make sites queue for Scrapy's request slots
    log = " ".join(proc.stderr.split())          # the console wraps long lines
    assert "Traceback" not in log and "connection refused" in log and "no-such-agency.invalid" in log
    assert "EGOVSCAN_MAX_ACTIVE_SITES (16) is not below CONCURRENT_REQUESTS (16)" in log


def test_bad_rows_are_reported_and_good_rows_still_crawl(tmp_path, serve):
    make_site(tmp_path / "web", "good", {"index.html": "<p>ok</p>"})
    server = serve(tmp_path / "web")
    with open(server.sites_csv, newline="") as f:
        good = list(csv.reader(f))[1]
    sites = tmp_path / "sites.csv"
    sites.write_text("site_id,url,name\n" + ",".join(good) + "\nbad,ftp://files.example.go.th/,FTP\n"
                     "good,http://dup.go.th/,duplicate\n,http://x.go.th/,\n", "utf-8")
    proc = egovscan("crawl", sites, "--db", tmp_path / "a.db", *FAST)
    assert "sites.csv:3 (site_id 'bad'): url scheme 'ftp' cannot be crawled" in proc.stderr
    assert "sites.csv:4 (site_id 'good'): duplicate site_id (first used on line 2)" in proc.stderr
    assert "sites.csv:5: no site_id" in proc.stderr
    assert rows(tmp_path / "a.db", "select site_id, status from sites") == [("good", "ok")]
    assert rows(tmp_path / "a.db", "select line, site_id from input_errors order by line") == [(3, "bad"), (4, "good"), (5, "")]


def test_unusable_sites_file_exits_2_with_the_reason(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("name,address\nx,y\n", "utf-8")
    proc = egovscan("crawl", sites, "--db", tmp_path / "a.db", check=False)
    assert proc.returncode == 2
    assert "the header has no site_id or url column" in proc.stderr


def test_thai_encodings_decode_in_the_store(tmp_path, serve):
    title, text = "กรมส่งเสริมการเกษตร", "ดาวน์โหลดแบบฟอร์ม “แบบคำขอ” ข่าวประชาสัมพันธ์ ติดต่อเรา"
    cases = {  # site: (encoding, how it is declared)
        "utf8-header": ("utf-8", "header"), "utf8-none": ("utf-8", None),
        "tis620-meta": ("tis-620", "meta"), "tis620-none": ("tis-620", None),
        "w874-header": ("cp874", "header"), "w874-none": ("cp874", None),
        "tis620-as-utf8": ("tis-620", "wrong"),
    }
    rules_for = {}
    for site, (encoding, declared) in cases.items():
        label = {"utf-8": "utf-8", "tis-620": "TIS-620", "cp874": "windows-874"}[encoding]
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">' if declared == "meta" else ""
        body = text if encoding != "tis-620" else text.replace("“", "").replace("”", "")
        html = f"<html><head>{meta}<title>{title}</title></head><body><p>{body}</p></body></html>"
        rules = None
        if declared in ("header", "wrong"):
            charset = "utf-8" if declared == "wrong" else label
            rules = {"/": {"headers": {"Content-Type": f"text/html; charset={charset}"}}}
        make_site(tmp_path / "web", site, {"index.html": html.encode(encoding)}, rules=rules)
        rules_for[site] = body
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)
    warc_dir = rows(db, "select warc_dir from runs")[0][0]
    stored = rows(db, "select site_id, title, encoding, warc_file, warc_offset from pages")
    assert len(stored) == len(cases)
    for site_id, stored_title, encoding, warc_file, offset in stored:
        assert stored_title == title, site_id
        _, body = read_record(warc_dir, warc_file, offset)
        assert rules_for[site_id] in body.decode(encoding), site_id


def test_scrapy_crawl_agency_works_as_a_scrapy_project(tmp_path, serve):
    make_site(tmp_path / "web", "s1", {"index.html": "<a href='/a.html'>a</a>", "a.html": "<p>a</p>"})
    server = serve(tmp_path / "web")
    db = tmp_path / "scrapy.db"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "agency", "-a", f"sites={server.sites_csv}",
                           "-s", f"EGOVSCAN_DB={db}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0",
                           "-s", "LOG_LEVEL=WARNING"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert rows(db, "select site_id, status, pages_fetched from sites") == [("s1", "ok", 2)]
    assert rows(db, "select state from runs") == [("crawled",)]


def test_robots_crawl_delay_and_user_agent(tmp_path, serve):
    pages = {f"p{i}.html": f"<p>{i}</p>" for i in range(4)}
    pages["index.html"] = "".join(f"<a href='/p{i}.html'>{i}</a>" for i in range(4))
    pages["robots.txt"] = "User-agent: *\nCrawl-delay: 1\n"
    make_site(tmp_path / "web", "slowpoke", pages)
    make_site(tmp_path / "web", "quick", dict(pages, **{"robots.txt": "User-agent: *\nAllow: /\n"}))
    server = serve(tmp_path / "web")
    egovscan("crawl", server.sites_csv, "--db", tmp_path / "a.db", "--contact", "mailto:audit@example.go.th",
             "--delay", "0", "--per-host", "4", "--quiet")
    hits = server.hits()
    assert {h["ua"] for h in hits} == {"egovscan/0.1.0 (e-government service survey; +mailto:audit@example.go.th)"}

    def page_times(host):        # site folders are served in sorted order: quick = .1, slowpoke = .2
        return sorted(h["t"] for h in hits if h["host"] == host and h["path"] != "/robots.txt")

    quick, slow = page_times("127.0.90.1"), page_times("127.0.90.2")
    gaps = [b - a for a, b in zip(slow, slow[1:])]
    assert len(slow) == 5 and min(gaps) >= 0.9          # Crawl-delay: 1 between requests to that host
    assert len(quick) == 5 and quick[-1] - quick[0] < 1.5   # the other host is not slowed down


def test_delay_spaces_a_hosts_requests_by_the_delay_not_a_random_share_of_it(tmp_path, serve):
    pages = {f"p{i}.html": f"<p>{i}</p>" for i in range(7)}
    pages["index.html"] = "".join(f"<a href='/p{i}.html'>{i}</a>" for i in range(7))
    make_site(tmp_path / "web", "paced", pages)
    server = serve(tmp_path / "web")
    egovscan("crawl", server.sites_csv, "--db", tmp_path / "a.db", "--delay", "0.5", "--per-host", "1", "--quiet")
    times = sorted(h["t"] for h in server.hits())          # robots.txt, the home page, 7 pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 8
    # never closer than the delay (a +-50 % jitter would go to 0.25 s) and, on average, the delay
    # itself: a jitter drawn again each time the slot is looked at averages above 1.2 x
    assert min(gaps) >= 0.48 and sum(gaps) / len(gaps) < 0.58, gaps


def test_text_from_outside_is_printed_literally_not_as_terminal_markup(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("site_id,url,name\n[bold]x[/bold],ftp://a.go.th/,A\n", "utf-8")
    proc = egovscan("check-sites", sites, check=False)
    assert proc.returncode == 2
    assert "(site_id '[bold]x[/bold]'): site_id must not contain '/'" in proc.stderr


# RFC 2606 reserves example.com: its subdomains never resolve. (A name under `.invalid` would be
# surer still, but the sites file's `domains` column takes only names under a public suffix.)
DEAD_HOST = "eservice.example.com"


def dead_host_site(root, name, dead_links: bool, delay: float = 0.0):
    """An agency whose menu links first to 30 e-services on a subdomain that no longer resolves,
    then to its own 15 pages; each own page links to one more e-service and two own pages."""
    dead = "".join(f"<a href='http://{DEAD_HOST}/service/{i}'>บริการออนไลน์ {i}</a>" for i in range(30))
    own = "".join(f"<a href='/p{i}.html'>หน้า {i}</a>" for i in range(15))
    files = {"index.html": f"<html><body><p>กรมตัวอย่าง</p>{dead if dead_links else ''}{own}</body></html>"}
    for i in range(40):
        more = f"<a href='http://{DEAD_HOST}/service/{i % 30}'>ยื่นคำขอออนไลน์</a>" if dead_links else ""
        files[f"p{i}.html"] = (f"<html><body><p>หน้า {i}</p>{more}<a href='/p{2 * i + 15}.html'>ต่อไป</a>"
                               f"<a href='/p{2 * i + 16}.html'>ถัดไป</a></body></html>")
    make_site(root, name, files, rules={"*": {"delay": delay}} if delay else None)


def with_domains(sites_csv, out, domains):
    with open(sites_csv, newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["site_id", "url", "name", "domains"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**row, "domains": domains} for row in lines)
    return out


def test_a_host_that_does_not_resolve_is_looked_up_once_and_costs_no_budget(tmp_path, serve):
    import socket

    try:
        socket.getaddrinfo(DEAD_HOST, 80)
        raise AssertionError(f"{DEAD_HOST} resolves here: this test needs a name that does not")
    except socket.gaierror:
        pass
    dead_host_site(tmp_path / "web", "a-dead-links", dead_links=True)
    dead_host_site(tmp_path / "web", "b-no-dead-links", dead_links=False)
    server = serve(tmp_path / "web")
    # the agency says example.com is its own domain: eservice.example.com is in its scope
    sites = with_domains(server.sites_csv, tmp_path / "sites.csv", "example.com")
    db = tmp_path / "audit.db"
    proc = egovscan("crawl", sites, "--db", db, "--budget", "12", *FAST, "--contact", "mailto:audit@example.go.th")

    def own_pages(site_id):
        return rows(db, "select url, depth, fetch_status from pages where site_id = ? and url not like ? "
                        "order by url", [site_id, f"%{DEAD_HOST}%"])

    # the budget buys the same own pages as if the dead links were not there: 12 of them
    with_dead, without = own_pages("a-dead-links"), own_pages("b-no-dead-links")
    assert len(without) == 12 and all(status == "ok" for _, _, status in without)
    assert [(u.split("/", 3)[3], d, s) for u, d, s in with_dead] == [(u.split("/", 3)[3], d, s) for u, d, s in without]
    # every link to the dead host is recorded, once looked up, never requested again or retried
    dead = rows(db, "select fetch_status, error from pages where site_id = 'a-dead-links' and url like ?",
                [f"%{DEAD_HOST}%"])
    assert len(dead) == 30 and {status for status, _ in dead} == {"dns_error"}
    errors = sorted(error for _, error in dead)
    assert errors.count(f"not requested: {DEAD_HOST} did not resolve earlier in this crawl") == 29
    assert errors.count(f"DNS lookup failed: {DEAD_HOST} does not resolve") == 1
    assert rows(db, "select status from sites where site_id = 'b-no-dead-links'") == [("ok",)]
    # the nightly log: the summary line, and no line (or traceback) per failed request
    assert "Error downloading" not in proc.stderr and "Gave up retrying" not in proc.stderr
    assert proc.stderr.strip() == "" and proc.stdout.strip() == "run 1, 2 sites: 1 ok, 1 partial"


def test_a_dead_listed_host_makes_the_site_dns_error(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("site_id,url,name\nlapsed,http://www.lapsed-agency.example.com/,อบต. ตัวอย่าง\n", "utf-8")
    db = tmp_path / "audit.db"
    proc = egovscan("crawl", sites, "--db", db, *FAST, "--contact", "mailto:audit@example.go.th")
    assert rows(db, "select status, detail from sites") == [
        ("dns_error", "DNS lookup failed: www.lapsed-agency.example.com does not resolve")]
    assert proc.stderr.strip() == ("site lapsed http://www.lapsed-agency.example.com/: dns_error: "
                                   "DNS lookup failed: www.lapsed-agency.example.com does not resolve")


def test_kill_9_and_resume_with_a_dead_host_gives_the_uninterrupted_page_set(tmp_path, serve):
    import time

    dead_host_site(tmp_path / "web", "agency", dead_links=True, delay=0.05)
    server = serve(tmp_path / "web")
    sites = with_domains(server.sites_csv, tmp_path / "sites.csv", "example.com")
    args = ["--budget", "20", "--depth", "10", "--delay", "0", "--per-host", "2", "--quiet"]

    def page_set(db_path):
        return rows(db_path, "select url, depth, ord, fetch_status, final_url from pages order by url")

    def stored(db_path):
        try:
            return rows(db_path, "select count(*) from pages")[0][0]
        except Exception:   # noqa: BLE001 - not created yet
            return 0

    egovscan("crawl", sites, "--db", tmp_path / "whole.db", *args)
    reference = page_set(tmp_path / "whole.db")
    assert len([p for p in reference if p[3] == "ok"]) == 20 and len(reference) == 20 + 30

    db = tmp_path / "killed.db"
    for at_least in (12, 35):           # killed in a top-up of level 1, then in a later level
        proc = subprocess.Popen([sys.executable, "-m", "egovscan", "crawl", str(sites), "--db", str(db), *args],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None and stored(db) < at_least:
            time.sleep(0.02)
        assert proc.poll() is None, "the crawl ended before it could be killed"
        proc.kill()
        proc.wait()
    egovscan("crawl", "--resume", "--db", db, *args)
    assert page_set(db) == reference


def test_only_a_name_that_does_not_exist_is_taken_for_a_dead_host():
    import socket

    from twisted.internet.error import DNSLookupError

    from crawler.middlewares import name_does_not_exist

    def lookup_error(code, text):        # what the crawl's resolver (Twisted's) reports
        return DNSLookupError(f"address 'x.go.th' not found: {socket.gaierror(code, text)}")

    assert name_does_not_exist(lookup_error(socket.EAI_NONAME, "Name or service not known"))
    # near misses: the resolver did not answer, or not in time; the name may well exist
    assert not name_does_not_exist(lookup_error(socket.EAI_AGAIN, "Temporary failure in name resolution"))
    assert not name_does_not_exist(DNSLookupError("address 'x.go.th' not found: timeout error"))
    assert not name_does_not_exist(DNSLookupError("x.go.th resolves to 10.0.0.1, a private address not listed"))


@needs_redis
def test_two_workers_of_a_shared_run_buy_the_same_pages_past_a_dead_host(tmp_path, serve, redis_url):  # noqa: F811
    dead_host_site(tmp_path / "web", "agency", dead_links=True, delay=0.02)
    dead_host_site(tmp_path / "web", "other", dead_links=True, delay=0.02)
    server = serve(tmp_path / "web")
    sites = with_domains(server.sites_csv, tmp_path / "sites.csv", "example.com")
    args = ["--budget", "20", "--depth", "10", "--delay", "0", "--per-host", "2", "--quiet"]

    def page_set(db_path):
        return rows(db_path, "select site_id, url, depth, ord, fetch_status from pages order by site_id, url")

    egovscan("crawl", sites, "--db", tmp_path / "single.db", *args)
    expected = page_set(tmp_path / "single.db")
    assert len(expected) == 2 * (20 + 30)
    workers = [subprocess.Popen([sys.executable, "-m", "egovscan", "crawl", str(sites), "--db", str(tmp_path / "shared.db"),
                                 *args, "--redis", redis_url], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in workers:
        assert proc.wait(180) == 0, proc.stderr.read()
    assert page_set(tmp_path / "shared.db") == expected


def test_the_budget_buys_the_pages_it_would_without_the_dead_links_whatever_the_arrival_order():
    """The frontier alone: links to a dead host, anywhere in a wide site, change nothing in the
    live pages a budget buys, in whatever order results come back."""
    import random

    from crawler.frontier import PAGE, SiteFrontier
    from crawler.links import Link

    base, dead = "http://127.0.0.1:8000", f"http://{DEAD_HOST}"

    def site(dead_links):
        graph = {}
        for i in range(80):
            links = [f"{dead}/s{i}-{k}" for k in range(3)] if dead_links else []
            links += [f"{base}/p{j}.html" for j in range(4 * i + 1, 4 * i + 5) if j < 80]
            graph[f"{base}/p{i}.html"] = [Link(u, "", "", "a") for u in links]
        return graph

    def crawl(graph, seed):
        frontier = SiteFrontier("s", f"{base}/p0.html", page_budget=30, depth_limit=5,
                                own_domains=("example.com",))
        rng, queue, live = random.Random(seed), frontier.start(), []
        while queue:
            rng.shuffle(queue)
            planned = queue.pop(0)
            if planned.kind != PAGE:
                continue
            unresolved = planned.url.startswith(dead)
            if not unresolved:
                live.append((planned.url, planned.depth))
            queue += frontier.page_done(planned, None if unresolved else planned.url,
                                        [] if unresolved else graph[planned.url], unresolved=unresolved)
        assert frontier.finished
        return sorted(live)

    reference = crawl(site(dead_links=False), seed=0)
    assert len(reference) == 30
    for seed in range(10):
        assert crawl(site(dead_links=True), seed) == reference


def test_home_page_style_sheets_are_fetched_on_the_sites_own_hosts_only(tmp_path, serve):
    # a host the sites file does not list, serving a style sheet the home page links
    make_site(tmp_path / "other", "cdn", {"evil.css": "@media (max-width: 600px) { body { margin: 0 } }"})
    other = serve(tmp_path / "other", third=91)
    other_url = next(csv.DictReader(open(other.sites_csv, encoding="utf-8")))["url"].rstrip("/")
    head = ('<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/css/print.css" media="print">'
            f'<link rel="stylesheet" href="{other_url}/evil.css">')
    body = "".join(f'<a href="/p{i}.html">หน้า {i}</a>' for i in range(4)) + "<p>" + "ข้อความ " * 80 + "</p>"
    css = "nav { float: left }\n@media screen and (max-width: 767px) { nav { float: none } }\n"
    make_site(tmp_path / "web", "agency", {
        "index.html": f"<html><head><title>เทศบาลตัวอย่าง</title>{head}</head><body>{body}</body></html>",
        "css/site.css": css, "css/print.css": "@media print { nav { display: none } }",
        **{f"p{i}.html": f"<html><body><p>หน้า {i}</p><a href='/'>หน้าแรก</a></body></html>" for i in range(4)},
    })
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)

    assert other.hits() == []                                   # the unlisted host saw no request
    sheets = rows(db, "select url, fetch_status, content_type, warc_file from documents where extension = 'css'")
    assert sorted(u.rsplit("/", 1)[-1] for u, *_ in sheets) == ["print.css", "site.css"]
    assert all(status == "ok" and warc for _, status, _, warc in sheets)
    assert not rows(db, "select 1 from documents where url like '%evil.css'")     # never planned
    # style sheets are neither pages nor links out, and cost no page
    assert rows(db, "select count(*) from pages")[0][0] == 5
    assert not rows(db, "select 1 from links where url like '%.css'")
    assert rows(db, "select documents from sites") == [(0,)]      # nor document links
    # kept as responses: the archive holds what the server sent
    warc_dir = rows(db, "select warc_dir from runs")[0][0]
    (warc_file, offset), = rows(db, "select warc_file, warc_offset from documents where url like '%site.css'")
    assert read_record(warc_dir, warc_file, offset)[1] == css.encode()

    egovscan("assess", "--db", db, "--quiet")
    state, value = rows(db, "select state, value from site_features where feature = 'site.mobile_friendly'")[0]
    assert state == "present", value                            # its width query is only in site.css
    assert '"stylesheets_read": 2' in value and '"linked_stylesheets": 3' in value
