"""Operating mistakes get a clear answer: one line saying what is wrong, exit 2, nothing lost.

Two commands on one database, a nightly run stopped after its crawl, a database or report path
that is the wrong kind of file, a labels file in the wrong encoding or with unknown feature ids,
and what a cron log shows for sites that cannot be reached. Real processes, real servers.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils
import typer
from conftest import ROOT, egovscan, free_port, make_site
from scoring_sites import RUN1, write_sites
from test_resume import crawl_args, page_set, tree_site, wait_for_pages

from assessors.evaluate import evaluate, read_labels
from egovscan.common import usable_db
from ground.sites import read_sites
from ground.store import Store


class LiveProcess:
    """The CLI in a subprocess whose stderr lines are collected as they come."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([sys.executable, "-m", "egovscan", *map(str, args)], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append((time.time(), line))

    def wait_for_line(self, text: str, timeout: float) -> float:
        deadline = time.time() + timeout
        while time.time() < deadline:
            for at, line in self.lines:
                if text in line:
                    return at
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} within {timeout} s: {''.join(l for _, l in self.lines)}")

    def stderr(self) -> str:
        self.reader.join(timeout=30)
        return "".join(line for _, line in self.lines)

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)          # the process and any assessment workers
        self.proc.wait(timeout=30)


def run_state(db):
    return sqlite_utils.Database(db).execute("select id, state from runs order by id").fetchall()


# -- two commands on one database -----------------------------------------------------------

def test_a_second_crawl_on_the_same_database_is_refused_and_a_killed_holder_is_taken_over(tmp_path, serve):
    for name in ("alpha", "beta"):
        tree_site(tmp_path / "web", name)
    server = serve(tmp_path / "web", third=97)
    db = tmp_path / "audit.db"
    # a polite crawl (half a second between requests) that is still running while others try
    first = subprocess.Popen([sys.executable, "-m", "egovscan", *crawl_args(server.sites_csv, db)[:-5],
                              "--delay", "0.5", "--per-host", "1", "--quiet"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_pages(db, 5, first)
        hits_before = len(server.hits())
        second = egovscan(*crawl_args(server.sites_csv, db), check=False, timeout=60)
        assert second.returncode == 2, second.stderr
        assert f"pid {first.pid}" in second.stderr and " since 20" in second.stderr, second.stderr
        assert "resuming" not in second.stderr and "Traceback" not in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1               # one line says it all
        # the nightly run, an assessment and a score are refused too while the crawl holds the database
        for args in (("run", server.sites_csv, "--db", db, "--out", tmp_path / "report"),
                     ("assess", "--db", db), ("score", "--db", db)):
            other = egovscan(*args, check=False, timeout=60)
            assert other.returncode == 2 and f"pid {first.pid}" in other.stderr, (args, other.stderr)
        assert first.poll() is None, "the first crawl goes on"
        # nothing but the first crawl fetched pages meanwhile: each page request once
        urls = [(h["host"], h["method"], h["path"]) for h in server.hits()[hits_before:] if h["path"] != "/robots.txt"]
        assert len(urls) == len(set(urls)), urls
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    # a killed holder leaves its lock behind: the next crawl takes it over, says so, and finishes the run
    again = egovscan(*crawl_args(server.sites_csv, db))
    assert f"taking over the lock of pid {first.pid}" in again.stderr
    assert "resuming run 1" in again.stderr
    assert run_state(db) == [(1, "crawled")]
    # and leaves the database free when it is done
    egovscan("assess", "--db", db, "--quiet")


# -- a nightly run stopped after its crawl ------------------------------------------------

def nightly_web(tmp_path, serve, third):
    web = tmp_path / "web"
    write_sites(web, RUN1)
    for i in range(12):                                   # enough sites for the later steps to take a while
        files = {f"p{j}.html": f"<html><body><h1>หน้า {j}</h1></body></html>" for j in range(8)}
        files["index.html"] = (f"<html><body><h1>หน่วยงาน {i}</h1>"
                               + "".join(f"<a href='/p{j}.html'>หน้า {j}</a>" for j in range(8)) + "</body></html>")
        make_site(web, f"extra{i:02d}", files)
    return serve(web, third=third)


@pytest.mark.parametrize("moment", ["assessing", "assessed"])
def test_a_nightly_run_killed_after_its_crawl_is_finished_by_the_same_command(tmp_path, serve, moment):
    server = nightly_web(tmp_path, serve, third=98)
    db, out = tmp_path / "audit.db", tmp_path / "report"
    nightly = ("run", server.sites_csv, "--db", db, "--out", out, "--delay", "0", "--quiet")
    for _attempt in range(20):          # the moment between two steps is short: try until caught
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"audit.db{suffix}").unlink(missing_ok=True)
        proc = LiveProcess(*nightly)
        deadline = time.time() + 180
        state = None
        while time.time() < deadline and proc.proc.poll() is None:
            try:
                state = sqlite_utils.Database(db).execute("select state from runs").fetchone()[0]
            except Exception:
                state = None
            if state == moment:
                break
            time.sleep(0.005)
        caught = proc.proc.poll() is None and state == moment
        if proc.proc.poll() is None:
            proc.kill()
        if caught:
            break
    else:
        pytest.fail(f"the run never stopped while {moment}")
    assert not (out / "index.html").exists(), "killed before its report was written"
    hits = len(server.hits())

    again = egovscan(*nightly)
    assert "finishing run 1" in again.stderr
    assert len(server.hits()) == hits, "no new crawl: not one request"
    assert run_state(db) == [(1, "assessed")]
    d = sqlite_utils.Database(db)
    assert d.execute("select count(*) from scores where run_id = 1").fetchone()[0] == 17
    assert (out / "index.html").exists() and (out / "sites" / "s1.html").exists()
    assert "run 1, 17 sites:" in again.stdout and f"report at {out / 'index.html'}" in again.stdout
    # once reported, the next night is a new run
    egovscan(*nightly)
    assert run_state(db) == [(1, "assessed"), (2, "assessed")]


def test_ctrl_c_during_a_nightly_run_says_so_at_once_and_names_the_same_command(tmp_path, serve):
    for name in ("alpha", "beta"):
        tree_site(tmp_path / "web", name)
    server = serve(tmp_path / "web", third=99)
    db, out = tmp_path / "audit.db", tmp_path / "report"
    nightly = ("run", server.sites_csv, "--db", db, "--out", out, "--budget", "45", "--delay", "0", "--quiet")
    proc = LiveProcess(*nightly)
    wait_for_pages(db, 5, proc.proc)
    sent = time.time()
    proc.proc.send_signal(signal.SIGINT)
    said = proc.wait_for_line("stopping, press Ctrl-C again to stop now", timeout=5)
    assert said - sent < 2
    assert proc.proc.wait(timeout=60) == 1
    err = proc.stderr()
    assert "finish it with: run the same command again: egovscan run " in err, err
    assert f"--db {db}" in err and "crawl --resume" not in err
    # the same command finishes the night: the crawl resumed, assessed, scored, reported
    egovscan(*nightly)
    assert run_state(db) == [(1, "assessed")]
    assert len(page_set(db)) == 2 * 45
    assert (out / "index.html").exists()


# -- the wrong kind of file -----------------------------------------------------------------

def test_a_sites_file_as_db_or_a_file_as_out_is_refused_before_crawling(tmp_path, serve):
    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=100)
    sites_text = server.sites_csv.read_bytes()
    report_file = tmp_path / "report.html"
    report_file.write_text("<p>last month's report</p>", "utf-8")
    cases = [
        (("run", server.sites_csv, "--db", server.sites_csv, "--out", tmp_path / "r"), "is not a SQLite database"),
        (("crawl", server.sites_csv, "--db", server.sites_csv), "is not a SQLite database"),
        (("run", server.sites_csv, "--db", tmp_path / "a.db", "--out", report_file), "is a file, not a folder"),
        (("runs", "--db", server.sites_csv), "is not a SQLite database"),
    ]
    for args, message in cases:
        proc = egovscan(*args, check=False)
        assert proc.returncode == 2, (args, proc.stderr)
        assert message in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert server.hits() == [], "nothing was crawled"
    assert server.sites_csv.read_bytes() == sites_text                       # nothing overwritten
    assert report_file.read_text("utf-8") == "<p>last month's report</p>"
    assert not (tmp_path / "a.db").exists()



def test_checking_the_db_again_keeps_the_locks_of_the_commands_own_connections(tmp_path):
    """`egovscan run` checks --db again when its crawl starts, while its own connections are open.
    The check must not release their locks: another program that then closed its connection to
    the database (a second reader, Datasette) took it for unused and deleted its WAL under the
    run, which failed with "disk I/O error" and lost what it wrote after."""
    folder = tmp_path / "รอบ #1 100%"          # a Thai folder name with URI characters
    folder.mkdir()
    sites = folder / "sites.csv"
    sites.write_text("site_id,url,name\ns1,https://www.example.go.th/,หน่วยงาน\n", "utf-8")
    db = folder / "audit.db"
    store = Store(db)
    run_id = store.create_run(read_sites(sites), str(folder / "warc"), {}, "test")
    assert usable_db(db) == db
    other_program = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                     "c.execute('select count(*) from runs').fetchall(); c.close()")
    subprocess.run([sys.executable, "-c", other_program, str(db)], check=True)
    store.mark_pipeline(run_id)                  # written after the other program closed
    store.set_run_state(run_id, "crawled")
    assert store.run(run_id)["state"] == "crawled"
    assert sqlite_utils.Database(db).execute("select state, pipeline from runs").fetchall() == [("crawled", "run")]
    reader = Store.reader(db)                    # an assessment worker's read-only store, same folder
    assert reader.run(run_id)["state"] == "crawled"
    reader.close()
    # a near miss: a file that is no database is still named as such
    (folder / "notes.db").write_text("site_id,url\n", "utf-8")
    with pytest.raises(typer.Exit):
        usable_db(folder / "notes.db")


# -- labels files -------------------------------------------------------------------------

def test_labels_not_utf8_or_with_unknown_features_name_the_line_and_count_no_miss(tmp_path, serve):
    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=101)
    db = tmp_path / "audit.db"
    egovscan("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", "--delay", "0", "--quiet")

    header = "site_id,feature,label,evidence_path,note\n"
    good = "s1,info.organization,present,,\n"
    labels = tmp_path / "labels.csv"
    # a Thai spreadsheet saved as Windows-874 "CSV": the note on line 3 is not UTF-8
    labels.write_bytes((header + good + "s1,info.news,present,,ข่าวประชาสัมพันธ์\n").encode("cp874"))
    proc = egovscan("evaluate", "--labels", labels, "--db", db, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert "labels.csv:3: not UTF-8" in proc.stderr and "Windows-874" in proc.stderr

    # a mistyped feature id: named with its line, not counted as a miss of the detectors
    labels.write_text(header + good + "s1,payment.onlin,present,,\ns2,info.organisation,present,,\n", "utf-8")
    proc = egovscan("evaluate", "--labels", labels, "--db", db, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "labels.csv:3: feature 'payment.onlin' is not in the catalogue (did you mean 'payment.online'?)" \
        in proc.stderr
    assert "labels.csv:4: feature 'info.organisation' is not in the catalogue" in proc.stderr
    assert "payment.onlin" not in proc.stdout                       # no row of its own in the table
    rows, problems = read_labels(str(labels))
    assert [r.feature for r in rows] == ["info.organization"] and len(problems) == 2
    predicted = {(s, f): st for s, f, st in sqlite_utils.Database(db).execute(
        "select site_id, feature, state from site_features")}
    result = evaluate(rows, predicted, {})
    assert (result.overall.tp, result.overall.fn) == (1, 0)
    # near miss: a known feature with a label the detector misses is still a miss
    labels.write_text(header + "s2,payment.online,present,,\n", "utf-8")
    rows, problems = read_labels(str(labels))
    assert problems == [] and evaluate(rows, predicted, {}).overall.fn == 1


# -- cron logs ----------------------------------------------------------------------------

@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    conns, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conns.append(listener.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for c in conns:
        c.close()
    listener.close()


def test_quiet_run_logs_one_plain_line_per_unreachable_site_and_a_summary(tmp_path, serve, silent_port):
    web = tmp_path / "web"
    make_site(web, "good", {"index.html": "<html><body><h1>กรมตัวอย่าง</h1><a href='/about.html'>เกี่ยวกับเรา</a>"
                                          "</body></html>", "about.html": "<h1>เกี่ยวกับเรา</h1>"})
    server = serve(web, third=102)
    port = server.sites_csv.read_text("utf-8").splitlines()[1].split(",")[1].rsplit(":", 1)[1].strip("/")
    long = "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดตัวอย่าง-" * 2      # long enough to wrap a 80-column box
    down = {
        "refused": (f"http://127.0.0.1:{free_port()}/{long}", "connection refused"),
        # https on the good site's plain-HTTP port; another path, as http and https of one URL are one site
        "tls": (f"https://127.0.102.1:{port}/tls/", "TLS handshake failed: wrong version number"),
        "dns": ("http://no-such-agency.invalid/", "DNS lookup failed: no-such-agency.invalid does not resolve"),
        "silent": (f"http://127.0.0.1:{silent_port}/", "timed out after 2 s"),
    }
    with open(server.sites_csv, "a", encoding="utf-8") as f:
        for site_id, (url, _) in down.items():
            f.write(f"{site_id},{url},{long}\n")
    db, out = tmp_path / "audit.db", tmp_path / "report"
    proc = egovscan("run", server.sites_csv, "--db", db, "--out", out, "--delay", "0", "--quiet",
                    "--set", "DOWNLOAD_TIMEOUT=2", "--set", "RETRY_TIMES=0")
    lines = proc.stderr.splitlines()
    urls = dict(sqlite_utils.Database(db).execute("select site_id, url from sites"))
    for site_id, (_, detail) in down.items():
        mine = [line for line in lines if site_id in line]
        assert len(mine) == 1, (site_id, proc.stderr)
        # the whole URL on the same line (the refused one is over 200 characters)
        assert mine[0] == f"site {site_id} {urls[site_id]}: {mine[0].split(': ')[1]}: {detail}", mine
    assert "Failure" not in proc.stderr and "Traceback" not in proc.stderr
    assert not any(c in proc.stderr for c in "│╭╰─"), proc.stderr          # no boxes
    assert proc.stdout.strip().splitlines()[-1] == \
        f"run 1, 5 sites: 1 connection_refused, 1 dns_error, 1 ok, 1 timeout, 1 tls_error; " \
        f"report at {out / 'index.html'}"
    # the stored detail is written for people, and the report card shows the same words
    stored = dict(sqlite_utils.Database(db).execute("select site_id, detail from sites"))
    for site_id, (_, detail) in down.items():
        assert stored[site_id] == detail
        assert detail in (out / "sites" / f"{site_id}.html").read_text("utf-8")
    assert json.loads(egovscan("export", "--db", db, "--format", "json").stdout)
