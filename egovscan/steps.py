"""The steps as the application runs them: crawl, assess, score, report, export and prune a
run of the database, with their progress bars, summaries and messages. Each returns the
command's exit code; bad input stops it with a message naming what is wrong."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ground.sites import SitesFileError
from ground.store import Store
from reports.data import load_run
from reports.formats import url_text

from .common import EXIT_INTERRUPTED, EXIT_OK, console, existing, fail, same_command, stdout, usable_db
from .crawlsettings import SettingError, crawl_settings, default_contact
from .logs import configure_logging
from .tables import print_assessment_summary, print_crawl_summary, print_score_summary, quiet_summary


def _say_when_stopping() -> None:
    """Scrapy stops gracefully on the first Ctrl-C (finishing the requests under way) and at once on
    the second; say so as soon as the first arrives, whatever the log level. Called when the engine
    has started, with the reactor running."""
    from twisted.internet import reactor

    def wrap():
        scrapy_handler = signal.getsignal(signal.SIGINT)
        if scrapy_handler is signal.default_int_handler:   # Scrapy's handlers are not installed yet
            reactor.callLater(0.05, wrap)
            return
        if not callable(scrapy_handler):
            return

        def on_sigint(signum, frame):
            sys.stderr.write("stopping, press Ctrl-C again to stop now\n")
            sys.stderr.flush()
            scrapy_handler(signum, frame)

        signal.signal(signal.SIGINT, on_sigint)

    wrap()


def politeness_eta(pages_left: int, sites_left: int, delay: float, active_sites: int) -> float | None:
    """Seconds the rest of a crawl takes at least: each unfinished site may still fetch
    pages_left (summed over them) pages, one per `delay` seconds on its host, and at most
    `active_sites` sites are crawled at once. None when there is no delay to bound it."""
    if delay <= 0 or sites_left <= 0:
        return None if delay <= 0 else 0.0
    return pages_left * delay / min(sites_left, max(active_sites, 1))


class CrawlProgress:
    """What the crawl's progress line says: sites done of all, pages fetched, sites that failed
    (a site whose crawl ended in a failure status, not each page that answered 404) and the
    time the rest takes at least under the per-host delay (politeness_eta)."""

    def __init__(self, total: int, done: int, budget: int, delay: float, active_sites: int):
        self.total, self.done, self.budget, self.delay, self.active = total, done, budget, delay, active_sites
        self.pages = self.failed = 0
        self.fetched: Counter = Counter()        # pages of each unfinished site

    def page(self, site_id: str) -> None:
        self.pages += 1
        self.fetched[site_id] += 1

    def site_done(self, site_id: str, judged: bool) -> None:
        self.done += 1
        self.failed += not judged
        self.fetched.pop(site_id, None)

    def eta(self) -> float | None:
        sites_left = self.total - self.done
        started = sum(min(n, self.budget) for n in self.fetched.values())
        return politeness_eta(sites_left * self.budget - started, sites_left, self.delay, self.active)

    def eta_text(self) -> str:
        eta = self.eta()
        if eta is None:
            return "no delay, no bound"
        minutes, seconds = divmod(round(eta), 60)
        hours, minutes = divmod(minutes, 60)
        return f"at least {hours}:{minutes:02d}:{seconds:02d} left" if hours else f"at least {minutes}:{seconds:02d} left"

    def fields(self) -> dict:
        return {"pages": self.pages, "failed": self.failed, "eta": self.eta_text()}


def run_crawl(settings, run_id: int, quiet: bool = False, verbose: bool = False,
              on_site_done: Callable[[str], None] | None = None) -> str:
    """Run the agency spider in this process; returns Scrapy's finish reason. on_site_done is
    called with each site whose crawl is finished and stored."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.items import PageItem, SiteDoneItem
    from crawler.spiders.agency import AgencySpider
    from ground.status import SITE_JUDGED

    store = Store(settings.get("EGOVSCAN_DB"))
    total, done = store.count_sites(run_id)
    state = CrawlProgress(total, done, settings.getint("EGOVSCAN_PAGE_BUDGET"), settings.getfloat("DOWNLOAD_DELAY"),
                          settings.getint("EGOVSCAN_MAX_ACTIVE_SITES"))
    progress = Progress(TextColumn("[bold]crawl[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("sites,"),
                        TextColumn("{task.fields[pages]} pages, {task.fields[failed]} failed,"),
                        TimeElapsedColumn(), TextColumn("{task.fields[eta]}"),
                        console=Console(stderr=True), disable=quiet, transient=False)
    task = progress.add_task("crawl", total=total, completed=done, **state.fields())

    def on_item(item, response, spider):
        if isinstance(item, PageItem):
            state.page(item.planned.site_id)
        elif isinstance(item, SiteDoneItem):
            if on_site_done is not None:
                on_site_done(item.site_id)
            site = store.site_outcome(run_id, item.site_id)
            judged = not site or site["status"] in SITE_JUDGED
            state.site_done(item.site_id, judged)
            progress.advance(task)
            if not judged:
                # one line per site that could not be assessed, for the nightly log
                progress.console.print(f"site {escape(item.site_id)} {escape(url_text(site['url']))}: {site['status']}: "
                                       f"{escape(site['detail'] or '')}", highlight=False, soft_wrap=True)
        else:
            return
        progress.update(task, **state.fields())

    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    configure_logging(progress.console, quiet, verbose)
    crawler = process.create_crawler(AgencySpider)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    crawler.signals.connect(_say_when_stopping, signal=signals.engine_started)
    with progress:
        process.crawl(crawler, run=str(run_id))
        process.start()
    return crawler.stats.get_value("finish_reason") or "unknown"


def report_input_errors(sites_file) -> None:
    for note in sites_file.notes:
        console.print(f"[yellow]sites file:[/] {escape(note)}", highlight=False)
    for error in sites_file.errors:
        console.print(f"[red]sites file:[/] {escape(error.format(sites_file.path))}", highlight=False)
    if sites_file.errors:
        console.print(f"{len(sites_file.errors)} bad row(s) skipped; {len(sites_file.sites)} site(s) will run",
                      highlight=False)


def do_crawl(sites, db, warc_dir=None, budget=100, depth=5, delay=None, per_host=None, resume=None,
             render=False, contact=None, quiet=False, verbose=False, extra=(), redis=None, shard=False) -> int:
    return crawl_step(sites, db, warc_dir, budget, depth, delay, per_host, resume, render, contact, quiet, verbose,
                  extra, redis, shard=shard)[0]


def crawl_step(sites, db, warc_dir=None, budget=100, depth=5, delay=None, per_host=None, resume=None,
           render=False, contact=None, quiet=False, verbose=False, extra=(), redis=None,
           pipeline: bool = False, shard: bool = False, overlap: bool = False) -> tuple[int, int]:
    """(exit code, run id) of a crawl; pipeline: `egovscan run` drives it (and says how to finish it);
    overlap: each site is assessed as soon as its crawl is done, in worker processes beside the crawl."""
    from assessors.engine import SitePool
    from crawler.addon import render_problem
    from crawler.runs import RunError, prepare_run

    if sites is None and resume is not True:
        fail("give a sites file, or --resume to continue the unfinished run")
    usable_db(db)
    try:
        settings = crawl_settings(db, {
            "EGOVSCAN_WARC_DIR": str(warc_dir) if warc_dir else None, "EGOVSCAN_PAGE_BUDGET": budget,
            "EGOVSCAN_DEPTH_LIMIT": depth, "DOWNLOAD_DELAY": delay, "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
            "EGOVSCAN_RENDER": render or None, "EGOVSCAN_CONTACT_URL": contact,
            "AUTOTHROTTLE_START_DELAY": delay, "EGOVSCAN_REDIS_URL": redis,
            "EGOVSCAN_SHARD": shard or None}, list(extra))
    except SettingError as exc:
        fail(str(exc))
    if settings.getbool("EGOVSCAN_RENDER") and (problem := render_problem(settings)):
        fail(problem)               # before the run is opened: nothing to resume
    store = Store(db)
    opening, redis_errors = contextlib.nullcontext(), ()
    if redis:
        try:
            from redis.exceptions import RedisError

            from crawler.distributed import SharedRun
        except ImportError:
            fail("--redis needs redis and scrapy-redis: pip install 'egovscan[distributed]'")
        opening, redis_errors = SharedRun(redis).lock("open-run"), (RedisError,)   # workers starting together join one run
    try:
        with opening:
            run = prepare_run(store, str(sites) if sites else None, settings, resume=resume)
    except (SitesFileError, RunError) as exc:
        fail(str(exc))
    except (OSError, TimeoutError, *redis_errors) as exc:
        fail(f"--redis {redis}: {exc}")
    if run.sites_file is not None and not run.resumed:
        report_input_errors(run.sites_file)
    if pipeline:
        store.mark_pipeline(run.run_id)
    if run.resumed:
        total, done = store.count_sites(run.run_id)
        verb = "joining shared run" if redis else "resuming run"
        console.print(f"{verb} {run.run_id}: {done} of {total} sites already done", highlight=False)
    if (placeholder := default_contact(settings)) is not None:      # once, when the crawl starts
        console.print(f"[yellow]warning:[/] no --contact given: site owners will read {escape(placeholder)} in the "
                      "User-Agent, which does not reach you; give your URL or e-mail with --contact", highlight=False)
    beside = SitePool(db, run.run_id) if overlap else None
    try:
        if beside is not None:
            beside.submit_finished()            # sites an interrupted process of this run finished
        reason = run_crawl(settings, run.run_id, quiet=quiet, verbose=verbose,
                           on_site_done=beside.submit if beside is not None else None)
        state = store.run(run.run_id)["state"]
        if beside is not None and state == "crawled":
            store.begin_assessment(run.run_id, beside.pass_id)     # the crawl is done: the run is assessing
            beside.submit_finished()
            beside.close()
            beside = None
    finally:
        if beside is not None:
            beside.stop()
    if settings.getbool("EGOVSCAN_SHARD"):     # a shard's sites are judged when the shards are merged
        return _shard_crawled(store, run.run_id, state, reason, db)
    if not quiet:
        print_crawl_summary(store, run.run_id, stdout())
    if state == "crawling":
        how = (f"run the same command again: {same_command()}" if pipeline
               else f"egovscan crawl --resume --db {shlex.quote(str(db))}")
        console.print(f"[yellow]run {run.run_id} was interrupted ({escape(reason)});[/] finish it with: {escape(how)}",
                      highlight=False)
        return EXIT_INTERRUPTED, run.run_id
    if quiet and not pipeline:
        stdout().print(f"run {run.run_id}, {quiet_summary(store, run.run_id)}", highlight=False, markup=False,
                       soft_wrap=True)
    return EXIT_OK, run.run_id


def _shard_crawled(store: Store, run_id: int, state: str, reason: str, db: Path) -> tuple[int, int]:
    pages = store.run_page_count(run_id)
    if state == "crawling":
        console.print(f"[yellow]this shard's worker was stopped ({escape(reason)});[/] {pages} pages stored; "
                      f"continue it with: {escape(same_command())}", highlight=False)
        return EXIT_INTERRUPTED, run_id
    stdout().print(f"run {run_id} (a shard): {pages} pages stored; the run is crawled: merge its shards with "
                   f"egovscan merge {shlex.quote(str(db))} ... --db RUN.db", highlight=False, markup=False, soft_wrap=True)
    return EXIT_OK, run_id


def do_merge(shards: list[Path], db: Path, warc_dir: Path | None = None, quiet: bool = False) -> int:
    """Merge shard databases into one run of db (crawler/shards.py)."""
    from crawler.shards import MergeError, merge_shards

    try:
        result = merge_shards(shards, db, warc_dir)
    except MergeError as exc:
        fail(str(exc))
    rows = sum(changed for _, changed in result.shards)
    line = (f"run {result.run_id}: {len(result.shards)} shard(s) merged ({rows} rows added or changed), "
            f"{result.pages} pages, {result.finished} of {result.sites} sites finished")
    if result.state == "crawling":
        console.print(f"[yellow]{escape(line)}[/]; merge again when the workers of the other sites have finished",
                      highlight=False)
        return EXIT_INTERRUPTED
    if not quiet:
        stdout().print(line, highlight=False, markup=False, soft_wrap=True)
    return EXIT_OK


def do_shard(sites: Path, parts: int, out_dir: Path | None = None) -> int:
    """Write a sites file's parts, one per crawler that shares nothing (ground.sites.shard_sites)."""
    from ground.sites import shard_sites

    try:
        written, sites_file = shard_sites(sites, parts, out_dir)
    except (SitesFileError, ValueError) as exc:
        fail(str(exc))
    report_input_errors(sites_file)
    for path in written:
        stdout().print(str(path), highlight=False, markup=False, soft_wrap=True)
    return EXIT_OK


def assessed_run(db: Path, run: int | None) -> tuple[Store, int]:
    """The store at db (which must exist) and the run to work on: `run`, or the latest assessed."""
    store = Store(existing(db))
    return store, pick_run(store, run, states=("assessed",))


def pick_run(store: Store, run: int | None, states=("crawled", "assessing", "assessed")) -> int:
    if run is not None:
        if store.run(run) is None:
            fail(f"{store.path}: there is no run {run}")
        return run
    run_id = store.latest_run_id(tuple(states))
    if run_id is None:
        fail(f"{store.path}: no finished crawl to work on (see egovscan runs)")
    return run_id


def do_assess(db: Path, run: int | None = None, workers: int | None = None, resume: bool = False,
              quiet: bool = False, merge: list[Path] = ()) -> int:
    from assessors.engine import assess_run

    if merge and do_merge(merge, db, quiet=quiet) != EXIT_OK:
        fail("the merged run is not crawled yet: some sites' shards are missing or unfinished", EXIT_INTERRUPTED)
    store = Store(db)
    run_id = pick_run(store, run)
    pruned = store.run(run_id).get("warcs_pruned_at")
    if pruned:
        fail(f"run {run_id}: its WARC files were pruned on {pruned[:10]}, so it cannot be re-assessed "
             "(its assessment, scores and reviews are still in the database)")
    total, _ = store.count_sites(run_id)
    progress = Progress(TextColumn("[bold]assess[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("sites"),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=quiet)
    with progress:
        task = progress.add_task("assess", total=total)
        assess_run(store, run_id, workers=workers, resume=resume, progress=lambda _: progress.advance(task))
    if not quiet:
        print_assessment_summary(store, run_id, stdout())
    return EXIT_OK


def load_framework_or_fail(name: str):
    from stages.framework import FrameworkError, load_framework

    try:
        return load_framework(name)
    except FrameworkError as exc:
        fail(str(exc))


def do_score(db: Path, run: int | None = None, framework_name: str = "un2012", group_by=(), compare=True,
             quiet: bool = False) -> int:
    from stages.runs import ScoreError, score_run

    framework = load_framework_or_fail(framework_name)
    store = Store(db)
    run_id = pick_run(store, run, states=("assessed",))
    try:
        result = score_run(store, run_id, framework, group_by=list(group_by), compare=compare)
    except ScoreError as exc:
        fail(str(exc))
    if not quiet:
        print_score_summary(result, stdout())
    return EXIT_OK


def do_report(db: Path, out: Path, run: int | None = None, framework_name: str | None = None,
              lang: str | None = None, quiet: bool = False, pdf: bool = False, since: int | None = None) -> int:
    from reports.html import LANGUAGES, SinceError, write_report
    from stages.framework import FrameworkError
    from stages.runs import ensure_scored, run_framework

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang is one of {', '.join(LANGUAGES)}, got {lang!r}")
    store = Store(db)
    run_id = pick_run(store, run, states=("assessed",))
    try:
        ensure_scored(store, run_id, run_framework(store, run_id, framework_name))
        index = write_report(store, run_id, out, framework_name, lang, since)
    except (FrameworkError, SinceError) as exc:
        fail(str(exc))
    store.mark_reported(run_id)
    if not quiet:
        console.print(f"report: {index}", highlight=False)
    if pdf:
        from reports.pdf import PdfError, write_pdfs

        try:
            printed = write_pdfs(index.parent, [s.site_id for s in store.run_sites(run_id)])
        except PdfError as exc:
            fail(str(exc))
        if not quiet:
            console.print(f"pdf: {len(printed)} files in {index.parent / 'pdf'}", highlight=False)
    return EXIT_OK


def do_prune(store: Store, keep: int, dry_run: bool = False, quiet: bool = False) -> list[dict]:
    pruned = store.prune_warcs(keep, dry_run=dry_run)
    if not quiet:
        verb = "would delete" if dry_run else "deleted"
        for row in pruned:
            stdout().print(f"run {row['run_id']}: {verb} {row['files']} WARC file(s), "
                           f"{row['bytes'] / 2**20:.1f} MiB", highlight=False)
        if not pruned:
            stdout().print(f"nothing to prune: at most {keep} finished run(s) still have WARC files", highlight=False)
    return pruned


def export_run(store: Store, run_id: int, chosen, output: Path | None, framework=None) -> None:
    """Write a run in an export format (reports/export.py: FORMATS) to --output or standard output;
    with a framework the run has no scores for, score it first (as a report does)."""
    if framework is not None:
        from stages.runs import ensure_scored

        ensure_scored(store, run_id, framework)
    data = load_run(store, run_id)
    if chosen.needs_file:
        partial = output.with_name(output.name + ".part")     # a stopped export leaves the last whole file
        chosen.write(data, partial)
        os.replace(partial, output)
        return
    if output is None:
        last = ""
        for piece in chosen.text_pieces(data):
            sys.stdout.write(piece)
            last = piece or last
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        return
    partial = output.with_name(output.name + ".part")     # a stopped export leaves the last whole file
    with open(partial, "w", encoding="utf-8") as out:
        for piece in chosen.text_pieces(data):
            out.write(piece)
    os.replace(partial, output)
