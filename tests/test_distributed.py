"""Distributed crawl: two worker processes share one run through a real redis-server, on the
simulated web (bench/simweb.py); one worker is killed mid-run and nothing is lost."""

from __future__ import annotations

import importlib.util
import shutil
import signal
import subprocess
import sys
import time

import pytest
import sqlite_utils

from conftest import ROOT, egovscan, free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
pytestmark = pytest.mark.skipif(
    not shutil.os.path.exists(REDIS_SERVER) or importlib.util.find_spec("redis") is None,
    reason="needs Debian's redis-server and the redis package (scripts/system-deps.sh, pip install -e '.[test]')")
BUDGET = "15"


@pytest.fixture
def redis_url(tmp_path):
    import redis

    port = free_port()
    proc = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(10)


def start_simweb(tmp_path, *args):
    sites, truth = tmp_path / "sites.csv", tmp_path / "truth.json"
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "simweb.py"), str(sites), str(truth),
                             "--latency", "0.01", "--error-rate", "0", *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("ready")
    return proc, sites


@pytest.fixture
def simweb(tmp_path):
    proc, sites = start_simweb(tmp_path, "--sites", "30", "--pages", "40", "--base", "140")
    yield sites
    proc.terminate()
    proc.wait(10)


def page_set(db_path) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in sqlite_utils.Database(db_path).execute("select site_id, url from pages")}


def worker(sites, db, url, *extra):
    return subprocess.Popen([sys.executable, "-m", "egovscan", "crawl", str(sites), "--db", str(db), "--budget", BUDGET,
                             "--delay", "0.15", "--per-host", "2", "--redis", url, "--quiet",
                             "--set", "EGOVSCAN_MAX_ACTIVE_SITES=4", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_two_workers_one_killed_crawl_the_same_pages_as_one_process(simweb, redis_url, tmp_path):
    import redis

    single = tmp_path / "single.db"
    egovscan("crawl", simweb, "--db", single, "--budget", BUDGET, "--delay", "0", "--per-host", "2", "--quiet")
    expected = page_set(single)
    assert len(expected) == 30 * int(BUDGET)

    shared = tmp_path / "shared.db"
    first, second = worker(simweb, shared, redis_url), worker(simweb, shared, redis_url)
    db = sqlite_utils.Database(shared)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:                     # kill the first worker mid-run, once both crawl
        time.sleep(0.2)
        if shared.exists() and "pages" in db.table_names() and db["pages"].count > 120 and db.execute(
                "select count(distinct warc_file) from pages").fetchone()[0] >= 2:
            break
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert db["pages"].count < len(expected), "the run ended before the kill: nothing was tested"
    assert second.wait(180) == 0, second.stderr.read()
    log = second.stderr.read()
    assert "requests of a stopped worker queued again" in log, log[-3000:]   # the kill left work to recover

    runs = list(db.query("select id, state from runs"))
    assert runs == [{"id": 1, "state": "crawled"}]           # both workers wrote one run
    assert page_set(shared) == expected                       # the same pages as one process
    per_site = dict(db.execute("select site_id, count(*) from pages group by site_id").fetchall())
    assert set(per_site.values()) == {int(BUDGET)}            # budgets held across workers and the kill
    assert db.execute("select count(*) from sites where finished_at is null").fetchone()[0] == 0
    segments = {r[0] for r in db.execute("select distinct warc_file from pages")}
    assert len(segments) >= 2                                 # both workers fetched pages
    shared_sites = db.execute("select count(*) from (select site_id from pages where warc_file is not null"
                              " group by site_id having count(distinct warc_file) > 1)").fetchone()[0]
    assert shared_sites > 0                                   # requests, not sites, are shared
    left = [k for k in redis.Redis.from_url(redis_url).keys("egovscan:run:*") if b":alive:" not in k]
    assert not left                                           # the run's queue and counters are gone
    # the assessment reads both workers' archive segments
    egovscan("assess", "--db", shared, "--quiet")
    assert db.execute("select count(distinct site_id) from site_features").fetchone()[0] == 30


def test_unreachable_redis_is_a_clear_error(simweb, tmp_path):
    proc = egovscan("crawl", simweb, "--db", tmp_path / "x.db", "--redis", f"redis://127.0.0.1:{free_port()}/0",
                    check=False)
    assert proc.returncode == 2 and "--redis redis://127.0.0.1:" in proc.stderr and "onnect" in proc.stderr


def test_workers_keep_one_pace_per_host(tmp_path, redis_url):
    """Two workers send requests to the same hosts; together they keep the pace of one crawler."""
    log = tmp_path / "access.log"
    web, sites = start_simweb(tmp_path, "--sites", "4", "--pages", "40", "--base", "160", "--access-log", str(log))
    delay = 0.25
    try:
        workers = [subprocess.Popen(
            [sys.executable, "-m", "egovscan", "crawl", str(sites), "--db", str(tmp_path / "paced.db"), "--budget", "20",
             "--delay", str(delay), "--per-host", "2", "--redis", redis_url, "--quiet", "--contact", f"worker-{n}",
             # exact delays, and few requests held per worker, so both take requests of every host
             "--set", "RANDOMIZE_DOWNLOAD_DELAY=False", "--set", "CONCURRENT_REQUESTS=4"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
        for proc in workers:
            assert proc.wait(180) == 0, proc.stderr.read()
    finally:
        web.terminate()
        web.wait(10)
    by_host: dict[str, list[tuple[float, str]]] = {}
    for line in log.read_text().splitlines():
        when, site, _method, _path, agent = line.split(" ", 4)
        by_host.setdefault(site, []).append((float(when), "worker-1" if "worker-1" in agent else "worker-2"))
    assert len(by_host) == 4
    both = 0
    for site, hits in by_host.items():
        hits.sort()
        times = [t for t, _ in hits]
        both += len({w for _, w in hits}) == 2
        # a worker alone would send one request per delay; two unpaced ones up to twice that,
        # often nearly together. A turn is taken when a request leaves its worker and the host
        # logs its arrival: on a loaded machine one worker's request can take over 100 ms longer
        # on the way, so two paced requests may arrive closer than the delay. Unpaced workers
        # land some requests within a few ms of each other over 20 turns; the window below
        # holds the pace itself
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert min(gaps) > delay * 0.3, (site, min(gaps))
        window = 10 * delay
        busiest = max(sum(1 for u in times if t <= u < t + window) for t in times)
        assert busiest <= 11, (site, busiest)
    assert both >= 2, "the workers did not share hosts: nothing was tested"
