"""A hostile and broken web (tests/hostile_server.py): the nightly run finishes, every site gets
the right status, features are unknown (never absent) where the crawl could not judge, and
nothing reaches private address space that the sites file does not list."""

from __future__ import annotations

import http.server
import resource
import socket
import threading

import pytest
import sqlite_utils

from assessors import CATALOGUE
from conftest import egovscan
from hostile_server import HostileWeb

# (site id, start path, expected status)
SITES = [
    ("slow", "/slow", "timeout"),                     # answers after 6 s; the timeout is 2 s
    ("stall", "/stall", "timeout"),                   # sends half a page, then nothing
    ("reset", "/reset", "connection_lost"),           # TCP reset
    ("unavailable", "/unavailable", "http_error"),    # 503 with Retry-After
    ("loop", "/loop", "too_many_redirects"),          # redirects to itself
    ("chain", "/chain/0", "too_many_redirects"),      # an endless chain of redirects
    ("calendar", "/cal?m=0", "ok"),                   # an endless calendar with session ids
    ("big", "/big", "too_large"),                     # 200 MB page
    ("robots", "/", "blocked_robots"),                # robots.txt: Disallow: /
    ("gzip", "/gzip-bomb", "too_large"),              # 250 kB that inflate to 256 MiB
    ("links", "/many-links", "ok"),                   # 100,000 links on one page
    ("binary", "/binary", "empty"),                   # bytes served as text/html
    ("malformed", "/malformed", "ok"),                # unclosed, misnested, stray brackets
    ("leaky", "/leaky", "ok"),                        # a link that redirects to 127.0.0.1
    ("metadata", "/metadata", "blocked_address"),     # homepage redirects to 169.254.169.254
    ("endless", "/endless", "too_large"),             # a chunked body that never ends
    ("deep", "/deep", "ok"),                          # 100,000 nested divs before the menu
]
BUDGET = 20


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    web = HostileWeb(third=95, count=len(SITES))
    rows = [f"{site_id},{web.url(i, path)},{site_id}" for i, (site_id, path, _) in enumerate(SITES, start=1)]
    rows.append("nodns,http://no-such-agency.invalid/,nodns")
    (tmp / "sites.csv").write_text("site_id,url,name\n" + "\n".join(rows) + "\n", "utf-8")
    db = tmp / "hostile.db"
    proc = egovscan("run", tmp / "sites.csv", "--db", db, "--out", tmp / "report", "--budget", BUDGET,
                    "--delay", "0", "--quiet", "--set", "DOWNLOAD_TIMEOUT=2", "--set", "RETRY_TIMES=1",
                    "--set", "DNS_TIMEOUT=3", timeout=300)
    yield sqlite_utils.Database(db), web, proc, tmp
    web.close()


def test_every_hostile_site_ends_with_the_right_status(hostile_run):
    db, _, proc, _ = hostile_run
    assert proc.returncode == 0                              # the run completed although sites failed
    statuses = dict(db.execute("select site_id, status from sites").fetchall())
    expected = {site_id: status for site_id, _, status in SITES}
    expected.update(nodns="dns_error")
    assert statuses == expected
    pages = dict(db.execute("select site_id, pages_fetched from sites").fetchall())
    assert pages["calendar"] == BUDGET and pages["links"] == BUDGET     # traps end at the budget
    assert pages["malformed"] >= 4                                      # links found in broken HTML
    assert db.execute("select max(size) from pages").fetchone()[0] < 21 * 2**20
    # a chunked body that never ends is cut off at the download limit, and the detail says so
    detail = db.execute("select detail from sites where site_id = 'endless'").fetchone()[0]
    assert "download limit" in detail, detail
    # the crawl and assessment processes stayed well inside a nightly machine's memory
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024   # KiB: < 1 GiB


def test_failed_sites_are_unknown_never_absent_and_unscored(hostile_run):
    db, _, _, tmp = hostile_run
    failed = [s for s, _, status in SITES if status not in ("ok",)] + ["nodns"]
    for site_id in failed:
        states = dict(db.execute("select feature, state from site_features where site_id = ?", [site_id]).fetchall())
        assert set(states) == set(CATALOGUE) and set(states.values()) == {"unknown"}, site_id
        assert db.execute("select scored from scores where site_id = ?", [site_id]).fetchone() == (0,)
    judged = dict(db.execute("select site_id, scored from scores where site_id in ('calendar', 'malformed')"))
    assert judged == {"calendar": 1, "malformed": 1}
    assert (tmp / "report" / "sites" / "gzip.html").exists()


def test_links_after_deep_nesting_are_followed_and_assessed(hostile_run):
    """libxml2 stops at 256 levels and dropped the rest of the page: the menu after 100,000
    nested divs was never followed nor seen by the detectors. Now it is, with a page warning."""
    db, web, _, _ = hostile_run
    assert any(path == "/deep/contact" for _, path in web.hits)                  # followed
    warning = db.execute("select warnings from pages where site_id = 'deep' and depth = 0").fetchone()[0]
    assert "nested deeper than" in warning
    assert db.execute("select fetch_status from pages where url like '%/deep/contact'").fetchone() == ("ok",)
    assert db.execute("select state from site_features where site_id = 'deep' and feature = 'info.contact'"
                      ).fetchone() == ("present",)
    assert db.execute("select count(*) from evidence where site_id = 'deep' and feature = 'info.contact' "
                      "and page_url like '%/deep' and text like '%ติดต่อเรา%'").fetchone()[0] == 1
    # pages that hit no limit carry no warning
    assert db.execute("select count(*) from pages where site_id = 'malformed' and warnings is not null"
                      ).fetchone()[0] == 0


def test_links_and_redirects_never_reach_private_addresses(hostile_run):
    db, web, _, _ = hostile_run
    assert [p for h, p in web.hits if h == web.inside.server_address[0]] == []    # not one request
    blocked = db.execute("select url, fetch_status, error from pages where site_id = 'leaky' "
                         "and url like '%/to-private'").fetchone()
    assert blocked[1] == "blocked_address" and "127.0.0.1 is a private address" in blocked[2]
    home = db.execute("select status, detail from sites where site_id = 'metadata'").fetchone()
    assert home[0] == "blocked_address" and "169.254.169.254" in home[1]
    # the sites file is trusted: the loopback sites it lists were crawled
    assert db.execute("select count(*) from pages where url like 'http://127.0.95.%' "
                      "and fetch_status = 'ok'").fetchone()[0] > 40


def test_a_name_that_answers_inside_is_refused_where_the_download_connects(tmp_path):
    """DNS rebinding: a name whose answer to the request check was public, and private when the
    download connects. The check before the request (crawler/middlewares.py) is switched off here,
    so only the resolver the download uses (crawler/resolver.py) stands between a redirect to this
    machine's own host name and the private server behind it."""
    from ground.private import is_private

    name = socket.gethostname()
    try:
        address = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"this machine's host name {name!r} does not resolve")
    if not is_private(address):
        pytest.skip(f"this machine's host name resolves to {address}, a public address")
    web = HostileWeb(third=96, count=1, inside_address=address, inside_name=name)
    try:
        (tmp_path / "sites.csv").write_text(f"site_id,url\nleaky,{web.url(1, '/leaky')}\n", "utf-8")
        inside = web.inside.server_address[0]

        def crawl(db, *settings):
            egovscan("crawl", tmp_path / "sites.csv", "--db", tmp_path / db, "--budget", 5, "--delay", 0, "--quiet",
                     "--set", "RETRY_TIMES=0", *(a for s in settings for a in ("--set", s)))
            return sqlite_utils.Database(tmp_path / db).execute(
                "select fetch_status, error from pages where url like '%/to-private'").fetchone()

        # the control: with the protection off, the redirect reaches the private server (and its
        # page is then out of the site's scope)
        assert crawl("open.db", "EGOVSCAN_BLOCK_PRIVATE=False")[0] == "out_of_scope"
        assert (inside, "/secret") in web.hits
        web.hits.clear()
        blocked = crawl("guarded.db", 'DOWNLOADER_MIDDLEWARES={"crawler.middlewares.PrivateAddressGuard": null}')
        assert [p for h, p in web.hits if h == inside] == []        # not one request, robots.txt included
        assert blocked[0] == "blocked_address", blocked
        # (host names are case-insensitive, and URLs may carry them lower-cased)
        assert blocked[1].lower() == f"{name} resolves to {address}, a private address not listed in the sites file".lower()
    finally:
        web.close()


class _HostRecorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):
        self.seen.append((self.headers.get("Host"), self.headers.get("Accept-Encoding"), self.path))
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.end_headers()
        self.wfile.write(b"var ok = 1;")

    def log_message(self, *args):
        pass


def test_a_rendered_pages_request_goes_to_the_address_its_check_approved():
    """DNS rebinding under --render: what a rendered page asks for is fetched by egovscan
    (crawler/render.py), which connects to the address the private-address check approved
    (crawler/pinned.py) instead of resolving the name a second time. `.invalid` names never
    resolve (RFC 2606), so a fetch that asked DNS again could not reach the server at all."""
    import asyncio

    from crawler import pinned
    from crawler.render import check_address

    _HostRecorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        url = f"http://rebound.invalid:{port}/app.js?v=2"
        answer = pinned.fetch(url, "GET", {"user-agent": "egovscan-test", "accept-encoding": "gzip, br"}, None,
                              "127.0.0.1")
        assert (answer.status, answer.body) == (200, b"var ok = 1;")
        assert answer.headers["content-type"] == "application/javascript"
        # the server saw an ordinary request for the name, its body asked unencoded for the browser
        assert _HostRecorder.seen == [(f"rebound.invalid:{port}", "identity", "/app.js?v=2")]
        # the check's own answers: a name that did not resolve leaves no address, and nothing is sent
        assert asyncio.run(check_address(url, set(), {})) == (False, None)
        with pytest.raises(OSError, match="did not resolve"):
            pinned.fetch(url, "GET", {}, None, None)
        # an IP literal is its own address; a private one the sites file does not list is refused
        assert asyncio.run(check_address("http://164.115.1.1/x.js", set(), {})) == (False, "164.115.1.1")
        assert asyncio.run(check_address(f"http://127.0.0.1:{port}/x.js", set(), {}))[0] is True
        assert asyncio.run(check_address(f"http://127.0.0.1:{port}/x.js", {("127.0.0.1", port)}, {})) == \
            (False, "127.0.0.1")
        assert len(_HostRecorder.seen) == 1
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("address, private", [
    ("127.0.0.1", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.1.1", True),
    ("169.254.169.254", True), ("100.64.0.1", True), ("0.0.0.0", True), ("::1", True), ("fc00::1", True),
    ("fe80::1", True), ("::ffff:127.0.0.1", True), ("224.0.0.1", True),
    ("8.8.8.8", False), ("164.115.1.1", False), ("2001:4860:4860::8888", False), ("www.example.go.th", False),
])
def test_private_address_ranges(address, private):
    from ground.private import is_private

    assert is_private(address) is private


@pytest.mark.parametrize("address, private", [
    # IPv4-compatible (::a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d): the IPv4 address inside
    ("::127.0.0.2", True), ("::7f00:2", True), ("[::127.0.0.1]", True), ("::10.0.0.1", True),
    ("::169.254.169.254", True), ("::ffff:0:7f00:1", True), ("::ffff:0:a9fe:a9fe", True), ("::8.8.8.8", False),
    # NAT64, the well-known prefix: a gateway forwards to the embedded address
    ("64:ff9b::127.0.0.1", True), ("64:ff9b::7f00:1", True), ("64:ff9b::10.0.0.1", True),
    ("64:ff9b::a9fe:a9fe", True), ("64:ff9b::192.168.1.1", True), ("64:ff9b::8.8.8.8", False),
    ("64:ff9b::a473:101", False),                                   # 164.115.1.1
    # local-use NAT64 (RFC 8215): an operator's own prefix, whatever it embeds
    ("64:ff9b:1::a00:1", True), ("64:ff9b:1:0:808:8:800::", True),
    # 6to4: 2002:aabb:ccdd::/48 carries aa.bb.cc.dd
    ("2002:7f00:1::", True), ("2002:a00:1::1", True), ("2002:c0a8:101::1", True), ("2002:a9fe:a9fe::", True),
    ("2002:6440:1::", True), ("2002:808:808::1", False), ("2002:a473:101::1", False),
    # Teredo (2001::/32): never the address of a public web server, whatever it embeds
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", True), ("2001:0:4136:e378:8000:63bf:80ff:fffe", True),
    # site-local fec0::/10 (deprecated, still routed inside some networks)
    ("fec0::1", True), ("fec0:0:0:1::1", True), ("feff::1", True),
    # public IPv6 stays public
    ("2404:6800:4001::1", False), ("2001:4860:4860::8888", False), ("2600::1", False),
])
def test_private_addresses_inside_ipv6(address, private):
    """An IPv6 address that carries a private IPv4 one reaches it (a NAT64 gateway, a 6to4 relay,
    a dual stack): the check reads the IPv4 address inside too."""
    from ground.private import is_private

    assert is_private(address) is private, address
