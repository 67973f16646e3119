"""The tables the commands print: a crawl's sites, an assessment's features, a run's scores."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ground.store import Store


def print_crawl_summary(store: Store, run_id: int, out: Console) -> None:
    rows = [tuple(s[k] for k in ("site_id", "name", "status", "pages_fetched", "documents", "outbound_links", "detail"))
            for s in store.site_rows(run_id)]
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


def print_score_summary(result, out: Console) -> None:
    from stages.scorer import stage_columns

    framework, sites, groups = result.framework, result.sites, result.groups
    columns = stage_columns(framework)
    scored = sites[sites["scored"]].sort_values(["rank", "site_id"])
    table = Table(title=f"run {result.run_id}: {framework.id} scores, {len(scored)} of {len(sites)} sites scored",
                  title_justify="left")
    extra = ("value", "level", "decided", "open") if framework.has_coverage else ()
    for column in ("rank", "site", *[f"stage {s.number}" for s in framework.stages], "osi_raw", "osi_norm",
                   "highest", *extra, "next to add"):
        table.add_column(column, overflow="fold")
    for row in scored.head(50).to_dict("records"):
        gaps = ", ".join(g["criterion"] for g in row["gaps"][:3])
        cover = row["coverage"] or {}
        table.add_row(str(int(row["rank"])), escape(row["site_id"]), *[_pct(row[c]) for c in columns],
                      _pct(row["osi_raw"]), f"{row['osi_norm']:.3f}",
                      "-" if row["highest_stage"] is None else str(int(row["highest_stage"])),
                      *((f"{row['value']:.4f}", row["level"] or "-", f"{cover.get('decided')}/{cover.get('indicators')}",
                         str(cover.get("open"))) if extra else ()), escape(gaps))
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
