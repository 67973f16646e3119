"""JavaScript-only pages are rendered in Debian's Chromium with --render (scrapy-playwright).

Skipped where Chromium or scrapy-playwright is absent (both are installed by .ci/run).
"""

import importlib.util
import subprocess
import sys

import pytest
import sqlite_utils

from conftest import CHROMIUM, FAST, ROOT, egovscan, make_site
from hostile_server import Canary
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or importlib.util.find_spec("scrapy_playwright") is None,
    reason="needs Debian's chromium (/usr/bin/chromium) and scrapy-playwright (pip install -e '.[render]')")

APP = """<html><head><title>ระบบบริการ</title><script>
document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('root').innerHTML =
    '<h1>บริการออนไลน์</h1><p>' + 'ยื่นคำขอออนไลน์ ตรวจสอบสถานะ '.repeat(20) + '</p>' +
    '<a href="/services.html">บริการทั้งหมด</a>';
});
</script></head><body><div id="root"></div></body></html>"""


def test_render_fetches_javascript_pages_through_chromium(tmp_path, serve):
    make_site(tmp_path / "web", "spa", {"index.html": APP, "services.html": "<p>รายการบริการ</p>"})
    server = serve(tmp_path / "web")
    plain = tmp_path / "plain.db"
    egovscan("crawl", server.sites_csv, "--db", plain, *FAST)
    d = sqlite_utils.Database(plain)
    assert d.execute("select status from sites").fetchone() == ("needs_render",)

    rendered = tmp_path / "rendered.db"
    egovscan("crawl", server.sites_csv, "--db", rendered, "--render", *FAST, timeout=180)
    d = sqlite_utils.Database(rendered)
    home = d.execute("select rendered, js_only, links_found, text_chars from pages where depth = 0").fetchone()
    assert home[0] == 1 and home[1] == 0 and home[2] == 1 and home[3] > 200
    assert d.execute("select url, fetch_status from pages where depth = 1").fetchone()[0].endswith("/services.html")
    assert d.execute("select status, pages_fetched from sites").fetchone() == ("ok", 2)
    # the archived body is the rendered DOM, so assessors see what a person sees
    warc_dir = d.execute("select warc_dir from runs").fetchone()[0]
    from ground.warc import read_record
    row = d.execute("select warc_file, warc_offset from pages where depth = 0").fetchone()
    assert "บริการทั้งหมด".encode() in read_record(warc_dir, *row)[1]



def scrapy_crawl(server, db, *settings: str) -> sqlite_utils.Database:
    """`scrapy crawl agency` (as a Scrapyd job runs it) with these -s settings; its store."""
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "agency", "-a", f"sites={server.sites_csv}",
                           "-s", f"EGOVSCAN_DB={db}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0",
                           "-s", "LOG_LEVEL=WARNING", *(a for s in settings for a in ("-s", s))],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return sqlite_utils.Database(db)


def test_scrapy_crawl_renders_and_names_the_contact_as_egovscan_crawl_does(tmp_path, serve):
    # a Scrapyd job has only settings: EGOVSCAN_RENDER and EGOVSCAN_CONTACT_URL do what
    # --render and --contact do
    make_site(tmp_path / "web", "spa", {"index.html": APP, "services.html": "<p>รายการบริการ</p>"})
    server = serve(tmp_path / "web")
    d = scrapy_crawl(server, tmp_path / "r.db", "EGOVSCAN_RENDER=True",
                     "EGOVSCAN_CONTACT_URL=https://example.org/audit-contact")
    assert d.execute("select rendered, links_found from pages where depth = 0").fetchone() == (1, 1)
    assert d.execute("select url from pages where depth = 1").fetchone()[0].endswith("/services.html")
    assert d.execute("select status, pages_fetched from sites").fetchone() == ("ok", 2)
    hits = server.hits()
    assert {"/", "/services.html"} <= {h["path"] for h in hits}
    assert {h["ua"] for h in hits} == {"egovscan/0.1.0 (e-government service survey; +https://example.org/audit-contact)"}


def test_scrapy_crawl_without_render_leaves_the_page_unrendered_and_a_users_agent_wins(tmp_path, serve):
    make_site(tmp_path / "web", "spa", {"index.html": APP, "services.html": "<p>รายการบริการ</p>"})
    server = serve(tmp_path / "web")
    d = scrapy_crawl(server, tmp_path / "plain.db", "EGOVSCAN_CONTACT_URL=https://example.org/audit-contact",
                     "USER_AGENT=audit-bot/2 (+mailto:audit@example.go.th)")
    assert d.execute("select rendered, links_found from pages where depth = 0").fetchone() == (0, 0)
    assert d.execute("select status from sites").fetchone() == ("needs_render",)
    assert {h["ua"] for h in server.hits()} == {"audit-bot/2 (+mailto:audit@example.go.th)"}


def test_a_rendered_page_cannot_send_chromium_into_unlisted_private_addresses(tmp_path, serve):
    make_site(tmp_path / "intranet", "router", {"beacon.png": b"GIF89a", "index.html": "<p>admin</p>"})
    intranet = serve(tmp_path / "intranet", third=91)      # not in the crawl's sites file
    secret = f"http://127.0.91.1:{intranet.port}/beacon.png"
    app = APP.replace("document.addEventListener", f"new Image().src = '/own.png'; new Image().src = '{secret}'; "
                      f"fetch('http://localhost:{intranet.port}/').catch(function () {{}});\ndocument.addEventListener")
    # a redirect is followed by Chromium's network stack, where no route sees it: the site's own
    # /hop.png redirects (twice) into the intranet
    hidden = f"http://127.0.91.1:{intranet.port}/index.html"
    app = app.replace('<div id="root">', '<img src="/hop.png" alt=""><div id="root">')   # the page waits for it
    make_site(tmp_path / "web", "spa", {"index.html": app, "services.html": "<p>รายการบริการ</p>", "own.png": b"GIF89a"},
              rules={"/hop.png": {"status": 302, "headers": {"Location": "/hop2.png"}},
                     "/hop2.png": {"status": 302, "headers": {"Location": hidden}}})
    server = serve(tmp_path / "web")
    proc = egovscan("crawl", server.sites_csv, "--db", tmp_path / "r.db", "--render", *FAST, timeout=180)
    d = sqlite_utils.Database(tmp_path / "r.db")
    assert d.execute("select rendered, links_found from pages where depth = 0").fetchone() == (1, 1)   # still rendered
    assert intranet.hits() == []                         # neither the image, the fetch nor the redirect went out
    hits = {h["path"] for h in server.hits()}
    assert {"/own.png", "/hop.png", "/hop2.png"} <= hits          # the site's own subresources still load
    log = " ".join(proc.stderr.split())
    # the refusals are what keeps them in: Chromium is told to abort each before it connects
    assert f"refused {secret} while rendering" in log
    assert f"refused http://localhost:{intranet.port}/ while rendering" in log
    assert f"refused {hidden} (redirected from http://" in log


def test_a_form_post_redirected_by_303_goes_on_as_a_get_without_its_body(tmp_path, serve):
    # the page posts a form into a frame (its load holds the page's); the answer is a 303, which
    # browsers follow with a GET and no body: the route that follows redirects hop by hop must too
    form = ('<iframe name="f" src="about:blank"></iframe><form id="p" method="post" action="/submit" target="f">'
            '<input name="citizen_id" value="1234567890123"></form><script>document.getElementById("p").submit()</script>')
    make_site(tmp_path / "web", "spa", {"index.html": APP.replace("</body>", form + "</body>"),
                                        "services.html": "<p>รายการบริการ</p>"},
              rules={"/submit": {"status": 303, "headers": {"Location": "/done"}},
                     "/done": {"body": "<p>received</p>"}})
    server = serve(tmp_path / "web")
    egovscan("crawl", server.sites_csv, "--db", tmp_path / "r.db", "--render", *FAST, timeout=180)
    hits = [(h["method"], h["path"], h["body"]) for h in server.hits() if h["path"] in ("/submit", "/done")]
    assert ("POST", "/submit", "citizen_id=1234567890123") in hits
    assert ("GET", "/done", "") in hits
    assert not [h for h in hits if h[1] == "/done" and h != ("GET", "/done", "")]


# Ways a rendered page makes Chromium send requests that a page's own route never sees: each
# tries to reach a canary on an unlisted loopback port. The page's /slow.png holds its load
# event (and so the page) open while the browser acts.
ESCAPES = {
    "popup": ("<script>window.open('{canary}/popup');</script>", {}),
    "service_worker": (
        "<script>navigator.serviceWorker.register('/sw.js');</script>",
        {"sw.js": "self.addEventListener('install', function (e) {{ e.waitUntil("
                  "fetch('{canary}/sw').catch(function () {{}})); }});\nfetch('{canary}/sw-start').catch(function () {{}});"}),
    "form_target_blank": ('<form method="get" action="{canary}/form" target="_blank"><input name="q" value="1">'
                          "</form><script>document.forms[0].submit();</script>", {}),
    "websocket": ("<script>try {{ new WebSocket('{ws}/ws'); }} catch (e) {{}}</script>", {}),
    "preconnect": ('<link rel="preconnect" href="{canary}"><link rel="preconnect" href="{canary}" crossorigin>', {}),
    "worker": ("<script>new Worker('/worker.js');</script>",
               {"worker.js": "fetch('{canary}/worker').catch(function () {{}});\n"
                             "try {{ new WebSocket('{ws}/worker-ws'); }} catch (e) {{}}"}),
    # speculation rules: Chromium prefetches and prerenders on its own
    "speculation_rules": ('<script type="speculationrules">{{"prerender": [{{"source": "list", "urls": '
                          '["{canary}/prerender"]}}], "prefetch": [{{"source": "list", "urls": ["{canary}/prefetch"]}}]}}'
                          "</script>", {}),
    # WebRTC connects to its TURN server over TCP itself, outside HTTP
    "webrtc": ("<script>try {{ var pc = new RTCPeerConnection({{iceServers: [{{urls: 'turn:127.0.0.1:{port}"
               "?transport=tcp', username: 'u', credential: 'c'}}]}}); pc.createDataChannel('x'); pc.createOffer()"
               ".then(function (o) {{ return pc.setLocalDescription(o); }}); }} catch (e) {{}}</script>", {}),
    # Chromium opens a connection to a navigation's host before any route sees its request
    "frame": ("<script>var f = document.createElement('iframe'); f.src = '{canary}/frame';"
              "document.body.appendChild(f);</script>", {}),
}


def render_escapes(tmp_path, serve, vectors: list[str], *settings: str) -> list[str]:
    """Render a page on a listed site that tries `vectors`; what the canary saw."""
    canary = Canary()
    try:
        fill = {"port": canary.port, "canary": canary.url("").rstrip("/"), "ws": canary.url("", scheme="ws").rstrip("/")}
        snippets = "".join(ESCAPES[v][0].format(**fill) for v in vectors)
        page = APP.replace("</body>", '<img src="/slow.png" alt="">' + snippets + "</body>")
        files = {"index.html": page, "services.html": "<p>รายการบริการ</p>", "slow.png": b"GIF89a",
                 **{name: body.format(**fill) for v in vectors for name, body in ESCAPES[v][1].items()}}
        make_site(tmp_path / "web", "spa", files,
                  rules={"/slow.png": {"delay": 3, "headers": {"Content-Type": "image/gif"}},
                         "/sw.js": {"headers": {"Content-Type": "text/javascript"}},
                         "/worker.js": {"headers": {"Content-Type": "text/javascript"}}})
        server = serve(tmp_path / "web")
        egovscan("crawl", server.sites_csv, "--db", tmp_path / "r.db", "--render", *FAST,
                 *(a for s in settings for a in ("--set", s)), timeout=180)
        d = sqlite_utils.Database(tmp_path / "r.db")
        assert d.execute("select rendered from pages where depth = 0").fetchone() == (1,)    # still rendered
        assert "/slow.png" in {h["path"] for h in server.hits()}       # the page was held open
        return list(canary.hits)
    finally:
        canary.close()


@pytest.mark.parametrize("vector", sorted(ESCAPES))
def test_no_request_of_the_browser_reaches_an_unlisted_private_port(tmp_path, serve, vector):
    assert render_escapes(tmp_path, serve, [vector]) == []


def test_the_canary_is_reached_when_the_private_address_guard_is_off(tmp_path, serve):
    # the control: the same pages do reach it with EGOVSCAN_BLOCK_PRIVATE off
    hits = render_escapes(tmp_path, serve, ["popup"], "EGOVSCAN_BLOCK_PRIVATE=False")
    assert "GET /popup HTTP/1.1" in hits, hits
