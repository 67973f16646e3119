"""Nightly operation: every run kept in the database, old runs' WARCs pruned by a retention setting."""

from __future__ import annotations

import sqlite_utils

from conftest import egovscan
from scoring_sites import RUN1, write_sites


def warcs(tmp_path, run_id: int) -> list:
    return sorted((tmp_path / "audit-warc").glob(f"run-{run_id:04d}-*.warc.gz"))


def test_keep_warcs_prunes_old_archives_and_keeps_their_results(tmp_path, serve):
    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=93)
    db = tmp_path / "audit.db"
    nightly = ("run", server.sites_csv, "--db", db, "--out", tmp_path / "report", "--delay", "0", "--keep-warcs", "1")

    first = egovscan(*nightly)
    assert warcs(tmp_path, 1), "the first night's WARCs are written"
    assert "nothing to prune" in first.stdout
    second = egovscan(*nightly)
    assert "run 1: deleted 1 WARC file(s)" in second.stdout
    assert warcs(tmp_path, 1) == [] and warcs(tmp_path, 2)

    store = sqlite_utils.Database(db)
    assert [r["warcs_pruned_at"] is not None for r in store["runs"].rows_where(order_by="id")] == [True, False]
    # the pruned run's results stay: scores, features, evidence, page index
    for table in ("scores", "site_features", "evidence", "pages"):
        assert store.execute(f"select count(*) from {table} where run_id = 1").fetchone()[0] > 0, table
    assert "pruned" in egovscan("runs", "--db", db).stdout
    egovscan("report", "--db", db, "--run", "1", "--out", tmp_path / "old-report", "--quiet")
    assert (tmp_path / "old-report" / "index.html").exists()
    egovscan("diff", "--db", db)                      # night 2 against night 1 needs no WARC

    # it cannot be re-assessed, and says why instead of failing on a missing file
    again = egovscan("assess", "--db", db, "--run", "1", check=False)
    assert again.returncode != 0
    assert "run 1: its WARC files were pruned" in again.stderr

    # a dry run names what would go and deletes nothing
    dry = egovscan("prune", "--db", db, "--keep", "0", "--dry-run")
    assert "run 2: would delete" in dry.stdout
    assert warcs(tmp_path, 2)
    egovscan("prune", "--db", db, "--keep", "0")
    assert warcs(tmp_path, 2) == []
