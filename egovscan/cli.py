"""The `egovscan` command line.

Exit codes (all commands): 0 the work completed (some sites may have failed: their status
says why); 1 the run was interrupted and can be resumed; 2 bad usage or unusable input
(the message names the file, the line and the problem).
"""

from __future__ import annotations

import contextlib
import logging
import shlex
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ground.catalogue import CatalogueError
from ground.dblock import DatabaseBusy, DatabaseLock, describe
from ground.sites import SitesFileError, read_sites
from ground.store import Store

from . import __version__
from .sitesrv import site_dirs

EXIT_OK, EXIT_INTERRUPTED, EXIT_USAGE = 0, 1, 2
SAMPLES = Path(__file__).parent / "samples"

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Crawl government agency websites and tell how far each has come as an online service.")
console = Console(stderr=True, soft_wrap=True)  # messages stay one greppable line


def stdout() -> Console:
    """Tables for people: a terminal's width, or wide enough when piped to a file or a log."""
    return Console() if sys.stdout.isatty() else Console(width=160)


def fail(message: str, code: int = EXIT_USAGE) -> None:
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def existing(db: Path) -> Path:
    """The database path, when there is a database there (commands that read one need it)."""
    if not db.exists():
        fail(f"{db}: no such database")
    return usable_db(db)


SQLITE_HEADER = b"SQLite format 3\x00"


def usable_db(db: Path) -> Path:
    """The --db path, when it is a SQLite database or nothing yet: checked before any work, so a
    sites file given as --db by mistake is named, not overwritten or opened with a traceback."""
    if db.is_dir():
        fail(f"--db {db} is a folder; give the database file (e.g. {db / 'audit.db'})")
    try:
        with open(db, "rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return db
    except OSError as exc:
        fail(f"--db {db}: cannot read it: {exc.strerror or exc}")
    if head and head != SQLITE_HEADER:
        looks = " (it looks like a text file, a sites CSV perhaps)" if _is_text(head) else ""
        fail(f"--db {db} is not a SQLite database{looks}; it was left as it is: give a new or existing .db file")
    return db


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c >= 32 or c in (9, 10, 13) for c in head)


def report_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file, not a folder: the report is a folder (index.html, sites/, assets/); "
             "give a folder name")
    return out


@contextlib.contextmanager
def holding(db: Path):
    """This command is the only one writing the database (see dblock); a second one is told who is."""
    lock = DatabaseLock(db, same_command())
    try:
        lock.acquire()
    except DatabaseBusy as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{lock.path}: cannot take the database's lock: {exc.strerror or exc}")
    if lock.stale:
        console.print(f"{escape(str(db))}: taking over the lock of {escape(describe(lock.stale))}, "
                      "which ended without releasing it", highlight=False)
    try:
        yield lock
    finally:
        lock.release()


def same_command() -> str:
    return "egovscan " + shlex.join(sys.argv[1:])


def crawl_settings(db: Path, options: dict, extra: list[str]):
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("EGOVSCAN_DB", str(db), priority="cmdline")
    for key, value in options.items():
        if value is not None:
            settings.set(key, value, priority="cmdline")
    for pair in extra:
        if "=" not in pair:
            fail(f"--set takes KEY=VALUE, got {pair!r}")
        key, value = pair.split("=", 1)
        settings.set(key.strip(), value, priority="cmdline")
    # USER_AGENT and rendering follow from these EGOVSCAN_* settings in crawler/addon.py
    return settings


def _configure_logging(progress_console: Console, quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose else logging.INFO)
    if quiet:
        # cron mail: one plain line per message, never wrapped into boxes at 80 columns
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler = RichHandler(console=progress_console, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=level, handlers=[handler], format="%(message)s", force=True)
    if not verbose:
        for noisy in ("scrapy.core.engine", "scrapy.middleware", "scrapy.extensions.logstats",
                      "scrapy.crawler", "scrapy.addons", "scrapy.utils.log", "scrapy.core.scraper",
                      "scrapy.statscollectors", "py.warnings", "scrapy.extensions.telnet",
                      "scrapy.downloadermiddlewares.redirect", "scrapy.downloadermiddlewares.retry",
                      "scrapy.downloadermiddlewares.robotstxt", "protego", "filelock"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        # "Gave up retrying" is an ERROR to Scrapy but an ordinary outcome here: the page
        # row records it with its status.
        logging.getLogger("scrapy.downloadermiddlewares.retry").setLevel(logging.CRITICAL)
        # a site that is down fails its robots.txt first; one line says so (the site's status
        # records it), not a traceback of Twisted's frames in every nightly mail
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_without_traceback)
        # a failed download is recorded with its page and, for a homepage, said once per site as
        # the site ends: Scrapy's own line per failed request would repeat it
        for name in ("scrapy.core.scraper", "scrapy.downloadermiddlewares.robotstxt"):
            logging.getLogger(name).addFilter(_not_a_download_error)


def _without_traceback(record: logging.LogRecord) -> bool:
    record.exc_info, record.exc_text = None, None
    return True


def _not_a_download_error(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("Error downloading")


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return " ".join(super().format(record).split())


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


def run_crawl(settings, run_id: int, quiet: bool = False, verbose: bool = False) -> str:
    """Run the agency spider in this process; returns Scrapy's finish reason."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.items import PageItem, SiteDoneItem
    from crawler.spiders.agency import AgencySpider
    from ground.status import FAILURES, PAGE_HTTP_ERROR, SITE_JUDGED

    store = Store(settings.get("EGOVSCAN_DB"))
    total, done = store.count_sites(run_id)
    progress = Progress(TextColumn("[bold]crawl[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("sites"),
                        TextColumn("{task.fields[pages]} pages, {task.fields[errors]} errors"),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=quiet, transient=False)
    task = progress.add_task("crawl", total=total, completed=done, pages=0, errors=0)
    counts = Counter()

    def on_item(item, response, spider):
        if isinstance(item, PageItem):
            counts["pages"] += 1
            if item.fetch_status in FAILURES or item.fetch_status == PAGE_HTTP_ERROR:
                counts["errors"] += 1
            progress.update(task, pages=counts["pages"], errors=counts["errors"])
        elif isinstance(item, SiteDoneItem):
            progress.advance(task)
            site = store.site_outcome(run_id, item.site_id)
            if site and site["status"] not in SITE_JUDGED:
                # one line per site that could not be assessed, for the nightly log
                progress.console.print(f"site {escape(item.site_id)} {escape(site['url'] or '')}: {site['status']}: "
                                       f"{escape(site['detail'] or '')}", highlight=False, soft_wrap=True)

    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = CrawlerProcess(settings)
    _configure_logging(progress.console, quiet, verbose)
    crawler = process.create_crawler(AgencySpider)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    crawler.signals.connect(_say_when_stopping, signal=signals.engine_started)
    with progress:
        process.crawl(crawler, run=str(run_id))
        process.start()
    return crawler.stats.get_value("finish_reason") or "unknown"


def print_crawl_summary(store: Store, run_id: int, out: Console) -> None:
    rows = list(store.db.execute(
        "select site_id, name, status, pages_fetched, documents, outbound_links, detail from sites "
        "where run_id = ? order by rowid", [run_id]))
    by_status = Counter(r[2] or "not crawled" for r in rows)
    table = Table(title=f"run {run_id}: {len(rows)} sites", title_justify="left")
    for column in ("site", "status", "pages", "documents", "outbound links", "detail"):
        table.add_column(column, overflow="fold")
    for site_id, name, status, pages, docs, outbound, detail in rows[:50]:
        style = "green" if status == "ok" else ("yellow" if status == "partial" else "red")
        # site ids come from the sites file and details from servers' errors: never markup
        table.add_row(escape(site_id), f"[{style}]{escape(status or 'not crawled')}[/]", str(pages or 0),
                      str(docs or 0), str(outbound or 0), escape((detail or "")[:80]))
    if len(rows) > 50:
        table.caption = f"first 50 of {len(rows)} sites; every site is in the database"
    out.print(table)
    out.print("by status: " + ", ".join(f"{k} {v}" for k, v in by_status.most_common()), highlight=False)


def _report_input_errors(sites_file) -> None:
    for note in sites_file.notes:
        console.print(f"[yellow]sites file:[/] {escape(note)}", highlight=False)
    for error in sites_file.errors:
        console.print(f"[red]sites file:[/] {escape(error.format(sites_file.path))}", highlight=False)
    if sites_file.errors:
        console.print(f"{len(sites_file.errors)} bad row(s) skipped; {len(sites_file.sites)} site(s) will run",
                      highlight=False)


@app.command()
def crawl(
    sites: Optional[Path] = typer.Argument(None, help="sites CSV (site_id,url,name,...); optional with --resume"),
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="SQLite database to write"),
    warc_dir: Optional[Path] = typer.Option(None, "--warc-dir", help="where WARC files go (default: <db>-warc/)"),
    budget: int = typer.Option(100, "--budget", min=1, help="pages per site"),
    depth: int = typer.Option(5, "--depth", min=0, help="clicks from the start page"),
    delay: Optional[float] = typer.Option(None, "--delay", min=0, help="seconds between requests to one host (default 1)"),
    per_host: Optional[int] = typer.Option(None, "--per-host", min=1, help="parallel requests per host (default 2)"),
    resume: Optional[bool] = typer.Option(None, "--resume/--new-run",
                                          help="continue the unfinished run / start afresh (default: continue it if it crawled the same sites file)"),
    render: bool = typer.Option(False, "--render", help="render JavaScript-only pages in Chromium (scrapy-playwright)"),
    contact: Optional[str] = typer.Option(None, "--contact", help="URL or e-mail put in the User-Agent for site owners"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar, warnings only (for cron)"),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
    redis: Optional[str] = typer.Option(None, "--redis", help="redis://host:port/db: crawl one run with other workers "
                                                                "started the same way (pip install 'egovscan[distributed]')"),
    set_: list[str] = typer.Option([], "--set", "-s", help="any Scrapy or EGOVSCAN_* setting, KEY=VALUE"),
):
    """Crawl every site of SITES into the database and a WARC archive."""
    usable_db(db)
    # workers of a shared run (--redis) write one database together; Redis orders them
    with contextlib.nullcontext() if redis else holding(db):
        code = do_crawl(sites, db, warc_dir, budget, depth, delay, per_host, resume, render, contact, quiet, verbose,
                        set_, redis=redis)
    raise typer.Exit(code)


def do_crawl(sites, db, warc_dir=None, budget=100, depth=5, delay=None, per_host=None, resume=None,
             render=False, contact=None, quiet=False, verbose=False, extra=(), redis=None) -> int:
    return _crawl(sites, db, warc_dir, budget, depth, delay, per_host, resume, render, contact, quiet, verbose,
                  extra, redis)[0]


def _crawl(sites, db, warc_dir=None, budget=100, depth=5, delay=None, per_host=None, resume=None,
           render=False, contact=None, quiet=False, verbose=False, extra=(), redis=None,
           pipeline: bool = False) -> tuple[int, int]:
    """(exit code, run id) of a crawl; pipeline: `egovscan run` drives it (and says how to finish it)."""
    from crawler.addon import render_problem
    from crawler.runs import RunError, prepare_run

    if sites is None and resume is not True:
        fail("give a sites file, or --resume to continue the unfinished run")
    usable_db(db)
    settings = crawl_settings(db, {
        "EGOVSCAN_WARC_DIR": str(warc_dir) if warc_dir else None, "EGOVSCAN_PAGE_BUDGET": budget,
        "EGOVSCAN_DEPTH_LIMIT": depth, "DOWNLOAD_DELAY": delay, "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
        "EGOVSCAN_RENDER": render or None, "EGOVSCAN_CONTACT_URL": contact,
        "AUTOTHROTTLE_START_DELAY": delay, "EGOVSCAN_REDIS_URL": redis}, list(extra))
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
        _report_input_errors(run.sites_file)
    if pipeline:
        store.mark_pipeline(run.run_id)
    if run.resumed:
        total, done = store.count_sites(run.run_id)
        verb = "joining shared run" if redis else "resuming run"
        console.print(f"{verb} {run.run_id}: {done} of {total} sites already done", highlight=False)
    reason = run_crawl(settings, run.run_id, quiet=quiet, verbose=verbose)
    state = store.run(run.run_id)["state"]
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


def quiet_summary(store: Store, run_id: int) -> str:
    """'10 sites: 9 partial, 1 ok': the one line a --quiet run ends with."""
    counts = store.status_counts(run_id)
    return f"{sum(n for _, n in counts)} sites: " + ", ".join(f"{n} {status}" for status, n in counts)


def _assessed(db: Path, run: int | None) -> tuple[Store, int]:
    """The store at db (which must exist) and the run to work on: `run`, or the latest assessed."""
    store = Store(existing(db))
    return store, _pick_run(store, run, states=("assessed",))


def _pick_run(store: Store, run: int | None, states=("crawled", "assessing", "assessed")) -> int:
    if run is not None:
        if store.run(run) is None:
            fail(f"{store.path}: there is no run {run}")
        return run
    placeholders = ",".join("?" * len(states))
    row = store.db.execute(f"select id from runs where state in ({placeholders}) order by id desc limit 1",
                           list(states)).fetchone()
    if row is None:
        fail(f"{store.path}: no finished crawl to work on (see egovscan runs)")
    return row[0]


def do_assess(db: Path, run: int | None = None, workers: int | None = None, resume: bool = False,
              quiet: bool = False) -> int:
    from assessors.engine import assess_run

    store = Store(db)
    run_id = _pick_run(store, run)
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


def print_assessment_summary(store: Store, run_id: int, out: Console) -> None:
    from assessors import CATALOGUE

    rows = store.db.execute(
        "select feature, sum(state = 'present'), sum(state = 'absent'), sum(state = 'unknown'), count(*) "
        "from site_features where run_id = ? group by feature", [run_id]).fetchall()
    by_feature = {r[0]: r[1:] for r in rows}
    table = Table(title=f"run {run_id}: features found", title_justify="left")
    for column in ("feature", "present", "absent", "unknown"):
        table.add_column(column)
    for feature in CATALOGUE:
        present, absent, unknown, _ = by_feature.get(feature, (0, 0, 0, 0))
        table.add_row(feature, str(present), str(absent), str(unknown))
    out.print(table)


@app.command()
def assess(
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="database with a crawl"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest crawled run)"),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="worker processes (default: 2 or fewer cores)"),
    resume: bool = typer.Option(False, "--resume", help="continue an interrupted assessment instead of starting over"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Detect every catalogue feature on the stored pages of a crawl (never the network)."""
    with holding(existing(db)):
        code = do_assess(db, run, workers, resume, quiet)
    raise typer.Exit(code)


@app.command()
def evaluate(
    labels: Path = typer.Option(..., "--labels", help="labels CSV: site_id,feature,label[,evidence_path,note]"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run"),
    show: int = typer.Option(40, "--show", help="disagreements to list"),
    framework: str = typer.Option("un2012", "--framework", help="framework whose scores are compared"),
    by: Optional[str] = typer.Option(None, "--by", help="also a table per group of sites: a sites-file column "
                                     "(language, country, tier ...)"),
    sites: Optional[Path] = typer.Option(None, "--sites", help="sites file (or the corpus's sites.csv) with the --by "
                                         "column (default: the columns of the run's own sites file)"),
):
    """Precision, recall and F1 of the detectors against human labels, with the disagreements,
    and how far each site's score from detection is from its score from the labels."""
    from assessors import catalogue_order
    from assessors.evaluate import LabelsError, evaluate as run_evaluation, read_labels

    existing(db)
    scored_by = _load_framework(framework)      # a wrong name is said before any work
    try:
        label_rows, problems = read_labels(str(labels))
    except LabelsError as exc:
        fail(str(exc))
    for problem in problems:
        console.print(f"[red]labels:[/] {escape(problem)}", highlight=False)
    store = Store(db)
    run_id = _pick_run(store, run, states=("assessed",))
    predicted = {(r[0], r[1]): r[2] for r in store.db.execute(
        "select site_id, feature, state from site_features where run_id = ?", [run_id])}
    evidence: dict = {}
    for site_id, feature, page_url, target, text in store.db.execute(
            "select site_id, feature, page_url, target, text from evidence where run_id = ?", [run_id]):
        evidence.setdefault((site_id, feature), []).append(f"{page_url} -> {target or '(page)'}: {text}")
    result = run_evaluation(label_rows, predicted, evidence)
    out = stdout()
    table = Table(title=f"run {run_id} against {labels.name}", title_justify="left")
    for column in ("feature", "precision", "recall", "F1", "TP", "FP", "FN", "TN", "unknown agreed"):
        table.add_column(column)

    def fmt(x):
        return "-" if x is None else f"{x:.2f}"

    for feature, sc in sorted(result.per_feature.items(), key=lambda kv: catalogue_order(kv[0])):
        table.add_row(escape(feature), fmt(sc.precision), fmt(sc.recall), fmt(sc.f1), str(sc.tp), str(sc.fp), str(sc.fn),
                      str(sc.tn), f"{sc.unknown_agree}/{sc.unknown_total}")
    o = result.overall
    table.add_row("[bold]all[/]", fmt(o.precision), fmt(o.recall), fmt(o.f1), str(o.tp), str(o.fp), str(o.fn),
                  str(o.tn), f"{o.unknown_agree}/{o.unknown_total}")
    out.print(table)
    if by:
        out.print(_groups_table(store, run_id, label_rows, predicted, evidence, by, sites,
                                set(scored_by.features)))
    if result.missing_sites:
        out.print(f"labelled sites not in run {run_id}: {', '.join(result.missing_sites)}", highlight=False, markup=False)
    _print_score_agreement(out, scored_by, store, run_id, label_rows, predicted)
    for d in result.disagreements[:show]:
        mark = " (label UNSURE)" if d["unsure"] else ""
        # labels and evidence hold text from crawled pages: printed as plain text, never markup
        out.print(f"- {d['site_id']} {d['feature']}: label {d['label']}{mark}, detected {d['detected']}",
                  highlight=False, markup=False)
        if d["label_evidence"]:
            out.print(f"    label evidence: {d['label_evidence']}", highlight=False, markup=False)
        for e in d["detector_evidence"]:
            out.print(f"    detector: {e[:200]}", highlight=False, markup=False)
    if problems:
        console.print(f"{len(problems)} label row(s) not counted (listed above); the others are evaluated",
                      highlight=False)
    raise typer.Exit(EXIT_USAGE if problems else EXIT_OK)


def _print_score_agreement(out, framework, store, run_id, label_rows, predicted) -> None:
    """The score a consultant reads, from detection and from the labels, site by site."""
    from stages.agreement import score_agreement

    labels: dict[str, dict[str, str]] = {}
    for row in label_rows:
        labels.setdefault(row.site_id, {})[row.feature] = row.label
    detected: dict[str, dict[str, str]] = {}
    for (site_id, feature), state in predicted.items():
        detected.setdefault(site_id, {})[feature] = state
    agreement = score_agreement(framework, labels, detected, store.site_statuses(run_id))
    if not agreement.sites:
        out.print(f"{framework.id} score: no site is fully labelled for its {len(framework.features)} features",
                  highlight=False, markup=False)
        return
    n, within = len(agreement.sites), agreement.within
    rho = "-" if agreement.spearman is None else f"{agreement.spearman:.2f}"
    worst = agreement.worst
    out.print(f"{framework.id} score (osi_raw) from detection vs from the labels, {n} fully labelled sites: "
              f"{within}/{n} within {agreement.tolerance:g} points ({100 * within / n:.0f} %), "
              f"mean error {agreement.mean_error or 0:.1f}, largest {worst.error if worst else 0:.1f}"
              f"{f' ({worst.site_id})' if worst else ''}; rank correlation (Spearman) {rho}",
              highlight=False, markup=False, soft_wrap=True)


def _groups_table(store: Store, run_id: int, label_rows, predicted, evidence, by: str, sites: Path | None,
                  stage: set[str]) -> Table:
    """Precision and recall per group of sites (a sites-file column), on all labelled features
    and on the framework's features (the 15 stage features of un2012)."""
    from assessors.evaluate import NO_GROUP, LabelsError, evaluate_by, read_site_groups

    column = by.strip().lower()
    if sites is not None:
        try:
            groups = read_site_groups(str(sites), column)
        except LabelsError as exc:
            fail(str(exc))
    else:
        rows = store.run_sites(run_id)
        if not any(column in s.metadata for s in rows):
            fail(f"the sites file of run {run_id} has no {by!r} column: name a sites file with one (--sites)")
        groups = {s.site_id: str(s.metadata.get(column) or "").strip() or NO_GROUP for s in rows}
    every = evaluate_by(label_rows, predicted, evidence, groups)
    staged = evaluate_by(label_rows, predicted, evidence, groups, stage)
    table = Table(title=f"by {column}", title_justify="left")
    for name in (column, "sites", "precision", "recall", "F1", "TP", "FP", "FN", "stage P", "stage R"):
        table.add_column(name)

    def fmt(x):
        return "-" if x is None else f"{x:.2f}"

    for group, result in every.items():
        o, st = result.overall, staged.get(group)
        counted = {label.site_id for label in label_rows if groups.get(label.site_id, NO_GROUP) == group
                   and label.site_id not in result.missing_sites}
        table.add_row(escape(group), str(len(counted)), fmt(o.precision), fmt(o.recall), fmt(o.f1), str(o.tp),
                      str(o.fp), str(o.fn), fmt(st.overall.precision if st else None), fmt(st.overall.recall if st else None))
    return table


def _load_framework(name: str):
    from stages.framework import FrameworkError, load_framework

    try:
        return load_framework(name)
    except FrameworkError as exc:
        fail(str(exc))


def _pct(value) -> str:
    return "-" if value is None or value != value else f"{value:.2f}"


def print_what_if(framework, stage_pct: list[float], out: Console, quiet: bool) -> None:
    from stages.scorer import weighted

    score = weighted(framework, stage_pct)
    if quiet:
        out.print(f"{score:.2f}", highlight=False)
        return
    table = Table(title=f"{framework.id}: what-if", title_justify="left")
    for column in ("stage", "weight", "stage_pct", "points"):
        table.add_column(column)
    total = framework.total_weight
    for stage, pct in zip(framework.stages, stage_pct):
        table.add_row(f"{stage.number} {escape(stage.name)}", f"{stage.weight:g}", _pct(pct),
                      _pct(stage.weight * pct / total))
    out.print(table)
    out.print(f"osi_raw {score:.2f}", highlight=False)


def do_score(db: Path, run: int | None = None, framework_name: str = "un2012", group_by=(), compare=True,
             quiet: bool = False) -> int:
    from stages.runs import ScoreError, score_run

    framework = _load_framework(framework_name)
    store = Store(db)
    run_id = _pick_run(store, run, states=("assessed",))
    try:
        result = score_run(store, run_id, framework, group_by=list(group_by), compare=compare)
    except ScoreError as exc:
        fail(str(exc))
    if not quiet:
        print_score_summary(result, stdout())
    return EXIT_OK


def print_score_summary(result, out: Console) -> None:
    from stages.scorer import stage_columns

    framework, sites, groups = result.framework, result.sites, result.groups
    columns = stage_columns(framework)
    scored = sites[sites["scored"]].sort_values(["rank", "site_id"])
    table = Table(title=f"run {result.run_id}: {framework.id} scores, {len(scored)} of {len(sites)} sites scored",
                  title_justify="left")
    for column in ("rank", "site", *[f"stage {s.number}" for s in framework.stages], "osi_raw", "osi_norm",
                   "highest", "next to add"):
        table.add_column(column, overflow="fold")
    for row in scored.head(50).to_dict("records"):
        gaps = ", ".join(g["criterion"] for g in row["gaps"][:3])
        table.add_row(str(int(row["rank"])), escape(row["site_id"]), *[_pct(row[c]) for c in columns],
                      _pct(row["osi_raw"]), f"{row['osi_norm']:.3f}",
                      "-" if row["highest_stage"] is None else str(int(row["highest_stage"])), escape(gaps))
    if len(scored) > 50:
        table.caption = f"first 50 of {len(scored)} scored sites; every score is in the database"
    out.print(table)
    unscored = sites[~sites["scored"]]
    for row in unscored.head(20).to_dict("records"):
        out.print(f"not scored: {row['site_id']}: {row['reason']}", highlight=False, markup=False)
    if len(scored) == 1:
        out.print("one site scored: its osi_norm is 1.0 by convention", highlight=False)
    grouped = Table(title="groups (mean stage_pct; osi_raw from the means)", title_justify="left")
    for column in ("group by", "group", "sites", "scored", *[f"stage {s.number}" for s in framework.stages],
                   "osi_raw", "rank"):
        grouped.add_column(column, overflow="fold")
    for row in groups.to_dict("records"):
        grouped.add_row(escape(row["group_by"]), escape(str(row["group_value"])), str(row["sites"]),
                        str(row["scored"]), *[_pct(row[c]) for c in columns], _pct(row["osi_raw"]),
                        "-" if row["rank"] != row["rank"] else str(int(row["rank"])))
    out.print(grouped)
    if result.growth is not None:
        facts = result.growth_facts
        counts = Counter(result.growth["quadrant"])
        out.print(f"growth against run {result.previous_run} on a panel of {facts['panel']} sites"
                  + (f" (means: growth {facts['growth_mean']:.2f}, osi_raw {facts['osi_raw_mean']:.2f}): "
                     + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if facts["panel"] else ""),
                  highlight=False)


@app.command()
def score(
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="database with an assessed run"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest assessed run)"),
    framework: str = typer.Option("un2012", "--framework", "-f", help="a bundled framework id or a framework .toml file"),
    group_by: list[str] = typer.Option([], "--group-by", help="another sites-file column to group by (ministry, province, tier and agency_type always are)"),
    compare: Optional[int] = typer.Option(None, "--compare", help="earlier run for growth quadrants (default: the previous assessed run)"),
    no_compare: bool = typer.Option(False, "--no-compare", help="no growth quadrants"),
    stage_pct: Optional[str] = typer.Option(None, "--stage-pct", help="what-if: comma-separated stage percentages; prints the weighted score, no database needed"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Score a run on a stage model (default un2012), or compute a what-if from stage percentages."""
    if stage_pct is not None:
        chosen = _load_framework(framework)
        try:
            values = [float(v) for v in stage_pct.split(",")]
        except ValueError:
            fail(f"--stage-pct takes numbers separated by commas, got {stage_pct!r}")
        if len(values) != len(chosen.stages):
            fail(f"{chosen.id} has {len(chosen.stages)} stages; --stage-pct gave {len(values)} value(s)")
        if any(not 0 <= v <= 100 for v in values):
            fail(f"--stage-pct values are percentages from 0 to 100, got {stage_pct!r}")
        print_what_if(chosen, values, stdout(), quiet)
        raise typer.Exit(EXIT_OK)
    with holding(existing(db)):
        code = do_score(db, run, framework, group_by, False if no_compare else (compare or True), quiet)
    raise typer.Exit(code)


@app.command()
def frameworks():
    """List the bundled frameworks: stages, weights and the features in each."""
    from stages.framework import bundled_frameworks

    out = stdout()
    for name in bundled_frameworks():
        framework = _load_framework(name)
        table = Table(title=f"{framework.id}: {escape(framework.title)}", title_justify="left",
                      caption=escape(framework.source), caption_justify="left")
        for column in ("stage", "weight", "criteria (share of the stage)"):
            table.add_column(column, overflow="fold")
        for stage in framework.stages:
            table.add_row(f"{stage.number} {escape(stage.name)}", f"{stage.weight:g}",
                          ", ".join(f"{c.key} {c.share:.4g}%" for c in stage.criteria))
        out.print(table)


def do_report(db: Path, out: Path, run: int | None = None, framework_name: str | None = None,
              lang: str | None = None, quiet: bool = False) -> int:
    from reports.html import LANGUAGES, write_report
    from stages.framework import FrameworkError
    from stages.runs import ensure_scored, run_framework

    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang is one of {', '.join(LANGUAGES)}, got {lang!r}")
    store = Store(db)
    run_id = _pick_run(store, run, states=("assessed",))
    try:
        ensure_scored(store, run_id, run_framework(store, run_id, framework_name))
        index = write_report(store, run_id, out, framework_name, lang)
    except FrameworkError as exc:
        fail(str(exc))
    store.mark_reported(run_id)
    if not quiet:
        console.print(f"report: {index}", highlight=False)
    return EXIT_OK


@app.command()
def report(
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="database with an assessed run"),
    out: Path = typer.Option(Path("egovscan-report"), "--out", help="folder to write index.html, sites/ and assets/ into"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest assessed run)"),
    framework: Optional[str] = typer.Option(None, "--framework", "-f", help="framework (default: the run's last scored, else un2012)"),
    lang: Optional[str] = typer.Option(None, "--lang", help="th or en (default: the sites file's lang column, else en)"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Write the HTML report: ranking, charts, groups, quadrants, changes, a report card per site."""
    raise typer.Exit(do_report(existing(db), report_folder(out), run, framework, lang, quiet))


@app.command()
def export(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    format_: str = typer.Option("json", "--format", help="json, csv or xlsx"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest assessed run)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="file to write (default: standard output; xlsx needs a file)"),
):
    """Export a run: JSON (the public contract), CSV (a row per site) or XLSX (sites, features, evidence, groups)."""
    from reports.data import load_run
    from reports.export import csv_text, json_text, write_xlsx

    if format_ not in ("json", "csv", "xlsx"):
        fail(f"--format is json, csv or xlsx, got {format_!r}")
    if format_ == "xlsx" and output is None:
        fail("--format xlsx needs --output FILE.xlsx")
    store, run_id = _assessed(db, run)
    data = load_run(store, run_id)
    if format_ == "xlsx":
        write_xlsx(data, output)
    else:
        text = json_text(data) if format_ == "json" else csv_text(data)
        if output is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            output.write_text(text, encoding="utf-8")
    raise typer.Exit(EXIT_OK)


@app.command()
def diff(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    from_run: Optional[int] = typer.Option(None, "--from", help="earlier run (default: the one before --to)"),
    to_run: Optional[int] = typer.Option(None, "--to", help="later run (default: the latest assessed run)"),
    framework: str = typer.Option("un2012", "--framework", "-f"),
    as_json: bool = typer.Option(False, "--json", help="print the changes as JSON"),
):
    """What changed between two runs: sites whose status, feature states or stage changed."""
    import json as json_module

    from reports.data import load_run
    from reports.diff import diff_runs
    from stages.runs import previous_assessed_run

    store = Store(existing(db))
    to_id = _pick_run(store, to_run, states=("assessed",))
    from_id = from_run if from_run is not None else previous_assessed_run(store, to_id)
    if from_id is None:
        fail(f"{db}: run {to_id} has no earlier assessed run to compare with")
    _pick_run(store, from_id)
    changes = diff_runs(load_run(store, from_id), load_run(store, to_id), framework)
    out = stdout()
    if as_json:
        sys.stdout.write(json_module.dumps(changes, ensure_ascii=False, indent=1) + "\n")
        raise typer.Exit(EXIT_OK)
    out.print(f"run {from_id} -> run {to_id}: {len(changes['changed'])} site(s) changed, "
              f"{len(changes['added'])} added, {len(changes['removed'])} removed", highlight=False)
    for c in changes["changed"]:
        parts = []
        for key in ("status", "highest_stage", "osi_raw"):
            if c[key]:
                parts.append(f"{key} {c[key]['from']} -> {c[key]['to']}")
        parts += [f"{f['feature']} {f['from']} -> {f['to']}" for f in c["features"]]
        out.print(f"- {c['site_id']}: " + "; ".join(parts), highlight=False, markup=False)
    raise typer.Exit(EXIT_OK)


@app.command("datasette-metadata")
def datasette_metadata(db: Path = typer.Option(Path("egovscan.db"), "--db", help="the database Datasette will serve")):
    """Print Datasette metadata (table and column descriptions) for a database:
    egovscan datasette-metadata --db audit.db > metadata.json; datasette audit.db -m metadata.json"""
    import json as json_module

    import reports

    metadata = json_module.loads((Path(reports.__file__).parent / "datasette.json").read_text("utf-8"))
    metadata["databases"] = {db.stem: metadata["databases"]["*"]}   # Datasette names a database by its file stem
    sys.stdout.write(json_module.dumps(metadata, ensure_ascii=False, indent=1) + "\n")


@app.command("run")
def run_all(
    sites: Path = typer.Argument(..., help="sites CSV"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    out: Path = typer.Option(Path("egovscan-report"), "--out", help="report folder"),
    lang: Optional[str] = typer.Option(None, "--lang", help="report language, th or en"),
    budget: int = typer.Option(100, "--budget", min=1),
    delay: Optional[float] = typer.Option(None, "--delay", min=0),
    framework: str = typer.Option("un2012", "--framework", "-f", help="framework to score with"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    set_: list[str] = typer.Option([], "--set", "-s"),
    keep_warcs: Optional[int] = typer.Option(
        None, "--keep-warcs", min=0, help="after a good run, delete the WARCs of all but the newest N runs"),
):
    """The nightly job: crawl every site, assess the crawl, score it, write the report.

    A run stopped on the way is finished by the same command: an unfinished crawl is resumed, and
    a run stopped after its crawl (while assessing, scoring or reporting) is assessed, scored and
    reported instead of crawling a new one."""
    usable_db(db)
    report_folder(out)
    with holding(db):
        code = _run_all(sites, db, out, lang, budget, delay, framework, quiet, set_, keep_warcs)
    raise typer.Exit(code)


def _run_all(sites, db, out, lang, budget, delay, framework, quiet, set_, keep_warcs) -> int:
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
            code, run_id = _crawl(sites, db, budget=budget, delay=delay, quiet=quiet, extra=set_, pipeline=True)
            if code != EXIT_OK:
                return code
        state = Store(db).run(run_id)["state"]
        if state != "assessed":
            do_assess(db, run_id, resume=state == "assessing", quiet=quiet)
        do_score(db, run_id, framework_name=framework, quiet=quiet)
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


@app.command()
def prune(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    keep: int = typer.Option(..., "--keep", min=0, help="keep the WARCs of the newest N finished runs"),
    dry_run: bool = typer.Option(False, "--dry-run", help="say what would be deleted, delete nothing"),
):
    """Delete old runs' WARC files; their scores, features, evidence and reviews stay."""
    with contextlib.nullcontext() if dry_run else holding(existing(db)):
        do_prune(Store(existing(db)), keep, dry_run=dry_run)


@app.command("check-sites")
def check_sites(sites: Path = typer.Argument(..., help="sites CSV to check")):
    """Check a sites file without crawling: every bad row with its line and problem."""
    try:
        sites_file = read_sites(sites)
    except SitesFileError as exc:
        fail(str(exc))
    _report_input_errors(sites_file)
    stdout().print(f"{len(sites_file.sites)} good site row(s), {len(sites_file.errors)} bad", highlight=False)
    raise typer.Exit(EXIT_USAGE if sites_file.errors else EXIT_OK)


@app.command()
def runs(db: Path = typer.Option(Path("egovscan.db"), "--db")):
    """List the runs in a database."""
    store = Store(existing(db))
    table = Table()
    for column in ("run", "state", "started", "finished", "sites file", "sites", "done", "WARCs"):
        table.add_column(column)
    for run in store.db["runs"].rows_where(order_by="id"):
        total, done = store.count_sites(run["id"])
        warcs = f"pruned {run['warcs_pruned_at'][:10]}" if run["warcs_pruned_at"] else "kept"
        table.add_row(str(run["id"]), run["state"], run["started_at"], run["finished_at"] or "",
                      escape(run["sites_file"]), str(total), str(done), warcs)
    stdout().print(table)


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-out"), "--out", help="folder for the demo database and archive"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Serve the bundled sample sites on loopback and run the pipeline on them."""
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
    raise typer.Exit(code)


review_app = typer.Typer(no_args_is_help=True, help="Confirm or override findings; reviews beat detection.")
app.add_typer(review_app, name="review")


@review_app.command("list")
def review_list(
    site: Optional[str] = typer.Argument(None, help="site_id (default: every finding that is reviewed or needs review)"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run", help="run (default: the latest assessed)"),
):
    """Findings with their detected state, the standing review and drift flags."""
    from reports.wording import drift_reason

    from stages.reviews import findings

    store, run_id = _assessed(db, run)
    rows = findings(store, run_id, site)
    if site is None:
        rows = [f for f in rows if f.review is not None or f.needs_review]
    elif not rows:
        fail(f"run {run_id} has no assessed site {site!r}")
    table = Table(title=f"run {run_id}: findings" + (f" of {escape(site)}" if site else " with reviews"),
                  title_justify="left")
    for column in ("site", "feature", "detected", "state", "origin", "reviewer", "note", "flag"):
        table.add_column(column, overflow="fold")
    for f in rows:
        review = f.review or {}
        table.add_row(escape(f.site_id), f.feature, f.detected, f.state, f.origin, escape(review.get("reviewer") or ""),
                      escape(review.get("note") or ""), f"[red]needs review: {escape(drift_reason(f.drift))}[/]" if f.needs_review else "")
    stdout().print(table)


@review_app.command("set")
def review_set(
    site: str = typer.Argument(..., help="site_id"),
    feature: str = typer.Argument(..., help="feature id"),
    state: str = typer.Option(..., "--state", help="present, absent, not_applicable, or confirm (keep the detected state)"),
    by: str = typer.Option(..., "--by", help="who decides"),
    note: str = typer.Option("", "--note"),
    evidence: str = typer.Option("", "--evidence", help="URL a colleague can open to check"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run", help="run reviewed (default: the latest assessed)"),
    rescore: bool = typer.Option(True, "--rescore/--no-rescore", help="re-score the run with the frameworks it was scored with"),
):
    """Confirm or override one finding; the review stands for later runs until reviewed again."""
    from .reviews import ReviewError, add_review

    store, run_id = _assessed(db, run)
    try:
        row = add_review(store, run_id, site, feature, state, by, note=note, evidence_url=evidence)
    except ReviewError as exc:
        fail(str(exc))
    console.print(f"{escape(site)} {feature}: {row['state']} (detected {row['detected_state']}) by {escape(by)}",
                  highlight=False)
    if rescore:
        _rescore(store, run_id)


def _rescore(store: Store, run_id: int) -> None:
    from .reviews import rescore

    for name in rescore(store, run_id):
        console.print(f"[yellow]not re-scored with {escape(name)}[/] (not a bundled framework; "
                      f"run egovscan score --framework PATH)", highlight=False)


@review_app.command("export")
def review_export(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="CSV file (default: standard output)"),
):
    """Every review, history included, as CSV: site_id,feature,label,evidence_path,note,reviewer,date
    (text a spreadsheet would take for a formula gets a leading ')."""
    from .reviews import export_csv

    store = Store(existing(db))
    if output is None:
        export_csv(store, sys.stdout)
    else:
        with open(output, "w", newline="", encoding="utf-8") as f:
            count = export_csv(store, f)
        console.print(f"{count} review(s) written to {output}", highlight=False)


@review_app.command("import")
def review_import(
    reviews: Path = typer.Argument(..., help="CSV with site_id,feature,label[,evidence_path,note,reviewer,date]; "
                                   "dates as 2026-11-20, 20/11/2569 or 20 พ.ย. 2569"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run", help="run the reviews are about (default: the latest assessed)"),
    by: str = typer.Option("", "--by", help="reviewer for rows without one"),
):
    """Load reviews from a spreadsheet; bad rows are named and skipped, good rows load; rows
    labelled unknown are no decision."""
    from .reviews import NO_DECISION, ReviewError, import_csv

    store, run_id = _assessed(db, run)
    try:
        result = import_csv(store, str(reviews), run_id, by)
    except ReviewError as exc:
        fail(str(exc))
    for problem in result.problems:
        console.print(f"[red]reviews:[/] {escape(problem)}", highlight=False)
    undecided = (f", {result.undecided} row(s) labelled {NO_DECISION}: no decision, nothing recorded"
                 if result.undecided else "")
    console.print(f"{result.loaded} review(s) loaded, {len(result.problems)} row(s) skipped{undecided}",
                  highlight=False)
    if result.loaded:
        _rescore(store, run_id)
    raise typer.Exit(EXIT_USAGE if result.problems else EXIT_OK)


@review_app.command("stats")
def review_stats(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run"),
):
    """Precision and recall of automatic detection against the reviewed decisions of a run."""
    from assessors import catalogue_order
    from assessors.evaluate import Label, evaluate as run_evaluation

    from stages.reviews import findings

    store, run_id = _assessed(db, run)
    reviewed = [f for f in findings(store, run_id) if f.review is not None]
    labels = [Label(f.site_id, f.feature, f.state, "", f.review.get("note") or "", i)
              for i, f in enumerate(reviewed, start=1)]
    result = run_evaluation(labels, {(f.site_id, f.feature): f.detected for f in reviewed}, {})
    table = Table(title=f"run {run_id}: detection against {len(reviewed)} reviewed finding(s)", title_justify="left")
    for column in ("feature", "precision", "recall", "TP", "FP", "FN", "TN"):
        table.add_column(column)

    def fmt(x):
        return "-" if x is None else f"{x:.2f}"

    for feature, sc in sorted(result.per_feature.items(), key=lambda kv: catalogue_order(kv[0])):
        table.add_row(feature, fmt(sc.precision), fmt(sc.recall), str(sc.tp), str(sc.fp), str(sc.fn), str(sc.tn))
    o = result.overall
    table.add_row("[bold]all[/]", fmt(o.precision), fmt(o.recall), str(o.tp), str(o.fp), str(o.fn), str(o.tn))
    stdout().print(table)


@review_app.command("disagreements")
def review_disagreements(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run"),
):
    """Findings reviewers decided differently, where no majority backs the state that stands."""
    from .reviews import disagreements

    store, run_id = _assessed(db, run)
    listed = disagreements(store, run_id)
    table = Table(title=f"run {run_id}: {len(listed)} finding(s) waiting for another reviewer", title_justify="left")
    for column in ("site", "feature", "reviews", "standing"):
        table.add_column(column, overflow="fold")
    for d in listed:
        table.add_row(escape(d["site_id"]), d["feature"],
                      escape("; ".join(f"{r['reviewer']}: {r['state']}" for r in d["reviews"])), d["standing"])
    stdout().print(table)


@review_app.command("serve")
def review_serve(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run", help="run to review (default: the latest assessed)"),
    host: str = typer.Option("127.0.0.1", "--host", help="address to bind; other than loopback needs --allow-remote"),
    port: int = typer.Option(8765, "--port", help="0 picks a free port"),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="allow a non-loopback --host (a token is then required)"),
    token: Optional[str] = typer.Option(None, "--token", envvar="EGOVSCAN_REVIEW_TOKEN",
                                        help="access token (default for remote binds: a random one, printed)"),
    by: str = typer.Option("", "--by", help="reviewer name filled in on the forms"),
    lang: str = typer.Option("en", "--lang", help="feature titles: en or th"),
):
    """A local page to confirm or override findings in one click, with the archived pages."""
    import secrets

    from reports.html import LANGUAGES

    from .reviewsrv import LOOPBACK, ReviewApp, serve

    if lang not in LANGUAGES:
        fail(f"--lang is one of {', '.join(LANGUAGES)}")
    if host not in LOOPBACK:
        if not allow_remote:
            fail(f"--host {host} is not loopback: other machines could change reviews; "
                 "add --allow-remote (a token is then required)")
        token = token or secrets.token_urlsafe(18)
    store, run_id = _assessed(db, run)
    try:
        server = serve(ReviewApp(db, run_id, lang=lang, reviewer=by), host, port, token)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.server_address[1]}/" + (f"?token={token}" if token else "")
    console.print(f"reviewing run {run_id} at {address} (Ctrl-C stops)", highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@app.callback(invoke_without_command=True)
def _version(version: bool = typer.Option(False, "--version", help="print the version and exit")):
    if version:
        print(f"egovscan {__version__}")
        raise typer.Exit()


def main() -> None:
    try:
        app()
    except CatalogueError as exc:        # a run's own catalogue file (EGOVSCAN_CATALOGUE) that cannot be used
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
