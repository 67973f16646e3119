"""What a consultant reads in the terminal: a ranking that fits 80 columns, a crawl's progress
with pages, failed sites and the time the politeness bound leaves, and `egovscan run` taking
the crawl's options."""

from __future__ import annotations

import io
import os

import pytest
import sqlite_utils
from conftest import egovscan, make_site
from rich.console import Console
from scoring_sites import RUN1, write_sites

from egovscan.steps import CrawlProgress, politeness_eta
from egovscan.tables import print_crawl_summary
from ground.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    egovscan("demo", "--out", out, "--quiet")
    return out


def test_the_ranking_fits_80_columns_with_whole_site_ids_and_scores(demo):
    proc = egovscan("score", "--db", demo / "demo.db", env={**os.environ, "COLUMNS": "80"})
    lines = proc.stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), "\n".join(l for l in lines if len(l.rstrip()) > 80)
    # one line a site: its id whole, beside its stage percentages, score and highest stage
    for site_id, stages, osi_raw in (("th-ministry-digital", "100 100 100 100", "100.00"),
                                     ("th-province-sample", "80 50 0 0", "17.60")):
        row = next(line for line in lines if site_id in line)
        assert stages in row and osi_raw in row, row
    assert "not scored: th-office-down: crawl status http_error" in proc.stdout
    # a wide terminal (or a log file) keeps every column
    wide = egovscan("score", "--db", demo / "demo.db", env={**os.environ, "COLUMNS": "200"}).stdout
    assert "osi_norm" in wide and "stage 4" in wide and "100 100 100 100" not in wide
    # a framework of six unordered dimensions with levels (LOSI) fits too, every header whole
    losi = egovscan("score", "--db", demo / "demo.db", "--framework", "losi2024",
                    env={**os.environ, "COLUMNS": "80"}).stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in losi), "\n".join(losi)
    assert losi[1].split() == ["rank", "site", "stages", "%", "osi_raw", "level", "next", "to", "add"], losi[1]
    assert any("th-ministry-digital" in line for line in losi)


def test_the_crawl_table_fits_80_columns_with_whole_site_ids(demo):
    out = Console(width=80, record=True, file=io.StringIO())
    print_crawl_summary(Store(demo / "demo.db"), 1, out)
    lines = out.export_text().splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    for site_id, status in (("th-ministry-digital", "ok"), ("th-office-down", "http_error"),
                            ("th-province-sample", "ok")):
        assert any(site_id in line and f" {status} " in line for line in lines), (site_id, lines)


def test_the_time_left_is_the_politeness_bound_of_the_pages_still_allowed():
    # 10 sites x 20 pages at 1 s a page on each host, 4 sites at once: 50 s at least
    assert politeness_eta(200, 10, 1.0, 4) == 50
    assert politeness_eta(30, 2, 1.0, 200) == 15         # fewer sites left than may run at once
    assert politeness_eta(100, 5, 0.0, 4) is None        # no delay, no bound
    progress = CrawlProgress(total=3, done=0, budget=10, delay=2.0, active_sites=200)
    for _ in range(4):
        progress.page("a")
    progress.page("b")
    assert progress.eta() == (30 - 5) * 2.0 / 3
    progress.site_done("a", judged=True)                  # a finished early: its unspent budget is no wait
    progress.site_done("c", judged=False)
    assert progress.eta() == (10 - 1) * 2.0 and progress.failed == 1 and progress.pages == 5
    assert progress.eta_text() == "at least 0:18 left"


def test_run_takes_the_crawl_options_and_progress_counts_failed_sites_not_404s(tmp_path, serve):
    web = tmp_path / "web"
    write_sites(web, RUN1)                                     # s5 answers 503: a failed site
    # s1 also links a page that is gone: a 404 page, not a failed site
    make_site(web, "s1", {"index.html": (web / "s1" / "index.html").read_text("utf-8").replace(
        "</nav>", "<a href='/gone.html'>หน้าที่ย้ายไปแล้ว</a></nav>")})
    server = serve(web, third=93)
    db = tmp_path / "audit.db"
    proc = egovscan("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", "--delay", "0",
                    "--per-host", "3", "--depth", "1", "--budget", "20", "--workers", "1", "--group-by", "region",
                    "--contact", "mailto:audit@example.org")
    assert "--contact" not in proc.stderr                       # a contact given: no warning
    store = sqlite_utils.Database(db)
    assert store.execute("select max(depth) from pages").fetchone()[0] == 1           # --depth
    assert all("+mailto:audit@example.org)" in hit["ua"] for hit in server.hits())    # --contact
    assert {"north", "south"} <= {row[0] for row in store.execute(
        "select group_value from group_scores where group_by = 'region'")}           # --group-by
    assert store.execute("select count(*) from pages where status_code = 404").fetchone()[0] >= 1
    progress = [line for line in proc.stderr.splitlines() if line.startswith("crawl ")][-1]
    assert "5/5 sites" in progress and " pages, 1 failed," in progress, progress
    assert "no delay, no bound" in progress                    # --delay 0

    # the next night, without --contact: said once, before the crawl
    again = egovscan("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", "--delay", "0", "--quiet")
    warnings = [line for line in again.stderr.splitlines() if "--contact" in line]
    assert len(warnings) == 1 and "https://pypi.org/project/egovscan/" in warnings[0], again.stderr
    assert "egovscan/" in server.hits()[-1]["ua"] and "pypi.org" in server.hits()[-1]["ua"]


def test_a_thai_domain_is_named_in_thai_in_the_nightly_log(tmp_path):
    thai = "กรมตัวอย่าง.invalid"
    sites = tmp_path / "sites.csv"
    sites.write_text(f"site_id,url,name\nidn,http://{thai.encode('idna').decode()}/,กรมตัวอย่าง\n", "utf-8")
    proc = egovscan("crawl", sites, "--db", tmp_path / "a.db", "--delay", "0", "--quiet", "--contact", "mailto:a@b.th")
    assert f"site idn http://{thai}/: dns_error" in proc.stderr, proc.stderr


def test_history_and_review_list_name_a_thai_domain_in_thai(thai_domain_audit):
    from conftest import THAI_DOMAIN

    wide = {**os.environ, "COLUMNS": "200"}
    history = egovscan("history", "thaidomain", "--db", thai_domain_audit, env=wide).stdout
    assert f"thaidomain · http://{THAI_DOMAIN}:" in history and "xn--" not in history
    findings = egovscan("review", "list", "thaidomain", "--db", thai_domain_audit, env=wide).stdout
    assert f"http://{THAI_DOMAIN}:" in findings and "xn--" not in findings
    # a script reading --json gets the address as stored
    raw = egovscan("history", "thaidomain", "--db", thai_domain_audit, "--json").stdout
    assert f'"url": "http://{THAI_DOMAIN.encode("idna").decode()}:' in raw


def test_a_crawl_detail_names_thai_domains_in_thai():
    from reports.formats import hosts_decoded

    assert hosts_decoded("DNS lookup failed: xn--42c1bzak6fub8dsbk.xn--h3cuzk1di.xn--o3cw4h does not resolve") \
        == "DNS lookup failed: ไทยคู่ฟ้า.รัฐบาล.ไทย does not resolve"
    assert hosts_decoded("redirected to https://www.XN--12CO0C3B4EVA.xn--o3cw4h/x") == "redirected to https://www.ธุรกิจ.ไทย/x"
    # near misses: a name that does not decode, xn-- inside a longer word or a query, plain names
    assert hosts_decoded("see xn--broken-.com.") == "see xn--broken-.com."
    assert hosts_decoded("axn--12co0c3b4eva.com, file_xn--12co0c3b4eva.txt") == "axn--12co0c3b4eva.com, file_xn--12co0c3b4eva.txt"
    assert hosts_decoded("http://moi.go.th/?q=xn--zz") == "http://moi.go.th/?q=xn--zz"
    assert hosts_decoded(None) == ""


def test_the_crawl_table_shows_a_thai_domain_in_a_detail_in_thai(tmp_path):
    sites = tmp_path / "sites.csv"
    thai = "กรมตัวอย่าง.invalid"
    sites.write_text(f"site_id,url,name\nidn,http://{thai.encode('idna').decode()}/,กรมตัวอย่าง\n", "utf-8")
    egovscan("crawl", sites, "--db", tmp_path / "a.db", "--delay", "0", "--quiet", "--contact", "mailto:a@b.th")
    out = Console(width=200, record=True, file=io.StringIO())
    print_crawl_summary(Store(tmp_path / "a.db"), 1, out)
    text = out.export_text()
    assert f"{thai} does not resolve" in text and "xn--" not in text, text
