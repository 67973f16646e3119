"""Crawling the real government sites of ../shared/corpus, served on loopback by its serve.py.

The sites file serve.py writes carries each agency's own domains (`--domains`), as a consultant's
would: the copies' absolute links to their live domains are then in scope, and on a machine
without DNS for them each such host fails once (`dns_error`) and costs no page budget.
Skipped (with the reason) where the corpus is absent; it is present in CI.
"""

import csv
import random
import subprocess
import sys
from collections import Counter
from urllib.parse import urlsplit

import pytest
import sqlite_utils

from conftest import FAST, egovscan


@pytest.fixture
def corpus_sites(corpus, tmp_path):
    out = tmp_path / "corpus-sites.csv"
    port = random.randint(20000, 60000)
    proc = subprocess.Popen([sys.executable, str(corpus / "serve.py"), str(corpus / "sites.csv"), str(out),
                             "--third", "77", "--port", str(port), "--domains"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield out
    finally:
        proc.kill()
        proc.wait(timeout=10)


def only(sites_csv, tmp_path, *site_ids):
    with open(sites_csv, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["site_id"] in site_ids]
    path = tmp_path / "subset.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["site_id", "url", "name", "domains"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_osc_mirror_default_budget_stores_100_pages(corpus_sites, corpus, tmp_path):
    db = tmp_path / "osc.db"
    egovscan("crawl", only(corpus_sites, tmp_path, "us-osc"), "--db", db, *FAST)
    d = sqlite_utils.Database(db)
    statuses = dict(d.execute("select fetch_status, count(*) from pages group by fetch_status").fetchall())
    # the default budget, exactly, of pages requested: the osc.gov hosts the mirror does not serve
    # (efile.osc.gov, efoia.osc.gov) do not resolve here and cost none of it
    dns = statuses.pop("dns_error", 0)
    assert sum(statuses.values()) == 100
    assert set(statuses) <= {"ok", "http_error", "not_html"} and statuses["ok"] >= 60
    for url, error in d.execute("select url, error from pages where fetch_status = 'dns_error'"):
        assert ".osc.gov/" in url and ("does not resolve" in error or error.startswith("not requested")), url
    assert dns == len(list(d.execute("select 1 from pages where url not like 'http://127.%'")))
    # every error is a 404 for a page the mirror does not hold (serve.py also tries .html and index.html)
    mirror = corpus / "sites" / "us-osc"
    for url, code in d.execute("select url, status_code from pages where fetch_status = 'http_error'"):
        path = url.split("/", 3)[3].split("?", 1)[0]
        stem = path.rsplit(".", 1)[0] if path.endswith((".aspx", ".asp", ".php")) else path
        candidates = [path, path + ".html", path + "/index.html", stem + ".html"]
        assert code == 404 and not any((mirror / c).is_file() for c in candidates if c), url
    home = d.execute("select fetch_status, title from pages where depth = 0").fetchone()
    assert home[0] == "ok" and "Special Counsel" in home[1]
    assert d.execute("select count(*) from pages where fetch_status = 'ok' and warc_file is null").fetchone() == (0,)
    site = d.execute("select status, pages_fetched, outbound_links from sites").fetchone()
    assert site[0] in ("ok", "partial") and site[1] == 100 and site[2] > 20
    outbound = {u for (u,) in d.execute("select url from links")}
    assert "https://twitter.com/US_OSC" in outbound           # the agency's own profile, off-site
    assert any(".gov/" in u and "osc.gov" not in u for u in outbound)
    docs = d.execute("select count(*) from documents where extension = 'pdf'").fetchone()[0]
    assert docs > 0                                           # PDF links recorded with their text


def test_whole_corpus_every_site_gets_a_status(corpus_sites, corpus, tmp_path):
    db = tmp_path / "corpus.db"
    egovscan("crawl", corpus_sites, "--db", db, *FAST)
    d = sqlite_utils.Database(db)
    statuses = dict(d.execute("select site_id, status from sites").fetchall())
    with open(corpus / "sites.csv", newline="", encoding="utf-8") as f:
        listed = {row["site_id"] for row in csv.DictReader(f)}
    assert set(statuses) == listed and None not in statuses.values()   # every listed site, once
    # homepages are single saved pages: stored and ok
    for site_id in ("th-ocsc", "th-acfs", "sg-bca", "us-akron", "au-aec", "id-bantul", "uk-aberdeenshire",
                    "th-dsd", "th-opdc", "th-mcot", "th-kmutt", "th-forest", "th-pea"):
        assert statuses[site_id] in ("ok", "partial"), site_id
    # the splash page is one page whose "enter site" link (an image button with a title) is
    # absolute to www.admincourt.go.th, the agency's own domain: followed, and it does not resolve
    # here, so the one page behind the splash failed and the site is partial
    assert statuses["th-admincourt"] == "partial"
    assert d.execute("select url, fetch_status from pages where site_id = 'th-admincourt' and depth = 1").fetchall() == [
        ("http://www.admincourt.go.th/admincourt/site/", "dns_error")]
    # a host that does not resolve is looked up once in the whole crawl; its other URLs are not requested
    looked_up = Counter(urlsplit(url).hostname for (url,) in d.execute(
        "select url from pages where fetch_status = 'dns_error' and error like 'DNS lookup failed%'"))
    dead = {urlsplit(url).hostname for (url,) in d.execute("select url from pages where fetch_status = 'dns_error'")}
    refused = Counter(urlsplit(url).hostname for (url,) in d.execute(
        "select url from pages where fetch_status = 'dns_error' and error like 'not requested:%'"))
    # every dead host's pages: at most one sent for a lookup, the others refused from memory (the
    # lookup may also have been a document's HEAD probe or a robots.txt fetch, which came first)
    assert len(dead) > 50 and set(looked_up.values()) == {1} and set(refused) <= dead
    assert sum(refused.values()) > sum(looked_up.values())
    # GOV.UK: absolute https://www.gov.uk links are rewritten by serve.py and followed. serve.py
    # rewrites only paths ending in .html, so pages reached as folders (/browse/driving/) keep
    # absolute links that look off-site locally: fewer than the 33 pages its README counts.
    govuk = d.execute("select count(*) from pages where site_id = 'uk-govuk' and fetch_status = 'ok'").fetchone()[0]
    assert govuk >= 25
    # Thai homepages decode: their titles are Thai
    title = d.execute("select title from pages where site_id = 'th-ocsc' and depth = 0").fetchone()[0]
    assert "สำนักงาน" in title or "ก.พ." in title
