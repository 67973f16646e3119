"""A site's history over three nights of fixture agencies: its score per framework, what it
gained and lost on the site, and reviewers' decisions told apart from them."""

from __future__ import annotations

import json

import pytest
from conftest import FAST, egovscan
from scoring_sites import RUN2, write_sites

# the third night: s4 takes its one-stop link down again
RUN3 = dict(RUN2, s4=RUN2["s4"] - {"connected.one_stop"})


@pytest.fixture
def three_nights(two_nights, tmp_path):
    db, server = two_nights
    egovscan("score", "--db", db, "--quiet")
    # a reviewer confirms on night 1 a finding of s1: a review of an old finding, no change at all
    egovscan("review", "set", "s1", "interact.two_way", "--state", "confirm", "--by", "Malee", "--run", "1",
             "--db", db)
    write_sites(tmp_path / "web", RUN3)
    egovscan("crawl", server.sites_csv, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    egovscan("score", "--db", db, "--quiet")
    # on night 3 a reviewer finds s3's payment service the detector missed (absent both nights)
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "Somchai",
             "--note", "ชำระผ่าน Krungthai NEXT", "--db", db)
    return db


def history(db, site_id) -> dict:
    return json.loads(egovscan("history", site_id, "--db", db, "--json").stdout)


def test_history_tells_site_changes_from_reviewers_decisions_over_three_runs(three_nights):
    db = three_nights
    s2 = history(db, "s2")
    assert [r["run_id"] for r in s2["runs"]] == [1, 2, 3]
    assert [r["osi_raw"]["un2012"] for r in s2["runs"]] == [2.8, 10.3, 10.3]
    assert [(c["run_id"], c["feature"], c["before"], c["after"]) for c in s2["site"]] == \
        [(2, "payment.online", "absent", "present")]
    assert s2["reviews"] == []

    s4 = history(db, "s4")
    assert [r["osi_raw"]["un2012"] for r in s4["runs"]] == [19, 38.5, 19]
    assert [(c["run_id"], c["feature"], c["after"]) for c in s4["site"]] == \
        [(2, "connected.one_stop", "present"), (3, "connected.one_stop", "absent")]

    # the reviewer's decision raises s3's score but is no change on the site
    s3 = history(db, "s3")
    assert s3["runs"][2]["osi_raw"]["un2012"] > s3["runs"][1]["osi_raw"]["un2012"] == 7
    assert s3["site"] == []
    assert [(c["run_id"], c["feature"], c["before"], c["after"], c["reviewer"]) for c in s3["reviews"]] == \
        [(3, "payment.online", "absent", "present", "Somchai")]

    # a review of an old finding is no growth and no decision between runs
    s1 = history(db, "s1")
    assert s1["site"] == [] and s1["reviews"] == []
    # a site down every night: statuses, no score, nothing gained or lost
    s5 = history(db, "s5")
    assert [r["status"] for r in s5["runs"]] == ["http_error"] * 3
    assert [r["osi_raw"]["un2012"] for r in s5["runs"]] == [None] * 3 and s5["site"] == []

    # in the terminal: gains, losses and decisions with their runs and dates, apart
    text = egovscan("history", "s4", "--db", three_nights).stdout
    site = text[text.index("changes on the site:"):text.index("reviewers' decisions")]
    assert "run 2 (" in site and "gained connected.one_stop" in site and "lost connected.one_stop" in site
    assert "38.50" in text and "un2012 osi_raw" in text
    text = egovscan("history", "s3", "--db", three_nights).stdout
    assert "changes on the site: none" in text
    decisions = text[text.index("reviewers' decisions"):]
    assert "by Somchai): payment.online absent -> present" in decisions
    # diff of nights 2 and 3: s4's loss on the site, s3's review apart, with its score beside it
    changes = json.loads(egovscan("diff", "--db", three_nights, "--from", "2", "--to", "3", "--json").stdout)
    by_site = {c["site_id"]: c for c in changes["changed"]}
    assert by_site["s3"]["features"] == [] and [f["feature"] for f in by_site["s3"]["reviews"]] == ["payment.online"]
    text = egovscan("diff", "--db", three_nights, "--from", "2", "--to", "3").stdout
    site, decisions = text.split("reviewers' decisions (not changes on the site):")
    assert "- s4: osi_raw 38.5 -> 19" in site and "connected.one_stop present -> absent" in site
    assert "s3" not in site and "1 site(s) changed on the site, 1 with reviewers' decisions" in site
    assert "- s3: payment.online absent -> present (osi_raw 7" in decisions
    wrong = egovscan("history", "s9", "--db", three_nights, check=False)
    assert wrong.returncode == 2 and "no assessed run has a site 's9'" in wrong.stderr
