"""Scoring through the public CLI: the reference figures of STAGES.md, frameworks as data,
per-site and per-group scores and growth quadrants on crawls of fixture sites whose
features are known by construction (tests/scoring_sites.py)."""

from __future__ import annotations

import json
import tomllib

import pytest
import sqlite_utils

from conftest import egovscan
from scoring_sites import STAGE1
from stages.framework import FrameworkError, Kpi, load_framework, parse_framework
from stages.scorer import score_site


# -- the reference figures (seed 002), through the CLI -------------------------------------

@pytest.mark.parametrize("stage_pct, expected", [
    ("100,55,31,39", "44.71"),      # UN survey 2012, Thailand
    ("100,81,33,22", "44.92"),      # KU-INOVA 2013, ~1,000 Thai government websites
    ("100,100,31,39", "55.51"),     # seed 002's projection: stage 2 at 100 %
    ("0,0,0,0", "0.00"),
    ("100,100,100,100", "100.00"),
])
def test_what_if_reproduces_the_reference_table(stage_pct, expected):
    quiet = egovscan("score", "--framework", "un2012", "--stage-pct", stage_pct, "-q")
    assert quiet.stdout.strip() == expected
    table = egovscan("score", "--stage-pct", stage_pct)             # un2012 is the default
    assert f"osi_raw {expected}" in table.stdout


def test_what_if_rejects_a_wrong_number_of_stages():
    proc = egovscan("score", "--stage-pct", "100,55,31", check=False)
    assert proc.returncode == 2 and "un2012 has 4 stages; --stage-pct gave 3" in proc.stderr
    proc = egovscan("score", "--stage-pct", "100,155,31,39", check=False)
    assert proc.returncode == 2 and "from 0 to 100" in proc.stderr


def test_bundled_frameworks_load_and_weigh_as_documented():
    un = load_framework("un2012")
    assert [s.weight for s in un.stages] == [7, 24, 30, 39]
    assert [[c.key for c in s.criteria] for s in un.stages][3] == ["connected.data_exchange", "connected.one_stop"]
    service = load_framework("egov-service-2016")
    assert len(service.stages) == 6 and not service.ordered
    participation = load_framework("e-participation")
    assert [s.name for s in participation.stages] == ["E-information", "E-consultation", "E-decision-making"]
    listing = egovscan("frameworks").stdout
    assert "un2012" in listing and "egov-service-2016" in listing and "e-participation" in listing


# -- the scorer's rules, on feature states ------------------------------------------------

def states(present=(), **others):
    result = {f: ("absent", None) for f in load_framework("un2012").features}
    result.update({f: ("present", None) for f in present})
    for state, features in others.items():
        result.update({f: (state, None) for f in features})
    return result


def test_site_score_rescales_not_applicable_and_flags_unknown():
    un = load_framework("un2012")
    full_stage1 = states(STAGE1 | {"forms.download", "interact.two_way", "service.online_application"})
    score = score_site(un, "ok", full_stage1)
    assert score.stage_pct == [100, 50, 25, 0] and score.osi_raw == pytest.approx(7 + 12 + 7.5)
    assert score.highest_stage == 2
    assert [(g.criterion, g.gain) for g in score.gaps][:2] == [("participate.poll", 7.5),
                                                                 ("payment.online", 7.5)]
    # an agency that charges no fees: payment is left out, stage 3 rescaled to the rest
    no_fees = dict(full_stage1, **{"payment.online": ("not_applicable", None)})
    assert score_site(un, "ok", no_fees).stage_pct[2] == pytest.approx(100 / 3)
    # unknown counts as not present but is flagged
    unsure = dict(full_stage1, **{"connected.one_stop": ("unknown", None)})
    scored = score_site(un, "ok", unsure)
    assert scored.stage_pct[3] == 0 and scored.unknown == ["connected.one_stop"]
    # a failed crawl gets no score, only its status
    failed = score_site(un, "timeout", {})
    assert not failed.scored and failed.osi_raw is None and failed.reason == "crawl status timeout"
    everything_unknown = states(unknown=un.features)
    assert not score_site(un, "ok", everything_unknown).scored


def test_any_of_and_value_credit_criteria():
    service = load_framework("egov-service-2016")
    base = {f: ("absent", None) for f in service.features}
    coverage = dict(base, **{"access.read_aloud": ("present", None)})
    assert score_site(service, "ok", coverage).stage_pct[2] == pytest.approx(100 / 3)   # read-aloud alone suffices
    tier3 = dict(base, **{"opendata.files": ("present", {"tier": 3})})
    assert score_site(service, "ok", tier3).stage_pct[5] == pytest.approx(50 * 3 / 5)  # CSV: tier 3 of 5
    gaps = score_site(service, "ok", tier3).gaps
    assert gaps == sorted(gaps, key=lambda g: -g.gain)          # unordered: biggest gain first
    assert score_site(service, "ok", tier3).highest_stage is None


# -- frameworks as data: malformed files, and a new one with no code change ----------------

BAD_FRAMEWORKS = {
    "syntax": ("id = \"x\"\n[[stages]\nweight = 1", "not valid TOML"),
    "unknown-feature": ("[[stages]]\nweight = 1\ncriteria = [{ feature = \"forms.dowload\" }]",
                        "unknown feature id 'forms.dowload'"),
    "shares": ("[[stages]]\nweight = 1\ncriteria = [{ feature = \"info.news\", share = 60 },"
               " { feature = \"info.legal\", share = 30 }]", "shares add up to 90, not 100"),
    "no-weight": ("[[stages]]\nname = \"Only\"\ncriteria = [{ feature = \"info.news\" }]", "stage 1 (Only): no weight"),
    "no-stages": ("id = \"empty\"", "needs at least one [[stages]] table"),
    "typo-key": ("[[stages]]\nweigth = 1\ncriteria = [{ feature = \"info.news\" }]", "unknown key(s) weigth"),
}


@pytest.mark.parametrize("name", sorted(BAD_FRAMEWORKS))
def test_malformed_framework_files_get_a_clear_error(tmp_path, name):
    text, problem = BAD_FRAMEWORKS[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text, "utf-8")
    proc = egovscan("score", "--framework", path, "--stage-pct", "100", check=False)
    assert proc.returncode == 2
    assert f"{name}.toml" in proc.stderr and problem in proc.stderr


def test_unknown_framework_name_lists_the_bundled_ones():
    proc = egovscan("score", "--framework", "un2021", "--stage-pct", "1,2,3,4", check=False)
    assert proc.returncode == 2 and "un2012" in proc.stderr and "e-participation" in proc.stderr


# -- whole runs: per-site, per-group, growth quadrants ------------------------------------

def scores(db, run_id, framework="un2012"):
    return {r["site_id"]: r for r in db.query(
        "select * from scores where run_id = ? and framework = ?", [run_id, framework])}


def test_run_scores_sites_groups_and_quadrants(two_nights):
    db_path, server = two_nights
    db = sqlite_utils.Database(db_path)
    first = scores(db, 1)                        # `egovscan run` scored the first night
    assert {s: json.loads(r["stage_pct"]) for s, r in first.items() if r["scored"]} == {
        "s1": [100, 50, 0, 0], "s2": [40, 0, 0, 0], "s3": [100, 0, 0, 0], "s4": [100, 50, 0, 0]}
    assert {s: r["osi_raw"] for s, r in first.items()} == {"s1": 19, "s2": 2.8, "s3": 7, "s4": 19, "s5": None}
    assert first["s5"]["scored"] == 0 and first["s5"]["reason"] == "crawl status http_error"
    assert {s: r["rank"] for s, r in first.items()} == {"s1": 1, "s4": 1, "s3": 3, "s2": 4, "s5": None}
    assert first["s3"]["osi_norm"] == pytest.approx((7 - 2.8) / (19 - 2.8), abs=1e-4)
    assert first["s2"]["osi_norm"] == 0 and first["s1"]["osi_norm"] == 1
    assert {s: r["highest_stage"] for s, r in first.items()} == {"s1": 2, "s2": 0, "s3": 1, "s4": 2, "s5": None}
    # the gap list is the next stage's missing sub-criteria, with what each adds to osi_raw
    assert [(g["criterion"], g["gain"]) for g in json.loads(first["s2"]["gaps"])] == [
        ("info.legal", 1.4), ("info.news", 1.4), ("info.gov_links", 1.4)]
    assert [g["criterion"] for g in json.loads(first["s3"]["gaps"])] == [
        "forms.download", "media.audio_video", "lang.multilingual", "interact.two_way"]

    groups = {(r["group_by"], r["group_value"]): r for r in db.query(
        "select * from group_scores where run_id = 1 and framework = 'un2012'")}
    assert groups[("all", "all")]["osi_raw"] == pytest.approx((19 + 2.8 + 7 + 19) / 4)
    assert json.loads(groups[("all", "all")]["stage_pct"]) == [85, 25, 0, 0]
    assert (groups[("all", "all")]["sites"], groups[("all", "all")]["scored"]) == (5, 4)
    a, b = groups[("ministry", "Ministry A")], groups[("ministry", "Ministry B")]
    assert (a["osi_raw"], a["sites"], a["scored"], a["rank"]) == (pytest.approx(10.9), 2, 2, 2)
    assert (b["osi_raw"], b["sites"], b["scored"], b["rank"]) == (pytest.approx(13.0), 3, 2, 1)
    assert groups[("tier", "province")]["osi_raw"] == pytest.approx((2.8 + 19) / 2)
    assert ("region", "north") not in groups                  # only when asked for
    assert json.loads(first["s2"]["group_ranks"]) == {"ministry": 2, "tier": 2}

    # the second night: `egovscan score` compares with the previous assessed run by default
    out = egovscan("score", "--db", db_path, "--group-by", "region").stdout
    assert "growth against run 1 on a panel of 4 sites" in out
    second = scores(db, 2)
    assert {s: r["osi_raw"] for s, r in second.items() if r["scored"]} == {
        "s1": 19, "s2": 10.3, "s3": 7, "s4": 38.5}
    growth = {r["site_id"]: r for r in db.query("select * from growth where run_id = 2")}
    assert set(growth) == {"s1", "s2", "s3", "s4"}            # s5 failed both nights: not in the panel
    assert {s: r["growth"] for s, r in growth.items()} == {"s1": 0, "s2": 7.5, "s3": 0, "s4": 19.5}
    assert {s: r["quadrant"] for s, r in growth.items()} == {
        "s1": "Maintain", "s2": "Rising Star", "s3": "Developing", "s4": "Developed"}
    region = db.execute("select osi_raw from group_scores where run_id = 2 and group_by = 'region' "
                        "and group_value = 'south'").fetchone()[0]
    assert region == pytest.approx((7 + 38.5) / 2)

    # re-scoring replaces the run's rows; a missing grouping column is a clear error
    egovscan("score", "--db", db_path, "--run", 2, "--quiet")
    assert db.execute("select count(*) from scores where run_id = 2").fetchone()[0] == 5
    proc = egovscan("score", "--db", db_path, "--group-by", "district", check=False)
    assert proc.returncode == 2 and "no sites file column 'district'" in proc.stderr


def test_sites_without_a_group_value_are_not_ranked_as_a_group():
    """Three ministries' sites and three that leave the ministry empty (blank, spaces or
    missing): the empty ones are no "(none)" ministry that takes first place and pushes the
    real ministries down; they get no rank within a ministry."""
    import pandas as pd

    from stages.scorer import group_scores, ranks_within

    framework = load_framework("un2012")
    osi = [10.0, 30.0, 20.0, 90.0, 80.0, 70.0]
    sites = pd.DataFrame({"site_id": list("abcdef"), "scored": [True] * 6, "osi_raw": osi,
                          "ministry": ["Ministry A", "Ministry B", "Ministry C", None, "", "  "],
                          **{f"stage{n}": osi for n in range(1, 5)}})
    groups = group_scores(framework, sites, "ministry")
    assert list(groups["group_value"]) == ["Ministry A", "Ministry B", "Ministry C"]
    assert list(groups["rank"]) == [3, 1, 2] and list(groups["sites"]) == [1, 1, 1]
    ranks = ranks_within(sites, "ministry")
    assert list(ranks[:3]) == [1, 1, 1] and ranks[3:].isna().all()
    # near miss: a ministry written with spaces around it is still that ministry
    sites.loc[3, "ministry"] = " Ministry A "
    groups = group_scores(framework, sites, "ministry")
    assert groups.set_index("group_value").loc["Ministry A", "sites"] == 2
    assert list(ranks_within(sites, "ministry")[[0, 3]]) == [2, 1]


def test_a_new_framework_file_needs_no_code_change(two_nights, tmp_path):
    db_path, _ = two_nights
    custom = tmp_path / "contact-first.toml"
    custom.write_text(
        'title = "Contact first"\nthreshold = 100\n'
        '[[stages]]\nname = "Reachable"\nweight = 3\n'
        'criteria = [{ feature = "info.contact" }, { feature = "interact.two_way" }]\n'
        '[[stages]]\nname = "Pays"\nweight = 1\ncriteria = [{ feature = "payment.online" }]\n', "utf-8")
    egovscan("score", "--db", db_path, "--quiet")
    egovscan("score", "--db", db_path, "--framework", custom, "--quiet")
    db = sqlite_utils.Database(db_path)
    custom_scores = scores(db, 2, "contact-first")
    assert {s: json.loads(r["stage_pct"]) for s, r in custom_scores.items() if r["scored"]} == {
        "s1": [100, 0], "s2": [50, 100], "s3": [50, 0], "s4": [100, 0]}
    assert custom_scores["s2"]["osi_raw"] == pytest.approx((3 * 50 + 1 * 100) / 4)
    assert custom_scores["s2"]["highest_stage"] == 0          # threshold 100: stage 1 not reached
    assert len(scores(db, 2, "un2012")) == 5                  # the run's un2012 scores stay


# -- seed 003's KPI scoring, level tables, pooled indexes ----------------------------

@pytest.mark.parametrize("thresholds, raw, points", [
    ([70, 75, 80, 85, 90], 84.40, 3.88),        # seed 003 line 1110: satisfaction 84.40 % -> 3.8800
    ([4, "-", 5, "-", 6], 5, 3.0),              # line 1106: no thresholds for levels 2 and 4 -> 3.0000
    ([461.30, 511.30, 561.30, 611.30, 661.30], 773, 5.0),    # line 1103: beyond level 5 stays 5
    ([99.3, 99.4, 99.5, 99.6, 99.7], 99.3, 1.0),
    ([70, 75, 80, 85, 90], 69.9, 0.0),          # short of level 1: no points (our reading)
    ([365, 180, 90, 30, 7], 60, 3.5),           # falling: days since the last update, fewer is better
    ([365, 180, 90, 30, 7], 7, 5.0),
])
def test_kpi_points_interpolate_between_five_thresholds(thresholds, raw, points):
    kpi = Kpi("x", tuple(None if t == "-" else float(t) for t in thresholds))
    assert kpi.points(raw) == pytest.approx(points)


def test_seed_003_scorecard_reproduces_its_total():
    scorecard = load_framework("tests/frameworks/ega-kpi-2014.toml")
    results = [5, 5, 773, 482, 5, 5, 5, 5, 84.40, 100, 100, 99.88, 4.80, 4.00]      # lines 1100-1117
    states = {f: ("present", {"result": r}) for f, r in zip(scorecard.features, results)}
    score = score_site(scorecard, "ok", states)
    # seed 003 prints each dimension's and the total score out of 5: 4.8333, 4.4400, 5.0000, 4.5333; 4.7740
    assert [round(p * 5 / 100, 4) for p in score.stage_pct] == [4.8333, 4.44, 5.0, 4.5333]
    assert round(score.osi_raw * 5 / 100, 4) == 4.774
    # a KPI whose feature recorded no figure is open, not zero
    states["kpi.satisfaction_pct"] = ("present", {})
    assert "kpi.satisfaction_pct" in score_site(scorecard, "ok", states).unknown


BAD = {
    "kpi-four": ('criteria = [{ feature = "site.freshness", kpi = { value = "days", thresholds = [1, 2, 3, 4] } }]',
                 "needs 5 thresholds"),
    "kpi-zigzag": ('criteria = [{ feature = "site.freshness", kpi = { value = "days", thresholds = [1, 3, 2, 4, 5] } }]',
                   "thresholds must rise"),
    "kpi-no-top": ('criteria = [{ feature = "site.freshness", kpi = { value = "days", thresholds = [1, 2, 3, 4, "-"] } }]',
                   "levels 1 and 5 need a threshold"),
    "check": ('criteria = [{ feature = "info.news", check = "manual" }]', "check of info.news must be one of"),
    "planned-off": ('criteria = [{ feature = "info.no_such_feature" }]', "unknown feature id 'info.no_such_feature'"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_criteria_are_named(name):
    text, problem = BAD[name]
    with pytest.raises(FrameworkError, match=problem):
        parse_framework({"stages": [{"weight": 1, **_criteria(text)}]}, f"{name}.toml", name)


def _criteria(text):
    return tomllib.loads(text)


@pytest.mark.parametrize("levels, problem", [
    ([{"name": "high", "from": 0.5}], "must start from = 0"),
    ([{"name": "low", "from": 0.0}, {"name": "high", "from": 0.5}], "levels go from the highest band down"),
    ([{"name": "odd", "above": 0.5, "from": 0.5}, {"name": "low", "from": 0}], "either above = x"),
    ([{"name": "big", "from": 50}, {"name": "low", "from": 0}], "0-1 scale"),
])
def test_bad_level_tables_are_named(levels, problem):
    data = {"levels": levels, "stages": [{"weight": 1, "criteria": [{"feature": "info.news"}]}]}
    with pytest.raises(FrameworkError, match=problem):
        parse_framework(data, "levels.toml", "levels")


def test_a_pooled_framework_takes_no_weights_and_planned_ids_must_look_like_ids():
    with pytest.raises(FrameworkError, match="remove the stage weight"):
        parse_framework({"index": "pooled", "stages": [{"weight": 2, "criteria": [{"feature": "info.news"}]}]},
                        "p.toml", "p")
    with pytest.raises(FrameworkError, match="'Info Budget' is not a feature id"):
        parse_framework({"planned_features": True, "stages": [{"weight": 1, "criteria": [{"feature": "Info Budget"}]}]},
                        "p.toml", "p")


HUMAN_ENTRY = ('[features."participate.email_answer"]\nfamily = "further"\ncheck = "human"\n'
               'title_en = "Answers e-mail"\ntitle_th = "ตอบอีเมล"\nadvice_en = "A"\nadvice_th = "ก"\n')


def test_a_framework_takes_the_catalogue_check_kind_and_cannot_contradict_it(tmp_path, monkeypatch):
    catalogue = tmp_path / "mine.toml"
    catalogue.write_text(HUMAN_ENTRY, "utf-8")
    monkeypatch.setenv("EGOVSCAN_CATALOGUE", str(catalogue))
    stage = {"weight": 1, "criteria": [{"feature": "participate.email_answer"}, {"feature": "info.news"}]}
    framework = parse_framework({"stages": [stage]}, "mail.toml", "mail")
    assert [c.check for c in framework.stages[0].criteria] == ["human", "auto"]
    # a detector's "present" does not count for a feature only a reviewer decides
    score = score_site(framework, "ok", {"participate.email_answer": ("present", None), "info.news": ("present", None)})
    assert score.stage_pct == [50] and score.unknown == ["participate.email_answer"]
    assert score_site(framework, "ok", {"participate.email_answer": ("present", None), "info.news": ("absent", None)},
                      reviewed={"participate.email_answer"}).stage_pct == [50]
    stage["criteria"][0]["check"] = "auto"
    with pytest.raises(FrameworkError, match="only a reviewer decides participate.email_answer"):
        parse_framework({"stages": [stage]}, "mail.toml", "mail")
