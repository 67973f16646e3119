"""The `egovscan` command line.

Exit codes (all commands): 0 the work completed (some sites may have failed: their status
says why); 1 the run was interrupted and can be resumed; 2 bad usage or unusable input
(the message names the file, the line and the problem).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from ground.catalogue import CatalogueError
from ground.sites import SITE_LISTS, SitesFileError, read_sites, site_list
from ground.store import Store

from . import __version__
from .common import EXIT_OK, EXIT_USAGE, console, existing, fail, holding, report_folder, stdout, usable_db


def _catalogue_unusable(exc: CatalogueError) -> None:
    """A run's own catalogue file (EGOVSCAN_CATALOGUE) that cannot be used: named, exit 2."""
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(2)


try:        # the steps load the catalogue as the command line loads
    from reports.export import FORMATS, format_names, formats_help, output_help

    from .pipeline import run_demo, run_pipeline
    from .steps import (assessed_run, do_assess, do_crawl, do_merge, do_prune, do_report, do_score, do_shard,
                        export_run, load_framework_or_fail, pick_run, report_input_errors)
    from .tables import print_diff, print_history, print_what_if
except CatalogueError as exc:
    _catalogue_unusable(exc)

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Crawl government agency websites and tell how far each has come as an online service.")


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
    shard: bool = typer.Option(False, "--shard", help="with --redis: this worker writes its own database, a shard "
                                                       "of the run (egovscan merge joins the shards)"),
    set_: list[str] = typer.Option([], "--set", "-s", help="any Scrapy or EGOVSCAN_* setting, KEY=VALUE"),
):
    """Crawl every site of SITES into the database and a WARC archive."""
    usable_db(db)
    # workers of a shared run (--redis) write one database together; Redis orders them
    with contextlib.nullcontext() if redis else holding(db):
        code = do_crawl(sites, db, warc_dir, budget, depth, delay, per_host, resume, render, contact, quiet, verbose,
                        set_, redis=redis, shard=shard)
    raise typer.Exit(code)


@app.command()
def merge(
    shards: list[Path] = typer.Argument(..., help="the shard databases (their WARC folders beside them)"),
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="the run's database to merge them into"),
    warc_dir: Optional[Path] = typer.Option(None, "--warc-dir", help="where the run's WARC files go (default: <db>-warc/)"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Merge shards (workers' own databases, Scrapyd parts' databases) into one run of the database."""
    with holding(usable_db(db)):
        code = do_merge(shards, db, warc_dir, quiet)
    raise typer.Exit(code)


@app.command()
def shard(
    sites: Path = typer.Argument(..., help="sites CSV to split"),
    parts: int = typer.Option(..., "--parts", min=1, help="how many parts (one per crawler: a Scrapyd job on each node)"),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="where the parts go (default: beside SITES)"),
):
    """Split a sites file into parts by host, balanced, for crawlers that share nothing; merge their runs after."""
    raise typer.Exit(do_shard(sites, parts, out_dir))


@app.command()
def assess(
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="database with a crawl"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest crawled run)"),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="worker processes (default: 2 or fewer cores)"),
    resume: bool = typer.Option(False, "--resume", help="continue an interrupted assessment instead of starting over"),
    merge: list[Path] = typer.Option([], "--merge", help="a shard database to merge into the run first (egovscan merge); "
                                                         "repeat it for each shard"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Detect every catalogue feature on the stored pages of a crawl (never the network)."""
    with holding(usable_db(db) if merge else existing(db)):
        code = do_assess(db, run, workers, resume, quiet, merge=merge)
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
    from reports.formats import url_text

    existing(db)
    scored_by = load_framework_or_fail(framework)      # a wrong name is said before any work
    try:
        label_rows, problems = read_labels(str(labels))
    except LabelsError as exc:
        fail(str(exc))
    for problem in problems:
        console.print(f"[red]labels:[/] {escape(problem)}", highlight=False)
    store = Store(db)
    run_id = pick_run(store, run, states=("assessed",))
    predicted = {(r["site_id"], r["feature"]): r["state"] for r in store.site_features(run_id)}
    evidence: dict = {}
    for e in store.evidence(run_id):
        evidence.setdefault((e["site_id"], e["feature"]), []).append(
            f"{url_text(e['page_url'])} -> {url_text(e['target']) or '(page)'}: {e['text']}")
    result = run_evaluation(label_rows, predicted, evidence)
    out = stdout(wide=True)
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
        chosen = load_framework_or_fail(framework)
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
        framework = load_framework_or_fail(name)
        parts = "stages" if framework.ordered else "criteria"
        facts = [f"{framework.indicators} indicators in {len(framework.stages)} {parts}"]
        human = sum(c.check == "human" for s in framework.stages for c in s.criteria)
        if human:
            facts.append(f"{human} decided by a reviewer")
        if framework.planned:
            facts.append(f"{len(framework.planned)} feature(s) with no detector yet (open until there is one)")
        if framework.levels:
            facts.append("levels: " + ", ".join(f"{level.name} {'from' if level.inclusive else 'above'} {level.bound:g}"
                                                for level in framework.levels))
        table = Table(title=f"{framework.id}: {escape(framework.title)} ({'; '.join(facts)})", title_justify="left",
                      caption=escape(framework.source), caption_justify="left")
        pooled = framework.index == "pooled"
        for column in ("stage" if framework.ordered else "criterion", "weight",
                       "indicators (code)" if pooled else "criteria (share of the stage)"):
            table.add_column(column, overflow="fold")
        for stage in framework.stages:
            table.add_row(f"{stage.number} {escape(stage.name)}", f"{stage.weight:g}",
                          ", ".join(f"{c.key} ({c.code})" if pooled and c.code else
                                    c.key if pooled else f"{c.key} {c.share:.4g}%" for c in stage.criteria))
        out.print(table)


@app.command()
def report(
    db: Path = typer.Option(Path("egovscan.db"), "--db", help="database with an assessed run"),
    out: Path = typer.Option(Path("egovscan-report"), "--out", help="folder to write index.html, sites/ and assets/ into"),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest assessed run)"),
    framework: Optional[str] = typer.Option(None, "--framework", "-f", help="framework (default: the run's last scored, else un2012)"),
    lang: Optional[str] = typer.Option(None, "--lang", help="th or en (default: the sites file's lang column, else en)"),
    pdf: bool = typer.Option(False, "--pdf", help="also print pdf/summary.pdf, pdf/method.pdf and pdf/sites/<card>.pdf (A4, Chromium)"),
    since: Optional[int] = typer.Option(None, "--since", help="the ranking's change column compares with the run N runs back (default: the previous run)"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Write the HTML report: summary, ranking, charts, groups, quadrants, changes, method, a card per site."""
    raise typer.Exit(do_report(existing(db), report_folder(out), run, framework, lang, quiet, pdf, since))


@app.command(help=formats_help())
def export(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    format_: str = typer.Option("json", "--format", help=format_names()),
    run: Optional[int] = typer.Option(None, "--run", help="run id (default: the latest assessed run)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help=output_help()),
    framework: Optional[str] = typer.Option(None, "--framework", "-f", help="also score the run with this framework when it has no scores for it yet (every framework the run was scored with is exported)"),
):
    chosen = FORMATS.get(format_)
    if chosen is None:
        fail(f"--format is {format_names()}, got {format_!r}")
    if chosen.needs_file and output is None:
        fail(f"--format {chosen.name} needs --output FILE.{chosen.name}")
    scored_by = load_framework_or_fail(framework) if framework is not None else None   # before any work
    store, run_id = assessed_run(db, run)
    if scored_by is None:
        export_run(store, run_id, chosen, output)
    else:
        with holding(existing(db)):
            export_run(store, run_id, chosen, output, scored_by)
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
    to_id = pick_run(store, to_run, states=("assessed",))
    from_id = from_run if from_run is not None else previous_assessed_run(store, to_id)
    if from_id is None:
        fail(f"{db}: run {to_id} has no earlier assessed run to compare with")
    pick_run(store, from_id)
    changes = diff_runs(load_run(store, from_id, evidence_per_feature=0),        # states compared, evidence not shown
                        load_run(store, to_id, evidence_per_feature=0), framework)
    out = stdout()
    if as_json:
        sys.stdout.write(json_module.dumps(changes, ensure_ascii=False, indent=1) + "\n")
        raise typer.Exit(EXIT_OK)
    print_diff(changes, out)
    raise typer.Exit(EXIT_OK)


@app.command()
def history(
    site: str = typer.Argument(..., help="site_id, as in the sites file"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    as_json: bool = typer.Option(False, "--json", help="print the history as JSON"),
):
    """A site's score per framework across every run in the database, and the features it gained
    and lost with dates, apart from reviewers' decisions (a review is not growth of the site)."""
    import dataclasses
    import json as json_module

    from reports.history import HistoryError, site_history

    try:
        found = site_history(Store(existing(db)), site)
    except HistoryError as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(json_module.dumps(dataclasses.asdict(found), ensure_ascii=False, indent=1) + "\n")
    else:
        print_history(found, stdout())
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
    budget: int = typer.Option(100, "--budget", min=1, help="pages per site"),
    depth: int = typer.Option(5, "--depth", min=0, help="clicks from the start page"),
    delay: Optional[float] = typer.Option(None, "--delay", min=0, help="seconds between requests to one host (default 1)"),
    per_host: Optional[int] = typer.Option(None, "--per-host", min=1, help="parallel requests per host (default 2)"),
    render: bool = typer.Option(False, "--render", help="render JavaScript-only pages in Chromium (scrapy-playwright)"),
    contact: Optional[str] = typer.Option(None, "--contact", help="URL or e-mail put in the User-Agent for site owners"),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="assessment worker processes (default: 2 or fewer cores)"),
    framework: str = typer.Option("un2012", "--framework", "-f", help="framework to score with"),
    group_by: list[str] = typer.Option([], "--group-by", help="another sites-file column to group scores by (ministry, province, tier and agency_type always are)"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    set_: list[str] = typer.Option([], "--set", "-s", help="any Scrapy or EGOVSCAN_* setting, KEY=VALUE"),
    keep_warcs: Optional[int] = typer.Option(
        None, "--keep-warcs", min=0, help="after a good run, delete the WARCs of all but the newest N runs"),
    overlap: bool = typer.Option(True, "--overlap/--no-overlap",
                                 help="assess each site as soon as its crawl is done, beside the crawl (the default), "
                                      "or only after the whole crawl"),
):
    """The nightly job: crawl every site, assess the crawl, score it, write the report.

    A run stopped on the way is finished by the same command: an unfinished crawl is resumed, and
    a run stopped after its crawl (while assessing, scoring or reporting) is assessed, scored and
    reported instead of crawling a new one."""
    usable_db(db)
    report_folder(out)
    with holding(db):
        code = run_pipeline(sites, db, out, lang, budget, delay, framework, quiet, set_, keep_warcs, depth=depth,
                            per_host=per_host, render=render, contact=contact, workers=workers, group_by=group_by,
                            overlap=overlap)
    raise typer.Exit(code)


@app.command()
def prune(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    keep: int = typer.Option(..., "--keep", min=0, help="keep the WARCs of the newest N finished runs"),
    dry_run: bool = typer.Option(False, "--dry-run", help="say what would be deleted, delete nothing"),
):
    """Delete old runs' WARC files; their scores, features, evidence and reviews stay."""
    with contextlib.nullcontext() if dry_run else holding(existing(db)):
        do_prune(Store(existing(db)), keep, dry_run=dry_run)


@app.command("sites")
def sites_list(
    name: str = typer.Argument(..., help=f"a site list shipped with egovscan: {', '.join(sorted(SITE_LISTS))}"),
    tier: list[str] = typer.Option([], "--tier", help="only this tier (ministry, department, state-enterprise, "
                                   "public-organization, independent, province, local); repeatable"),
    ministry: list[str] = typer.Option([], "--ministry", help="only this ministry (its Thai abbreviation, e.g. มท.); repeatable"),
    province: list[str] = typer.Option([], "--province", help="only this province (Thai name); repeatable"),
    with_inferred: bool = typer.Option(False, "--with-inferred", help="add the rows built from the www.<province>.go.th "
                                       "pattern where the sources were wrong (source = pattern)"),
):
    """Print a site list shipped with egovscan as a sites file: egovscan sites thailand > sites.csv"""
    try:
        text = site_list(name, with_inferred, tier=tuple(tier), ministry=tuple(ministry), province=tuple(province))
    except SitesFileError as exc:
        fail(str(exc))
    sys.stdout.write(text)


@app.command("check-sites")
def check_sites(sites: Path = typer.Argument(..., help="sites CSV to check")):
    """Check a sites file without crawling: every bad row with its line and problem."""
    try:
        sites_file = read_sites(sites)
    except SitesFileError as exc:
        fail(str(exc))
    report_input_errors(sites_file)
    stdout().print(f"{len(sites_file.sites)} good site row(s), {len(sites_file.errors)} bad", highlight=False)
    raise typer.Exit(EXIT_USAGE if sites_file.errors else EXIT_OK)


@app.command()
def runs(db: Path = typer.Option(Path("egovscan.db"), "--db")):
    """List the runs in a database."""
    store = Store(existing(db))
    table = Table()
    for column in ("run", "state", "started", "finished", "sites file", "sites", "done", "WARCs"):
        table.add_column(column)
    for run in store.runs():
        total, done = store.count_sites(run["id"])
        warcs = f"pruned {run['warcs_pruned_at'][:10]}" if run["warcs_pruned_at"] else "kept"
        table.add_row(str(run["id"]), run["state"], run["started_at"], run["finished_at"] or "",
                      escape(run["sites_file"]), str(total), str(done), warcs)
    stdout(wide=True).print(table)


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-out"), "--out", help="folder for the demo database and archive"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
):
    """Serve the bundled sample sites on loopback and run the pipeline on them."""
    code = run_demo(out, quiet)
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
    from reports.formats import url_text
    from reports.wording import drift_reason

    from stages.reviews import findings

    store, run_id = assessed_run(db, run)
    rows = findings(store, run_id, site)
    if site is None:
        rows = [f for f in rows if f.review is not None or f.needs_review]
    elif not rows:
        fail(f"run {run_id} has no assessed site {site!r}")
    shown = store.site_row(run_id, site) if site else None
    address = f" · {escape(url_text(shown['url']))}" if shown and shown.get("url") else ""   # a Thai domain in Thai
    table = Table(title=f"run {run_id}: findings" + (f" of {escape(site)}{address}" if site else " with reviews"),
                  title_justify="left")
    for column in ("site", "feature", "detected", "state", "origin", "reviewer", "note", "flag"):
        table.add_column(column, overflow="fold")
    for f in rows:
        review = f.review or {}
        table.add_row(escape(f.site_id), f.feature, f.detected, f.state, f.origin, escape(review.get("reviewer") or ""),
                      escape(review.get("note") or ""), f"[red]needs review: {escape(drift_reason(f.drift))}[/]" if f.needs_review else "")
    stdout(wide=True).print(table)


@review_app.command("set")
def review_set(
    site: str = typer.Argument(..., help="site_id"),
    feature: str = typer.Argument(..., help="feature id"),
    state: str = typer.Option(..., "--state", help="present, absent, not_applicable, or confirm (keep the detected state)"),
    by: str = typer.Option(..., "--by", help="who decides"),
    note: str = typer.Option("", "--note"),
    evidence: str = typer.Option("", "--evidence", help="URL a colleague can open to check"),
    public: bool = typer.Option(False, "--public", help="the note may be shown on agency-facing pages (default: internal)"),
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run", help="run reviewed (default: the latest assessed)"),
    rescore: bool = typer.Option(True, "--rescore/--no-rescore", help="re-score the run with the frameworks it was scored with"),
):
    """Confirm or override one finding; the review stands for later runs until reviewed again."""
    from .reviews import ReviewError, add_review

    store, run_id = assessed_run(db, run)
    try:
        row = add_review(store, run_id, site, feature, state, by, note=note, evidence_url=evidence, public=public)
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

    store, run_id = assessed_run(db, run)
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

    store, run_id = assessed_run(db, run)
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
    stdout(wide=True).print(table)


@review_app.command("disagreements")
def review_disagreements(
    db: Path = typer.Option(Path("egovscan.db"), "--db"),
    run: Optional[int] = typer.Option(None, "--run"),
):
    """Findings reviewers decided differently, where no majority backs the state that stands."""
    from .reviews import disagreements

    store, run_id = assessed_run(db, run)
    listed = disagreements(store, run_id)
    table = Table(title=f"run {run_id}: {len(listed)} finding(s) waiting for another reviewer", title_justify="left")
    for column in ("site", "feature", "reviews", "standing"):
        table.add_column(column, overflow="fold")
    for d in listed:
        table.add_row(escape(d["site_id"]), d["feature"],
                      escape("; ".join(f"{r['reviewer']}: {r['state']}" for r in d["reviews"])), d["standing"])
    stdout(wide=True).print(table)


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
    store, run_id = assessed_run(db, run)
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
    except CatalogueError as exc:
        _catalogue_unusable(exc)
