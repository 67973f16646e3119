"""A crawl or an assessment killed at any moment resumes to exactly the results of an uninterrupted one."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from conftest import ROOT, egovscan, make_site
from ground.warc import read_record

PAGES_PER_SITE = 70
BUDGET = 45


def tree_site(root, name):
    """A site wider than its budget (fan-out 3), so which pages the budget buys matters."""
    files = {}
    for i in range(PAGES_PER_SITE):
        kids = "".join(f"<a href='/p{j}.html'>page {j}</a>" for j in range(3 * i + 1, 3 * i + 4) if j < PAGES_PER_SITE)
        files[f"p{i}.html"] = f"<html><body><h1>{name} {i}</h1>{kids}<a href='/p0.html'>home</a></body></html>"
    files["index.html"] = files["p0.html"]
    # every answer takes a little while, so the crawl is still running when it is killed
    make_site(root, name, files, rules={"*": {"delay": 0.03}})


def page_set(db_path):
    db = sqlite_utils.Database(db_path)
    return sorted(db.execute(
        "select site_id, url, depth, ord, fetch_status, final_url from pages").fetchall())


def crawl_args(sites, db):
    return ["crawl", str(sites), "--db", str(db), "--budget", str(BUDGET), "--depth", "10",
            "--delay", "0", "--per-host", "2", "--quiet"]


def start_crawl(sites, db):
    return subprocess.Popen([sys.executable, "-m", "egovscan", *crawl_args(sites, db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_for_pages(db_path, at_least, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if db_path.exists():
            try:
                n = sqlite_utils.Database(db_path).execute("select count(*) from pages").fetchone()[0]
            except Exception:
                n = 0
            if n >= at_least:
                return n
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError("the crawl stored too few pages in time")


def check_warc_pointers(db_path):
    db = sqlite_utils.Database(db_path)
    warc_dir = db.execute("select warc_dir from runs").fetchone()[0]
    for site_id, url, warc_file, offset in db.execute(
            "select site_id, url, warc_file, warc_offset from pages where warc_file is not null"):
        _, body = read_record(warc_dir, warc_file, offset)
        assert f"<h1>{site_id} ".encode() in body, url


def test_kill_9_mid_crawl_then_resume_gives_the_uninterrupted_page_set(tmp_path, serve):
    for name in ("alpha", "beta", "gamma"):
        tree_site(tmp_path / "web", name)
    server = serve(tmp_path / "web")

    egovscan(*crawl_args(server.sites_csv, tmp_path / "whole.db"))
    reference = page_set(tmp_path / "whole.db")
    assert len(reference) == 3 * BUDGET

    db = tmp_path / "killed.db"
    for kill_after in (10, 60, 110):     # early, in the middle of a level, near the end
        proc = start_crawl(server.sites_csv, db)
        wait_for_pages(db, kill_after, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state = sqlite_utils.Database(db).execute("select state from runs").fetchall()
        assert state == [("crawling",)]         # never shown as complete
        if len(page_set(db)) == len(reference):
            break
    proc = egovscan(*crawl_args(server.sites_csv, db)[:-1], "--resume")
    assert "resuming run 1" in proc.stderr
    assert page_set(db) == reference
    assert sqlite_utils.Database(db).execute("select state from runs").fetchall() == [("crawled",)]
    assert sqlite_utils.Database(db).execute(
        "select count(*) from sites where status = 'ok'").fetchone() == (3,)
    check_warc_pointers(db)


def test_ctrl_c_stops_cleanly_and_the_next_run_continues(tmp_path, serve):
    tree_site(tmp_path / "web", "delta")
    server = serve(tmp_path / "web")
    db = tmp_path / "audit.db"
    proc = start_crawl(server.sites_csv, db)
    wait_for_pages(db, 5, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert "egovscan crawl --resume" in err
    stored = len(page_set(db))
    assert 5 <= stored < BUDGET
    # pruning never touches a crawl waiting to be resumed
    assert "nothing to prune" in egovscan("prune", "--db", db, "--keep", "0").stdout
    # without --resume, the same sites file continues the unfinished run automatically
    egovscan(*crawl_args(server.sites_csv, db))
    assert len(page_set(db)) == BUDGET
    assert sqlite_utils.Database(db).execute("select id, state from runs").fetchall() == [(1, "crawled")]
    check_warc_pointers(db)


def test_kill_9_mid_assessment_then_resume_gives_the_uninterrupted_results(tmp_path, serve):
    for i in range(24):
        tree_site(tmp_path / "web", f"agency{i:02d}")
    server = serve(tmp_path / "web")
    crawled = tmp_path / "crawled.db"
    egovscan(*crawl_args(server.sites_csv, crawled))
    copies = {}
    for name in ("whole", "killed"):
        copies[name] = tmp_path / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{crawled}{suffix}").exists():
                shutil.copyfile(f"{crawled}{suffix}", f"{copies[name]}{suffix}")
    egovscan("assess", "--db", copies["whole"], "--quiet")
    for kill_after in (3, 12):                   # early, and with most sites done
        proc = subprocess.Popen([sys.executable, "-m", "egovscan", "assess", "--db", str(copies["killed"]),
                                 "--workers", "2", "--quiet", *(["--resume"] if kill_after == 12 else [])],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                done = sqlite_utils.Database(copies["killed"]).execute(
                    "select count(distinct site_id) from site_features where pass = "
                    "(select assess_pass from runs)").fetchone()[0]
            except Exception:
                done = 0
            if done >= kill_after:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the assessment ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)                   # the process and its workers
        proc.wait()
        state = sqlite_utils.Database(copies["killed"]).execute("select state from runs").fetchone()[0]
        assert state == "assessing"                           # never shown as complete
    # pruning never takes the WARCs of an assessment waiting to be resumed
    assert "nothing to prune" in egovscan("prune", "--db", copies["killed"], "--keep", "0").stdout
    egovscan("assess", "--db", copies["killed"], "--resume", "--quiet")

    def results(db_path):
        db = sqlite_utils.Database(db_path)
        features = sorted(db.execute("select site_id, feature, state, value, evidence_count from site_features"))
        evidence = sorted(db.execute("select site_id, feature, page_url, target, element, text from evidence"))
        return features, evidence

    assert results(copies["killed"]) == results(copies["whole"])
    exports = [json.loads(egovscan("export", "--db", copies[n], "--format", "json").stdout) for n in ("whole", "killed")]
    assert exports[0]["sites"] == exports[1]["sites"]
