"""Shards: workers that share only a real redis-server, each with its own database and WARC
folder, one of them SIGKILLed and restarted; `merge` makes one run of their shards with the page
set of one process. And the parts of a sites file (`egovscan shard`), crawled apart and merged."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest
import sqlite_utils

from conftest import FAST, egovscan
from test_distributed import BUDGET, REDIS_SERVER, page_set, redis_url, simweb  # noqa: F401 (fixtures)

from crawler.shards import MergeError, merge_shards
from ground.sites import read_sites, shard_sites, split_sites
from ground.warc import read_record


def shard_worker(folder, url):
    """A worker with nothing on disk in common with the others: its own folder, sites file copy, database."""
    return subprocess.Popen(
        [sys.executable, "-m", "egovscan", "crawl", str(folder / "sites.csv"), "--db", str(folder / "shard.db"),
         "--budget", BUDGET, "--delay", "0.15", "--per-host", "2", "--redis", url, "--quiet",
         "--set", "EGOVSCAN_MAX_ACTIVE_SITES=4", "--shard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def pages_in(db_path) -> int:
    if not db_path.exists():
        return 0
    db = sqlite_utils.Database(db_path)
    return db["pages"].count if "pages" in db.table_names() else 0


def dump(db_path) -> dict:
    db = sqlite_utils.Database(db_path)
    return {table: sorted(map(repr, db.execute(f"select * from [{table}]").fetchall()))
            for table in ("runs", "sites", "pages", "links", "documents", "input_errors", "run_shards")}


def test_shards_of_two_workers_one_killed_merge_into_the_pages_of_one_process(simweb, redis_url, tmp_path):
    import redis

    single = tmp_path / "single.db"
    egovscan("crawl", simweb, "--db", single, "--budget", BUDGET, "--delay", "0", "--per-host", "2", "--quiet")
    expected = page_set(single)
    assert len(expected) == 30 * int(BUDGET)

    one, two = tmp_path / "node1", tmp_path / "node2"
    for folder in (one, two):
        folder.mkdir()
        shutil.copy(simweb, folder / "sites.csv")
    first, second = shard_worker(one, redis_url), shard_worker(two, redis_url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (pages_in(one / "shard.db") > 60 and pages_in(two / "shard.db") > 60):
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)                      # mid-run, once both crawl
    first.wait(10)
    killed_at = pages_in(one / "shard.db") + pages_in(two / "shard.db")
    assert killed_at < len(expected), "the run ended before the kill: nothing was tested"
    restarted = shard_worker(one, redis_url)               # the same worker again, on its own shard
    for proc in (second, restarted):
        assert proc.wait(240) == 0, proc.stderr.read()
    logs = second.stderr.read() + restarted.stderr.read()
    assert "requests of a stopped worker queued again" in logs, logs[-3000:]   # the kill left work to recover

    for folder in (one, two):                              # each shard is its own run's part, no more
        shard = sqlite_utils.Database(folder / "shard.db")
        assert shard.execute("select state from runs").fetchall() == [("crawled",)]
        assert 0 < shard["pages"].count < len(expected)
        assert list((folder / "shard-warc").glob("run-*.warc.gz"))     # its WARC segments beside it
    left = [k for k in redis.Redis.from_url(redis_url).keys("egovscan:*")
            if b":alive:" not in k and not k.endswith(b":closed") and not k.startswith(b"egovscan:host:")]
    assert not left, left                                  # the run's queue, counters and results are gone

    run_db = tmp_path / "run" / "audit.db"
    merged = egovscan("merge", one / "shard.db", two / "shard.db", "--db", run_db)
    assert "run 1: 2 shard(s) merged" in merged.stdout and f"{len(expected)} pages, 30 of 30 sites finished" in merged.stdout
    result = merge_shards([one / "shard.db"], run_db)       # a shard merged again: the same run, unchanged
    assert (result.run_id, result.state, result.finished, result.pages) == (1, "crawled", 30, len(expected))
    db = sqlite_utils.Database(run_db)
    assert page_set(run_db) == expected                    # the same pages as one process
    per_site = dict(db.execute("select site_id, count(*) from pages group by site_id").fetchall())
    assert set(per_site.values()) == {int(BUDGET)}         # budgets exact across shards and the kill
    query = "select site_id, status, pages_fetched, pages_failed from sites order by site_id"
    assert db.execute(query).fetchall() == sqlite_utils.Database(single).execute(query).fetchall()
    shared_sites = db.execute("select count(*) from (select site_id from pages group by site_id"
                              " having count(distinct warc_file) > 1)").fetchone()[0]
    assert shared_sites > 0                                # sites whose pages came from both shards
    warc_dir = db.execute("select warc_dir from runs").fetchone()[0]
    assert warc_dir.startswith(str((tmp_path / "run").resolve()))
    for warc_file, offset, url in db.execute("select warc_file, warc_offset, final_url from pages"
                                             " where warc_file is not null"):
        headers, body = read_record(warc_dir, warc_file, offset)    # every page's body, in the run's own folder
        assert body

    before = dump(run_db)
    again = merge_shards([two / "shard.db", one / "shard.db"], run_db)       # idempotent, in any order
    assert again.run_id == result.run_id and all(changed == 0 for _, changed in again.shards)
    assert dump(run_db) == before
    # merged again before assessment, which reads both shards' segments
    egovscan("assess", "--db", run_db, "--merge", one / "shard.db", "--merge", two / "shard.db", "--quiet")
    assert dump(run_db)["pages"] == before["pages"]
    assert db.execute("select count(distinct site_id) from site_features").fetchone()[0] == 30


def test_a_shard_of_other_sites_under_the_same_ids_is_refused_whole(tmp_path, serve):
    from scoring_sites import RUN1, write_sites

    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=95)
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    egovscan("crawl", server.sites_csv, "--db", a, *FAST)
    other = tmp_path / "other.csv"           # the same site ids, listed elsewhere
    other.write_text(server.sites_csv.read_text("utf-8").replace("127.0.95.", "127.0.96."), "utf-8")
    egovscan("crawl", other, "--db", b, *FAST)
    run_db = tmp_path / "run.db"
    merge_shards([a], run_db)
    before = dump(run_db)
    with pytest.raises(MergeError, match=r"b\.db: site_id 's\d' is http://127\.0\.96\..* not a shard of this run"):
        merge_shards([a, b], run_db)
    assert dump(run_db) == before            # nothing of it merged, not even its WARC segments
    assert len(list((tmp_path / "run-warc").iterdir())) == len({r[0] for r in sqlite_utils.Database(a).execute(
        "select warc_file from pages where warc_file is not null")})
    not_db = tmp_path / "notes.db"
    not_db.write_text("not a database", "utf-8")
    with pytest.raises(MergeError, match="notes.db: not an egovscan database"):
        merge_shards([not_db], run_db)
    proc = egovscan("merge", a, tmp_path / "missing.db", "--db", run_db, check=False)
    assert proc.returncode == 2 and "missing.db: no such shard database" in proc.stderr
    proc = egovscan("crawl", server.sites_csv, "--db", tmp_path / "c.db", "--shard", check=False)
    assert proc.returncode == 2 and "EGOVSCAN_SHARD needs EGOVSCAN_REDIS_URL" in proc.stderr


THAI_SITES = """site_id,url,name,province,domains
moi,https://www.moi.go.th/,กระทรวงมหาดไทย,กรุงเทพมหานคร,
moi-news,https://www.moi.go.th/news/,ข่าวกระทรวงมหาดไทย,กรุงเทพมหานคร,
cm,chiangmai.go.th,จังหวัดเชียงใหม่,เชียงใหม่,cm.go.th
bad,ftp://files.example.go.th/,ไฟล์,,
kk,https://www.khonkaen.go.th/,จังหวัดขอนแก่น,ขอนแก่น,
pk,https://www.phuket.go.th/,จังหวัดภูเก็ต,ภูเก็ต,
moi-e,https://www.moi.go.th/eservice/,บริการออนไลน์,กรุงเทพมหานคร,
moi-root,https://moi.go.th/,กระทรวงมหาดไทย (ชื่อโดเมนหลัก),กรุงเทพมหานคร,
"""


def test_shard_parts_cover_every_site_once_with_a_host_in_one_part(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text(THAI_SITES, "utf-8")
    paths, whole = shard_sites(sites, 3, tmp_path / "parts")
    assert [p.name for p in paths] == [f"sites-part-0{i}-of-03.csv" for i in (1, 2, 3)]
    parts = [read_sites(p) for p in paths]
    assert all(not part.errors for part in parts)          # valid sites files
    listed = [(s.site_id, s.url, s.name, s.metadata, s.domains) for part in parts for s in part.sites]
    assert sorted(listed) == sorted((s.site_id, s.url, s.name, s.metadata, s.domains) for s in whole.sites)
    assert len(listed) == 7 and [e.site_id for e in whole.errors] == ["bad"]    # every usable row once
    # the three sites of www.moi.go.th (different paths) stay together: the host's pace is one crawler's;
    # near miss: moi.go.th is another host of the same agency, balanced like any other
    assert [s.site_id for s in parts[0].sites] == ["moi", "moi-news", "moi-e"]
    assert [[s.site_id for s in part.sites] for part in parts[1:]] == [["cm", "kk"], ["pk", "moi-root"]]
    assert [p.read_bytes() for p in shard_sites(sites, 3, tmp_path / "again")[0]] == [p.read_bytes() for p in paths]
    assert len(split_sites(read_sites(sites), 5)) == 5
    proc = egovscan("shard", sites, "--parts", "6", check=False)
    assert proc.returncode == 2 and "6 parts but only 5 hosts" in proc.stderr


def test_parts_crawled_apart_merge_into_the_run_of_the_whole_file(tmp_path, serve):
    """What the Scrapyd jobs of a sharded sites file write, one part per node, then merged."""
    from scoring_sites import RUN1, write_sites

    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=97)
    whole = tmp_path / "whole.db"
    egovscan("crawl", server.sites_csv, "--db", whole, *FAST)
    listed = egovscan("shard", server.sites_csv, "--parts", "2", "--out-dir", tmp_path / "parts")
    paths = [tmp_path / "parts" / f"served-0-part-0{i}-of-02.csv" for i in (1, 2)]
    assert listed.stdout.split() == [str(p) for p in paths]
    shards = []
    for index, part in enumerate(paths):
        node = tmp_path / f"node{index}"
        egovscan("crawl", part, "--db", node / "audit.db", *FAST)
        shards.append(node / "audit.db")
    run_db = tmp_path / "run.db"
    egovscan("merge", *shards, "--db", run_db, "--quiet")
    assert sqlite_utils.Database(run_db).execute("select id, state from runs").fetchall() == [(1, "crawled")]
    for query in ("select site_id, status, pages_fetched, documents, outbound_links from sites order by 1",
                  "select site_id, url, fetch_status, depth, ord from pages order by 1, 2",
                  "select site_id, url, fetch_status from documents order by 1, 2"):
        assert (sqlite_utils.Database(run_db).execute(query).fetchall()
                == sqlite_utils.Database(whole).execute(query).fetchall())
