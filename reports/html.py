"""The HTML report: a folder with index.html (overview and ranking), one report card per
site under sites/, and assets/ (stylesheet, the ranking table's script, chart SVGs).

Everything that comes from crawled pages or the sites file is untrusted: Jinja2 escapes it
(autoescape on for every template), links are made only from http(s) URLs, and a Content
Security Policy lets the report run only its own script file, so a payload that slipped
through escaping could still not run.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from assessors import CATALOGUE
from ground.catalogue import load_catalogue
from ground.store import Store
from stages.framework import Framework, FrameworkError, load_framework
from stages.runs import STANDARD_GROUPS, previous_assessed_run, run_framework

from . import charts
from .data import RunData, load_run
from .diff import diff_runs, score_change, site_growth
from .history import SiteHistory, run_histories
from . import losi
from .formats import date_text, evidence_words, hosts_decoded, moment, number_text, signed_text, url_host, url_text
from .summary import (
    NEXT_STEPS,
    NO_GROUP,
    accuracy,
    comparison,
    crawl_settings,
    executive_summary,
    merged_gaps,
    review_counts,
    scored_sites,
)
from .wording import drift_reason, words

HERE = Path(__file__).parent
LANGUAGES = ("en", "th")
EVIDENCE_SHOWN = 5


def http_url(value) -> str:
    """The URL when it is http(s), else "" (no javascript:, data: or file: link is ever made)."""
    if not isinstance(value, str):
        return ""
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return ""
    return value.strip() if scheme in ("http", "https") else ""


def distinct_evidence(items: list[dict]) -> list[dict]:
    """Evidence without repeats: the same link in every page's menu is shown once."""
    seen, kept = set(), []
    for item in items:
        key = (item["target"] or item["page_url"], item["text"])
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def site_file(site_id: str) -> str:
    """A safe, unique file name for a site's report card."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", site_id)[:60] or "site"
    if safe != site_id:
        safe += "-" + hashlib.sha1(site_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe}.html"


def default_lang(data: RunData) -> str:
    """The sites file's `lang` column when most sites give one of ours, else English."""
    given = Counter(str(s["metadata"].get("lang", "")).lower() for s in data.sites)
    choice, _ = given.most_common(1)[0] if given else ("", 0)
    return choice if choice in LANGUAGES else "en"


def environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    ui = words()["ui"][lang]
    feature_words = words()["features"]
    env.globals.update(
        ui=ui, lang=lang, http_url=http_url, site_file=site_file, distinct_evidence=distinct_evidence,
        feature_title=lambda f: feature_words.get(f, {}).get(lang, f),
        feature_advice=lambda f: feature_words.get(f, {}).get(f"advice_{lang}", ""),
        feature_evidence=lambda f: evidence_rule(f, ui),
        state_word=lambda s: ui.get(s, s),
        status_word=lambda s: ui.get(f"status_{s or 'not crawled'}", s),
        status_desc=lambda s: ui.get(f"statusdesc_{s or 'not crawled'}", ""),
        column_word=lambda c: ui.get(f"col_{c}", c),
        column_known=lambda c: f"col_{c}" in ui,      # else a user's own column: its name is data
        group_word=lambda c: ui.get(f"col_{c}", c),
        group_value=lambda v: ui["not_given"] if v in ("", NO_GROUP, None) else v,
        quadrant_word=lambda q: ui.get(f"quadrant_{q}", q),
        why=lambda drift: drift_reason(drift, lang),
        pct=lambda v: number_text(v, lang, 0),
        num=lambda v, digits=1: number_text(v, lang, digits),
        signed=lambda v: signed_text(v, lang),
        date=lambda v, with_time=False: date_text(v, lang, with_time),
        show_url=url_text, show_host=url_host, show_hosts=hosts_decoded,
        evidence_words=lambda e, site: evidence_words(e["element"], e["region"], is_home(e["page_url"], site), ui),
    )
    return env


def evidence_rule(feature: str, ui: dict) -> str:
    """What counts as evidence for a feature, told from how the catalogue has it checked: the
    generic named-link detector, a detector that reads the page's structure, or a reviewer."""
    entry = load_catalogue().get(feature)
    if entry is None:
        return ""
    if entry.detector is None or entry.check == "human":
        return ui["evidence_human"]
    rule = ui["evidence_named_link"] if entry.detector == "named_link" else ui["evidence_structure"]
    return rule + (" " + ui["evidence_partly"] if entry.check == "partly" else "")


def is_home(page_url: str, site: dict) -> bool:
    """Whether a page is the site's home page (its listed or final URL, or the root of its host)."""
    def norm(url):
        try:
            parts = urlsplit(url or "")
            return (parts.hostname or "", parts.path.rstrip("/").removesuffix("/index.html").removesuffix("/index.php"))
        except ValueError:
            return ("", url)
    page = norm(page_url)
    return page in (norm(site["url"]), norm(site["final_url"])) or (page[1] == "" and bool(page[0]))


def criterion_title(criterion: str, framework: Framework, lang: str) -> str:
    for stage in framework.stages:
        for c in stage.criteria:
            if c.key == criterion and len(c.features) > 1:
                return (c.name_th if lang == "th" and c.name_th else c.name) or criterion
            if c.key == criterion and c.features[0] not in words()["features"]:
                return losi.indicator_title(c, lang)      # no catalogue feature yet: the framework's name
    feature_words = words()["features"]
    return " / ".join(feature_words.get(f, {}).get(lang, f) for f in criterion.split("|"))


def prevalence(data: RunData) -> list[tuple[str, float]]:
    """Per catalogue feature: per cent of judged sites (state not unknown) where it is present."""
    result = []
    for feature in CATALOGUE:
        judged = [s for s in data.sites if s["features"][feature]["state"] not in ("unknown", "not_applicable")]
        present = sum(s["features"][feature]["state"] == "present" for s in judged)
        result.append((feature, 100 * present / len(judged) if judged else 0.0))
    return result


class NotScored(ValueError):
    """The run has no scores for the framework the report is asked for."""


class SinceError(ValueError):
    """--since names more runs back than the database holds."""


def compared_run(store: Store, run_id: int, since: int | None) -> int | None:
    """The assessed run `since` runs before this one (default: the previous one, when any)."""
    earlier = store.earlier_assessed_runs(run_id)
    if since is None:
        return earlier[0] if earlier else None
    if since < 1:
        raise SinceError(f"--since is a number of runs back, at least 1, got {since}")
    if since > len(earlier):
        raise SinceError(f"--since {since}: run {run_id} has {len(earlier)} earlier assessed run(s) in "
                         f"{store.path} (see egovscan runs)")
    return earlier[since - 1]


def since_view(before: RunData, data: RunData, framework: Framework, lang: str, ui: dict) -> dict:
    """The ranking's column "change since": per site the points of osi_raw it made on the site
    since `before` (reviewers' decisions left out, reports.diff.score_change), "new" for a site
    the earlier run did not hold."""
    when = date_text(before.run["started_at"], lang, with_time=True)
    old = {s["site_id"]: s for s in before.sites}
    cells = {}
    for site in data.sites:
        then = old.get(site["site_id"])
        if then is None:
            cells[site["site_id"]] = {"text": ui["since_new"], "sort": -999998,
                                      "title": ui["since_new_title"].format(date=when)}
            continue
        change = score_change(then, site, framework)
        if change is None:
            cells[site["site_id"]] = {"text": signed_text(None, lang), "sort": -999999, "title": ui["since_unscored"]}
            continue
        reviews = change["total"] - change["site"]
        title = (ui["since_reviews"].format(site=signed_text(change["site"], lang), reviews=signed_text(reviews, lang))
                 if round(reviews, 1) else "")
        cells[site["site_id"]] = {"text": signed_text(change["site"], lang), "sort": round(change["site"], 4),
                                  "title": title}
    return {"head": ui["since_head"].format(date=when), "run": before.run["id"],
            "title": ui["since_title"].format(date=when, run=before.run["id"]), "cells": cells}


def history_view(history: SiteHistory | None, framework: Framework, titles: dict[str, str], lang: str,
                 ui: dict, title_of) -> dict:
    """The agency card's history: the line of its scores over every run (one line per framework
    it was scored with, the report's first; `titles` names them) and, newest run first, the
    features gained and lost on the site, reviewers' decisions apart. One run only, or no score
    ever: no line, a sentence says so."""
    if history is None or len(history.runs) < 2:
        return {"single": True, "never_scored": False}
    if not any(value is not None for value in (p.osi_raw.get(framework.id) for p in history.runs)):
        return {"single": True, "never_scored": True}
    days = [date_text(p.date, lang) for p in history.runs]
    dates = [(day, "") for day in days]
    for clock in ("%H:%M", "%H:%M:%S"):                # runs of one day told apart by their time
        if len(set(dates)) == len(dates):
            break
        dates = [(day, f"{moment(p.date):{clock}}" if moment(p.date) else "") for day, p in zip(days, history.runs)]
    names = sorted(history.frameworks, key=lambda name: name != framework.id)
    series = [(titles.get(name, name), [p.osi_raw.get(name) for p in history.runs]) for name in names]
    first, last = (" ".join(p for p in dates[i] if p) for i in (0, -1))
    svg = charts.history_line(dates, series, lambda v: number_text(v, lang), ui["history_point"],
                              ui["history_chart"].format(first=first, last=last))
    when = {p.run_id: " ".join(part for part in d if part) for p, d in zip(history.runs, dates)}
    changes: dict[int, dict] = {}
    for change in history.site:
        entry = changes.setdefault(change.run_id, {"gained": [], "lost": [], "changed": [], "reviews": []})
        title = title_of(change.feature)
        if change.kind == "changed":
            entry["changed"].append(f"{title}: {ui.get(change.before, change.before)} → {ui.get(change.after, change.after)}")
        else:
            entry[change.kind].append(title)
    for change in history.reviews:
        entry = changes.setdefault(change.run_id, {"gained": [], "lost": [], "changed": [], "reviews": []})
        entry["reviews"].append(f"{title_of(change.feature)}: {ui.get(change.before, change.before)} → "
                                f"{ui.get(change.after, change.after)}")
    listed = [dict(changes[p.run_id], date=when[p.run_id]) for p in reversed(history.runs) if p.run_id in changes]
    return {"single": False, "svg": svg, "changes": listed}


def framework_titles(names, framework: Framework, title: str, lang: str) -> dict[str, str]:
    """The frameworks' titles in the report's language (the report's own as the page gives it)."""
    return {name: _framework_title(name, framework, title, lang) for name in names}


def _framework_title(name: str, framework: Framework, title: str, lang: str) -> str:
    if name == framework.id:
        return title
    try:
        other = load_framework(name)
    except FrameworkError:
        return name                               # a framework file no longer at hand: by its id
    return other.title_th if lang == "th" and other.title_th else other.title


def write_report(store: Store, run_id: int, out_dir: Path, framework_name: str | None = None,
                 lang: str | None = None, since: int | None = None) -> Path:
    """Write the report folder for a run from its scores (``stages.runs.ensure_scored`` makes
    sure they exist); returns the path of index.html. The ranking's change column compares with
    the run `since` runs back (default: the previous one; none on a first run)."""
    framework = run_framework(store, run_id, framework_name)
    data = load_run(store, run_id)
    if framework.id not in data.frameworks:
        raise NotScored(f"run {run_id} has no scores for framework {framework.id!r}: "
                        f"run egovscan score --run {run_id} --framework {framework.id} first")
    lang = lang or default_lang(data)
    since_id = compared_run(store, run_id, since)
    previous_id = previous_assessed_run(store, run_id)
    # the previous night is compared (diff, change column, growth), never shown: no evidence
    previous = load_run(store, previous_id, evidence_per_feature=0) if previous_id is not None else None
    changes = diff_runs(previous, data, framework.id) if previous is not None else None
    changed_by_site = {c["site_id"]: c for c in (changes or {}).get("changed", [])}
    stored = data.growth.get(framework.id, [])            # the scored panel, against the run scoring compared
    growth_id = stored[0]["prev_run_id"] if stored else None
    grown_from = None if growth_id is None else previous if growth_id == previous_id else \
        load_run(store, growth_id, evidence_per_feature=0)
    growth = site_growth(grown_from, data, framework) if grown_from is not None else []

    out_dir = Path(out_dir)
    assets = out_dir / "assets"
    sites_dir = out_dir / "sites"
    gauges = assets / "gauges"
    criteria_charts = assets / "criteria"
    for folder in (assets, sites_dir, gauges, criteria_charts):
        folder.mkdir(parents=True, exist_ok=True)
    for old in [*sites_dir.glob("*.html"), *gauges.glob("*.svg"), *criteria_charts.glob("*.svg")]:
        old.unlink()                       # cards of sites no longer in the run must not linger
    for name in ("style.css", "report.js"):
        shutil.copyfile(HERE / "assets" / name, assets / name)

    env = environment(lang)
    ui = env.globals["ui"]
    title_of = lambda c: criterion_title(c, framework, lang)
    chart_files = write_charts(data, framework, lang, ui, assets, growth)
    scored = scored_sites(data, framework)
    ranking = sorted(data.sites, key=lambda s: (s["scores"].get(framework.id, {}).get("rank") or 10**9, s["site_id"]))
    group_columns = [c for c in STANDARD_GROUPS if any(s["metadata"].get(c) for s in data.sites)]
    filters = {c: sorted({str(s["metadata"].get(c) or "") for s in data.sites} - {""}) for c in group_columns}
    before = previous if since_id == previous_id else load_run(store, since_id, evidence_per_feature=0)
    summary = executive_summary(data, framework, lang, ui, title_of, env.globals["status_word"], grown_from, growth)
    common = {"run": data.run, "framework": framework, "criterion_title": title_of, "previous_run": previous,
              "framework_title": framework.title_th if lang == "th" and framework.title_th else framework.title}
    context = {
        **common, "sites": ranking, "scored_count": len(scored),
        "pages": sum(s["pages_fetched"] for s in data.sites),
        "by_status": Counter(s["status"] or "not crawled" for s in data.sites).most_common(),
        "group_columns": group_columns, "filters": filters, "summary": summary,
        "groups": data.groups.get(framework.id, []), "growth": growth, "growth_facts": _growth_facts(growth),
        "charts": chart_files, "changes": changes,
        "since": since_view(before, data, framework, lang, ui) if before is not None else None,
        "losi": {s["site_id"]: losi.site_view(s, framework, lang, ui) for s in data.sites},
        "losi_counts": losi.run_counts(data.sites, framework), "names": {s["site_id"]: s["name"] or s["site_id"] for s in data.sites},
    }
    (out_dir / "index.html").write_text(env.get_template("index.html").render(**context), "utf-8")
    reviewed, overridden = review_counts(data)
    (out_dir / "method.html").write_text(env.get_template("method.html").render(
        **common, features=[f for f in CATALOGUE if f in framework.features], accuracy=accuracy(),
        crawl=crawl_settings(data.run), reviewed=reviewed, overridden=overridden), "utf-8")
    card = env.get_template("site.html")
    features_in_framework = [f for f in CATALOGUE if f in framework.features]
    others = [f for f in CATALOGUE if f not in features_in_framework]
    histories = run_histories(store, run_id)
    titles = framework_titles({name for h in histories.values() for name in h.frameworks}, framework,
                              common["framework_title"], lang)
    feature_title = env.globals["feature_title"]
    for site in data.sites:
        score = site["scores"].get(framework.id) or {}
        name = site_file(site["site_id"])
        gauge = None
        if score.get("scored"):
            gauge = f"assets/gauges/{name.removesuffix('.html')}.svg"
            (out_dir / gauge).write_text(charts.gauge(score["osi_raw"] or 0), "utf-8")
        ladder = [{"stage": stage, "pct": (score.get("stage_pct") or [None] * len(framework.stages))[i],
                   "reached": (score.get("stage_pct") or [0] * len(framework.stages))[i] is not None
                   and (score.get("stage_pct") or [0] * len(framework.stages))[i] >= framework.threshold}
                  for i, stage in enumerate(framework.stages)] if score.get("scored") else []
        gaps = merged_gaps(score.get("gaps"))
        view = losi.site_view(site, framework, lang, ui)
        if view is not None:
            view["chart"] = f"assets/criteria/{name.removesuffix('.html')}.svg"
            (out_dir / view["chart"]).write_text(charts.criteria_chart(
                [c["name"] for c in view["criteria"]], [c["pct"] for c in view["criteria"]], ui["losi_met_pct"]), "utf-8")
        (sites_dir / name).write_text(card.render(
            losi=view,
            **common, site=site, score=score, gauge=gauge, ladder=list(reversed(ladder)),
            steps=gaps[:NEXT_STEPS], further=gaps[NEXT_STEPS:], scored_count=len(scored),
            compare=comparison(site, data, framework, ui) if score.get("scored") else [],
            framework_features=features_in_framework, other_features=others, evidence_shown=EVIDENCE_SHOWN,
            change=changed_by_site.get(site["site_id"]),
            trend=history_view(histories.get(site["site_id"]), framework, titles, lang, ui, feature_title)), "utf-8")
    return out_dir / "index.html"


def _growth_facts(rows: list[dict]) -> dict | None:
    if not rows:
        return None
    return {"growth_mean": sum(r["growth"] for r in rows) / len(rows),
            "score_mean": sum(r["osi_raw"] for r in rows) / len(rows),
            "counts": Counter(r["quadrant"] for r in rows)}


def write_charts(data: RunData, framework: Framework, lang: str, ui: dict, assets: Path,
                 growth: list[dict] | None = None) -> dict:
    """The run's charts; the quadrants from `growth` (reports.diff.site_growth: growth on the site)."""
    files = {}
    scores = [s["scores"].get(framework.id, {}) for s in data.sites]
    scores = [s for s in scores if s.get("scored")]
    if framework.ordered:
        counts = Counter(s["highest_stage"] for s in scores)
        labels = [f"{ui['stage']} {n}" for n in range(len(framework.stages) + 1)]
        values = [counts.get(n, 0) for n in range(len(framework.stages) + 1)]
        svg = charts.bar_chart(labels, values, ui["sites"])
    else:
        labels = [s.name_th if lang == "th" and s.name_th else s.name for s in framework.stages]
        values = [sum(s["stage_pct"][i] or 0 for s in scores) / len(scores) if scores else 0
                  for i in range(len(framework.stages))]
        svg = charts.bar_chart(labels, values, "%", horizontal=True, percent=True)
    (assets / "stages.svg").write_text(svg, "utf-8")
    files["stages"] = "assets/stages.svg"
    feature_words = words()["features"]
    shares = prevalence(data)
    svg = charts.bar_chart([feature_words[f][lang] for f, _ in shares], [v for _, v in shares], "%",
                           horizontal=True, percent=True, width=9)
    (assets / "features.svg").write_text(svg, "utf-8")
    files["features"] = "assets/features.svg"
    if growth:
        facts = _growth_facts(growth)
        site_names = {s["site_id"]: s["name"] or s["site_id"] for s in data.sites}
        svg = charts.quadrant_chart([(r["osi_raw"], r["growth"], r["quadrant"], site_names.get(r["site_id"], r["site_id"]))
                                     for r in growth],
                                    facts["score_mean"], facts["growth_mean"], ui["osi_raw"], ui["growth"],
                                    {q: ui.get(f"quadrant_{q}", q) for q in facts["counts"]})
        (assets / "quadrants.svg").write_text(svg, "utf-8")
        files["quadrants"] = "assets/quadrants.svg"
    return files
