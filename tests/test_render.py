"""JavaScript-only pages are rendered in Debian's Chromium with --render (scrapy-playwright).

Skipped where Chromium or scrapy-playwright is absent (both are installed by .ci/run).
"""

import importlib.util

import pytest
import sqlite_utils

from conftest import CHROMIUM, FAST, egovscan, make_site
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
    from crawler.warc import read_record
    row = d.execute("select warc_file, warc_offset from pages where depth = 0").fetchone()
    assert "บริการทั้งหมด".encode() in read_record(warc_dir, *row)[1]


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
