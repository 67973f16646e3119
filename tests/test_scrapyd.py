"""Scrapyd: scrapyd-deploy builds the project's egg from scrapy.cfg and a real scrapyd process on
loopback runs the agency spider with a sites file into an egovscan database."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from conftest import ROOT, egovscan, free_port
from scoring_sites import RUN1, write_sites

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("scrapyd") is None or importlib.util.find_spec("scrapyd_client") is None,
    reason="needs scrapyd and scrapyd-client (pip install -e '.[scrapyd]' or '.[test]')")

BIN = Path(sys.executable).parent
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "test-output",
                                    "*.db", "*.db-*", "*-warc", "demo-out", "egovscan-report")


def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + endpoint, data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd daemon on a free loopback port, with its eggs, logs and job database under tmp_path."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\nitems_dir =\n", "utf-8")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            assert call(base, "daemonstatus.json")["status"] == "ok"
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"scrapyd did not start: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            time.sleep(0.2)
    yield base, home
    proc.terminate()
    proc.wait(timeout=20)


def test_scrapyd_deploy_and_schedule_crawl_into_the_store(tmp_path, serve, scrapyd):
    base, home = scrapyd
    # deploy from a copy of the checkout, as a user would from theirs (the egg build writes build/)
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=NOT_COPIED)
    config = tmp_path / "xdg"
    config.mkdir()
    (config / "scrapy.cfg").write_text(f"[deploy:here]\nurl = {base}\nproject = egovscan\n", "utf-8")
    deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "here", "--version", "r1"], cwd=project,
                              capture_output=True, text=True, timeout=180,
                              env={"PATH": f"{BIN}:/usr/bin:/bin", "XDG_CONFIG_HOME": str(config), "HOME": str(tmp_path)})
    assert deployed.returncode == 0, deployed.stderr + deployed.stdout
    assert call(base, "listspiders.json?project=egovscan")["spiders"] == ["agency"]

    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=94)
    db = tmp_path / "audit.db"
    job = call(base, "schedule.json", [("project", "egovscan"), ("spider", "agency"), ("sites", str(server.sites_csv)),
                                       ("db", str(db)), ("setting", "DOWNLOAD_DELAY=0"),
                                       ("setting", "CONCURRENT_REQUESTS_PER_DOMAIN=4")])
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 180
    while not any(j["id"] == job["jobid"] for j in call(base, "listjobs.json?project=egovscan")["finished"]):
        assert time.monotonic() < deadline, "the scrapyd job did not finish"
        time.sleep(0.5)
    log = next((home / "logs").rglob(f"{job['jobid']}.log")).read_text("utf-8", errors="replace")
    assert "Traceback" not in log, log[-3000:]

    # the job wrote an ordinary egovscan run: finished, every site judged, the same pages as `egovscan crawl`
    store = sqlite_utils.Database(db)
    assert store.execute("select id, state from runs").fetchall() == [(1, "crawled")]
    reference = tmp_path / "reference.db"
    egovscan("crawl", server.sites_csv, "--db", reference, "--delay", "0", "--per-host", "4", "--quiet")
    for query in ("select site_id, status, pages_fetched from sites order by 1",
                  "select site_id, url, fetch_status from pages order by 1, 2"):
        assert store.execute(query).fetchall() == sqlite_utils.Database(reference).execute(query).fetchall()
    assert dict(store.execute("select site_id, status from sites").fetchall())["s5"] == "http_error"
    # and the rest of the pipeline runs on it with the egovscan command
    egovscan("assess", "--db", db, "--quiet")
    egovscan("score", "--db", db, "--quiet")
    osi = dict(store.execute("select site_id, osi_raw from scores where scored = 1").fetchall())
    assert osi["s1"] == pytest.approx(19) and osi["s3"] == pytest.approx(7)
