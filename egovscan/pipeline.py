"""The pipeline that chains the steps: crawl -> assess -> score -> report, as ``egovscan run``
(and ``egovscan demo`` on the bundled sample sites) runs it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from rich.markup import escape

from ground.sites import SitesFileError, read_sites
from ground.store import Store

from .common import EXIT_INTERRUPTED, EXIT_OK, console, fail, same_command, stdout
from .sitesrv import site_dirs
from .steps import crawl_step, do_assess, do_crawl, do_prune, do_report, do_score
from .tables import quiet_summary

SAMPLES = Path(__file__).parent / "samples"


def run_pipeline(sites: Path, db: Path, out: Path, lang: str | None = None, budget: int = 100,
                 delay: float | None = None, framework: str = "un2012", quiet: bool = False, set_=(),
                 keep_warcs: int | None = None, depth: int = 5, per_host: int | None = None, render: bool = False,
                 contact: str | None = None, workers: int | None = None, group_by=(), overlap: bool = True) -> int:
    """Crawl, assess, score and report a sites file (``egovscan run``); returns the exit code.

    A run stopped on the way is finished by the same call: an unfinished crawl is resumed, and
    a run stopped after its crawl (while assessing, scoring or reporting) is assessed, scored and
    reported instead of crawling a new one.

    overlap: each site is assessed as soon as its crawl is done, in worker processes beside the
    crawl, so the run ends shortly after the last site's crawl; the assessment after the crawl
    then takes only the sites that are left."""
    try:
        sites_sha1 = read_sites(sites).sha1
    except SitesFileError as exc:
        fail(str(exc))
    pending = Store(db).unreported_pipeline_run(sites_sha1) if db.exists() else None
    run_id = None if pending is None else pending["id"]
    if pending is not None:
        console.print(f"finishing run {run_id} (crawled {pending['started_at'][:10]}), stopped before its report",
                      highlight=False)
    try:
        if pending is None:
            code, run_id = crawl_step(sites, db, budget=budget, depth=depth, delay=delay, per_host=per_host,
                                      render=render, contact=contact, quiet=quiet, extra=set_, pipeline=True,
                                      overlap=overlap)
            if code != EXIT_OK:
                return code
        run = Store(db).run(run_id)
        if run["state"] != "assessed":
            # a pass begun beside the crawl (or stopped while assessing) is resumed, not redone
            do_assess(db, run_id, workers=workers, resume=run["state"] == "assessing" or bool(run.get("assess_pass")),
                      quiet=quiet)
        do_score(db, run_id, framework_name=framework, group_by=group_by, quiet=quiet)
        do_report(db, out, run_id, framework_name=framework, lang=lang, quiet=quiet)
    except KeyboardInterrupt:
        console.print(f"[yellow]{'the run' if run_id is None else f'run {run_id}'} was interrupted;[/] finish it "
                      f"with: run the same command again: {escape(same_command())}", highlight=False)
        return EXIT_INTERRUPTED
    if keep_warcs is not None:
        do_prune(Store(db), keep_warcs, quiet=quiet)
    if quiet:
        stdout().print(f"run {run_id}, {quiet_summary(Store(db), run_id)}; report at {out / 'index.html'}",
                       highlight=False, markup=False, soft_wrap=True)
    return EXIT_OK


def run_demo(out: Path, quiet: bool = False) -> int:
    """Serve the bundled sample sites on loopback and run the pipeline on them; returns the exit code."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "demo.db"
    for stale in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sites_csv = Path(tmp) / "demo-sites.csv"
        server = subprocess.Popen(
            [sys.executable, "-m", "egovscan.sitesrv", str(SAMPLES / "sites"), str(sites_csv), "--third", "66"],
            stdout=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            if not line.startswith("ready"):
                fail("the sample-site server did not start")
            console.print(f"serving {len(site_dirs(SAMPLES / 'sites'))} synthetic sample sites on 127.0.66.x",
                          highlight=False)
            code = do_crawl(sites_csv, db, warc_dir=out / "demo-warc", delay=0.0, per_host=4, resume=False, quiet=quiet)
            if code == EXIT_OK:
                code = do_assess(db, quiet=quiet)
            if code == EXIT_OK:
                code = do_score(db, quiet=quiet)
            if code == EXIT_OK:
                code = do_report(db, out / "report", quiet=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    console.print(f"database: {db}", highlight=False)
    if code == EXIT_OK:
        console.print(f"report: {out / 'report' / 'index.html'} (open it in a browser)", highlight=False)
    return code
