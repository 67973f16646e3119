"""The tables the commands print: a crawl's sites, an assessment's features, a run's scores."""

from __future__ import annotations

import math
from collections import Counter

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ground.store import Store
from reports.formats import hosts_decoded, url_text

WIDE = 120      # narrower terminals get the compact tables: one line a site, numbers whole


def print_crawl_summary(store: Store, run_id: int, out: Console) -> None:
    rows = [tuple(s[k] for k in ("site_id", "name", "status", "pages_fetched", "documents", "outbound_links", "detail"))
            for s in store.site_rows(run_id)]
    by_status = Counter(r[2] or "not crawled" for r in rows)
    # site ids and numbers whole on one line; below WIDE columns only the detail wraps
    wide = out.width >= WIDE
    table = Table(title=f"run {run_id}: {len(rows)} sites", title_justify="left",
                  box=box.HEAVY_HEAD if wide else None, padding=(0, 1), show_edge=wide)
    table.add_column("site", no_wrap=True, overflow="ellipsis", max_width=None if wide else 24)
    table.add_column("status", no_wrap=True)
    for column in ("pages", "documents" if wide else "docs", "outbound links" if wide else "links out"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("detail", overflow="fold", min_width=12)
    for site_id, name, status, pages, docs, outbound, detail in rows[:50]:
        style = "green" if status == "ok" else ("yellow" if status == "partial" else "red")
        # site ids come from the sites file and details from servers' errors: never markup
        table.add_row(escape(site_id), f"[{style}]{escape(status or 'not crawled')}[/]", str(pages or 0),
                      str(docs or 0), str(outbound or 0), escape(hosts_decoded(detail or "")[:80]))
    if len(rows) > 50:
        table.caption = f"first 50 of {len(rows)} sites; every site is in the database"
    out.print(table)
    out.print("by status: " + ", ".join(f"{k} {v}" for k, v in by_status.most_common()), highlight=False)


def quiet_summary(store: Store, run_id: int) -> str:
    """'10 sites: 9 partial, 1 ok': the one line a --quiet run ends with."""
    counts = store.status_counts(run_id)
    return f"{sum(n for _, n in counts)} sites: " + ", ".join(f"{n} {status}" for status, n in counts)


def print_assessment_summary(store: Store, run_id: int, out: Console) -> None:
    from assessors import CATALOGUE

    by_feature = store.feature_counts(run_id)
    table = Table(title=f"run {run_id}: features found", title_justify="left")
    for column in ("feature", "present", "absent", "unknown"):
        table.add_column(column)
    for feature in CATALOGUE:
        present, absent, unknown = by_feature.get(feature, (0, 0, 0))
        table.add_row(feature, str(present), str(absent), str(unknown))
    out.print(table)


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


def _stages_compact(values) -> str:
    """'100 50 0 0': a site's stage percentages in one narrow column."""
    return " ".join("-" if v is None or math.isnan(v) else f"{v:.0f}" for v in values)


def ranking_table(result, width: int) -> Table:
    """The ranking as a table that fits `width` columns: below WIDE, the stages share one column
    of whole percentages, osi_norm (in the exports and the report) is left out, and each site
    keeps one line: its id and its next gap are cut with an ellipsis rather than broken."""
    from stages.scorer import stage_columns

    framework, sites = result.framework, result.sites
    columns = stage_columns(framework)
    scored = sites[sites["scored"]].sort_values(["rank", "site_id"])
    wide = width >= WIDE
    table = Table(title=f"run {result.run_id}: {framework.id} scores, {len(scored)} of {len(sites)} sites scored",
                  title_justify="left", box=None if not wide else box.HEAVY_HEAD, padding=(0, 1),
                  show_edge=wide)
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("site", no_wrap=True, overflow="ellipsis", max_width=None if wide else 20)
    if wide:
        for stage in framework.stages:
            table.add_column(f"stage {stage.number}", justify="right", no_wrap=True)
    else:
        table.add_column("stages %", no_wrap=True)
    table.add_column("osi_raw", justify="right", no_wrap=True)
    if wide:
        table.add_column("osi_norm", justify="right", no_wrap=True)
    # a framework whose dimensions are no ladder (LOSI) reaches no highest stage: no column for it
    ladder = wide or scored["highest_stage"].notna().any()
    if ladder:
        table.add_column("highest" if wide else "top", justify="right", no_wrap=True)
    # a framework with coverage (LOSI) adds its value, level and indicators decided; a narrow
    # table keeps the level only
    extra = (("value", "level", "decided", "open") if wide else ("level",)) if framework.has_coverage else ()
    for column in extra:
        table.add_column(column, justify="left" if column == "level" else "right", no_wrap=True)
    # a narrow ranking keeps one line a site: the next gap only (an id, no space to wrap at), cut
    # with an ellipsis; as the one wrapping column it is the one narrowed to fit
    table.add_column("next to add", overflow="fold" if wide else "ellipsis", min_width=10)
    for row in scored.head(50).to_dict("records"):
        gaps = ", ".join(g["criterion"] for g in row["gaps"][:3 if wide else 1])
        stages = [_pct(row[c]) for c in columns] if wide else [_stages_compact(row[c] for c in columns)]
        norm = [f"{row['osi_norm']:.3f}"] if wide else []
        cover = (row["coverage"] or {}) if extra else {}
        covered = {"value": f"{row['value']:.4f}" if extra else "", "level": (row["level"] or "-") if extra else "",
                   "decided": f"{cover.get('decided')}/{cover.get('indicators')}", "open": str(cover.get("open"))}
        highest = ["-" if row["highest_stage"] is None else str(int(row["highest_stage"]))] if ladder else []
        table.add_row(str(int(row["rank"])), escape(row["site_id"]), *stages, _pct(row["osi_raw"]), *norm, *highest,
                      *(escape(covered[c]) for c in extra), escape(gaps))
    captions = []
    if len(scored) > 50:
        captions.append(f"first 50 of {len(scored)} scored sites; every score is in the database")
    if not wide:
        captions.append("stages 1-" + str(len(framework.stages)) + " in %" + ("; top: highest stage reached" if ladder else "")
                        + "; osi_norm: egovscan export")
    if captions:
        table.caption, table.caption_justify = "\n".join(captions), "left"
    return table


def groups_table(result, width: int) -> Table:
    """Mean scores per group of sites, fitting `width` as the ranking does."""
    from stages.scorer import stage_columns

    framework, columns, wide = result.framework, stage_columns(result.framework), width >= WIDE
    table = Table(title="groups (mean stage_pct; osi_raw from the means)", title_justify="left",
                  box=None if not wide else box.HEAVY_HEAD, padding=(0, 1), show_edge=wide)
    table.add_column("group by", no_wrap=True)
    table.add_column("group", overflow="fold")
    for column in ("sites", "scored"):
        table.add_column(column, justify="right", no_wrap=True)
    if wide:
        for stage in framework.stages:
            table.add_column(f"stage {stage.number}", justify="right", no_wrap=True)
    else:
        table.add_column("stages %", no_wrap=True)
    for column in ("osi_raw", "rank"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in result.groups.to_dict("records"):
        stages = [_pct(row[c]) for c in columns] if wide else [_stages_compact(row[c] for c in columns)]
        table.add_row(escape(row["group_by"]), escape(str(row["group_value"])), str(row["sites"]),
                      str(row["scored"]), *stages, _pct(row["osi_raw"]),
                      "-" if row["rank"] != row["rank"] else str(int(row["rank"])))
    return table


def print_score_summary(result, out: Console) -> None:
    sites = result.sites
    scored = sites[sites["scored"]]
    out.print(ranking_table(result, out.width))
    unscored = sites[~sites["scored"]]
    for row in unscored.head(20).to_dict("records"):
        out.print(f"not scored: {row['site_id']}: {row['reason']}", highlight=False, markup=False)
    if len(scored) == 1:
        out.print("one site scored: its osi_norm is 1.0 by convention", highlight=False)
    out.print(groups_table(result, out.width))
    if result.growth is not None:
        facts = result.growth_facts
        counts = Counter(result.growth["quadrant"])
        out.print(f"growth against run {result.previous_run} on a panel of {facts['panel']} sites"
                  + (f" (means: growth {facts['growth_mean']:.2f}, osi_raw {facts['osi_raw_mean']:.2f}): "
                     + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) if facts["panel"] else ""),
                  highlight=False)


def _score(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_history(history, out: Console) -> None:
    """A site's score per framework over every run, then the changes on the site and, apart,
    the reviewers' decisions, each with its date (reports/history.py)."""
    address = f" · {escape(url_text(history.url))}" if history.url else ""      # a Thai domain in Thai
    table = Table(title=f"{escape(history.site_id)}{address}: {len(history.runs)} assessed run(s)",
                  title_justify="left")
    for column in ("run", "date", "status", *(f"{name} osi_raw" for name in history.frameworks)):
        table.add_column(escape(column), justify="right" if column.endswith("osi_raw") else "left", no_wrap=True)
    for point in history.runs:
        table.add_row(str(point.run_id), point.date[:10], escape(point.status or "not crawled"),
                      *(_score(point.osi_raw[name]) for name in history.frameworks))
    out.print(table)
    out.print("changes on the site:" if history.site else "changes on the site: none", highlight=False)
    for c in history.site:
        out.print(f"  run {c.run_id} ({c.date[:10]}): {c.kind} {c.feature} ({c.before} -> {c.after})",
                  highlight=False, markup=False)
    out.print("reviewers' decisions (not changes on the site):" if history.reviews
              else "reviewers' decisions: none", highlight=False)
    for c in history.reviews:
        # reviewers' names and notes are typed text: never markup
        by = f" by {c.reviewer}" if c.reviewer else ""
        out.print(f"  run {c.run_id} ({c.date[:10]}{by}): {c.feature} {c.before} -> {c.after}",
                  highlight=False, markup=False)


def print_diff(changes: dict, out: Console) -> None:
    """What changed between two runs (reports/diff.py), changes on the sites apart from reviewers'
    decisions: a site whose findings changed only by a review is listed with the decisions, its
    score change beside them, never as a change on the site."""
    on_site = [c for c in changes["changed"]
               if c["features"] or c["status"] or ((c["highest_stage"] or c["osi_raw"]) and not c["reviews"])]
    by_review = [c for c in changes["changed"] if c["reviews"]]
    out.print(f"run {changes['from_run']} -> run {changes['to_run']}: {len(on_site)} site(s) changed on the site, "
              f"{len(by_review)} with reviewers' decisions, {len(changes['added'])} added, "
              f"{len(changes['removed'])} removed", highlight=False)

    def moves(c, keys) -> list[str]:
        return [f"{key} {c[key]['from']} -> {c[key]['to']}" for key in keys if c[key]]

    if on_site:
        out.print("changes on the site:", highlight=False)
    for c in on_site:
        parts = moves(c, ("status", "highest_stage", "osi_raw")) + [
            f"{f['feature']} {f['from']} -> {f['to']}" for f in c["features"]]
        # site ids come from the sites file: never markup
        out.print(f"- {c['site_id']}: " + "; ".join(parts), highlight=False, markup=False)
    if by_review:
        out.print("reviewers' decisions (not changes on the site):", highlight=False)
    for c in by_review:
        score = "" if c in on_site else "".join(f" ({m})" for m in moves(c, ("highest_stage", "osi_raw")))
        out.print(f"- {c['site_id']}: " + "; ".join(f"{f['feature']} {f['from']} -> {f['to']}" for f in c["reviews"])
                  + score, highlight=False, markup=False)
