"""`egovscan run` assesses each site as soon as its crawl is done, beside the crawl: the same
results as assessing after the whole crawl, and the same after a kill -9 at any moment."""

import os
import signal
import subprocess
import sys
import time

import sqlite_utils

from conftest import ROOT, egovscan, make_site

SITES = 6


def sized_site(root, name, pages, delay=0.03):
    """A site of `pages` pages (fan-out 3), each answer `delay` seconds late: small sites finish
    while a large slow one is still crawled."""
    files = {}
    for i in range(pages):
        kids = "".join(f"<a href='/p{j}.html'>หน้า {j}</a>" for j in range(3 * i + 1, 3 * i + 4) if j < pages)
        files[f"p{i}.html"] = (f"<html lang='th'><body><h1>{name} {i}</h1><nav><a href='/about.html'>เกี่ยวกับหน่วยงาน</a>"
                               f"<a href='/contact.html'>ติดต่อเรา</a></nav>{kids}<a href='/p0.html'>หน้าแรก</a>"
                               f"<footer>โทรศัพท์ 0 2123 4567 อีเมล office@agency.example</footer></body></html>")
    files["index.html"] = files["p0.html"]
    files["about.html"] = "<html lang='th'><body><h1>วิสัยทัศน์ พันธกิจ</h1><p>อำนาจหน้าที่ โครงสร้างองค์กร</p></body></html>"
    make_site(root, name, files, rules={"*": {"delay": delay}})


def run_args(sites, db, out, *extra):
    return ["run", str(sites), "--db", str(db), "--out", str(out), "--budget", "45", "--delay", "0", "--quiet", *extra]


def results(db_path):
    """What a user reads of a run: its sites, features with evidence, and scores."""
    db = sqlite_utils.Database(db_path)
    return {
        "sites": sorted(db.execute("select site_id, status, pages_fetched from sites")),
        "pages": sorted(db.execute("select site_id, url, depth, ord, fetch_status from pages")),
        "features": sorted(db.execute(
            "select site_id, feature, state, value, evidence_count, confidence, reason from site_features")),
        "evidence": sorted(db.execute("select site_id, feature, page_url, target, element, text from evidence")),
        "scores": sorted(db.execute("select site_id, framework, status, stage_pct, osi_raw, rank from scores")),
        "runs": db.execute("select state, reported_at is not null from runs").fetchall(),
    }


def web(tmp_path, serve):
    for i in range(SITES):
        sized_site(tmp_path / "web", f"agency{i:02d}", 4 + 9 * i, delay=0.5 if i == SITES - 1 else 0.03)
    return serve(tmp_path / "web")


def crawling_and_assessed(db_path):
    """(run state, sites assessed) of the database's run, as a reader sees it now."""
    try:
        db = sqlite_utils.Database(db_path)
        state = db.execute("select state from runs").fetchone()
        assessed = db.execute("select count(distinct site_id) from site_features").fetchone()[0]
    except Exception:        # not created yet
        return None, 0
    return (state[0] if state else None), assessed


def test_assessing_beside_the_crawl_gives_the_results_of_assessing_after_it(tmp_path, serve):
    server = web(tmp_path, serve)
    egovscan(*run_args(server.sites_csv, tmp_path / "after.db", tmp_path / "after", "--no-overlap"))
    proc = subprocess.Popen([sys.executable, "-m", "egovscan",
                             *run_args(server.sites_csv, tmp_path / "beside.db", tmp_path / "beside")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen_while_crawling = 0
    while proc.poll() is None:
        state, assessed = crawling_and_assessed(tmp_path / "beside.db")
        if state == "crawling":
            seen_while_crawling = max(seen_while_crawling, assessed)
        time.sleep(0.02)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert seen_while_crawling >= 1, "no site was assessed while the crawl went on"
    assert results(tmp_path / "beside.db") == results(tmp_path / "after.db")
    assert results(tmp_path / "beside.db")["runs"] == [("assessed", 1)]
    assert (tmp_path / "beside" / "index.html").exists()


def test_kill_9_while_crawling_and_assessing_then_the_same_command_gives_the_same_results(tmp_path, serve):
    server = web(tmp_path, serve)
    egovscan(*run_args(server.sites_csv, tmp_path / "whole.db", tmp_path / "whole", "--no-overlap"))
    db = tmp_path / "killed.db"
    killed_while_crawling = False
    for at_least in (1, 4):                  # a site assessed beside the crawl, then more of them
        proc = subprocess.Popen([sys.executable, "-m", "egovscan", *run_args(server.sites_csv, db, tmp_path / "killed")],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            state, assessed = crawling_and_assessed(db)
            if state == "crawling" and assessed >= at_least:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)        # the run, its crawl and its assessment workers
        proc.wait()
        state, _ = crawling_and_assessed(db)
        killed_while_crawling |= state == "crawling"
        assert state != "assessed"                  # never shown as complete
    assert killed_while_crawling
    egovscan(*run_args(server.sites_csv, db, tmp_path / "killed"))
    assert results(db) == results(tmp_path / "whole.db")
    assert (tmp_path / "killed" / "index.html").exists()
