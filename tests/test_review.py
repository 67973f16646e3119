"""Reviews: a consultant's decision beats detection, stands for later runs, and is flagged when
the site changed since; spreadsheets round-trip; the product measures itself against reviews."""

from __future__ import annotations

import csv
import io
import json

import sqlite_utils

from conftest import egovscan


def osi(db, run_id, site_id):
    return db.execute("select osi_raw from scores where run_id = ? and site_id = ? and framework = 'un2012'",
                      [run_id, site_id]).fetchone()[0]


def test_reviews_beat_detection_stand_next_night_and_flag_drift(two_nights, tmp_path):
    db_path, _ = two_nights
    db = sqlite_utils.Database(db_path)
    assert osi(db, 1, "s3") == 7
    # night 1: s3 takes payments at the counter's kiosk site the crawl cannot see
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "somchai", "--run", 1,
             "--note", "pays through the provincial portal", "--evidence", "https://pay.example.go.th/s3", "--db", db_path)
    assert osi(db, 1, "s3") == 7 + 7.5                         # re-scored with the review
    # night 1: s2 has no online payment, says the consultant (the detector agrees)
    egovscan("review", "set", "s2", "payment.online", "--state", "confirm", "--by", "somchai", "--run", 1,
             "--db", db_path)
    # night 2: s2 now shows a payment link; the review stands but is flagged
    egovscan("score", "--db", db_path, "--quiet")
    assert osi(db, 2, "s3") == 7 + 7.5                         # the review stands on the next run
    assert osi(db, 2, "s2") == 2.8                             # reviewed absent beats detected present
    listing = egovscan("review", "list", "--db", db_path).stdout
    assert "needs review" in listing                           # (the table may fold the reason)
    assert "s3" in listing and "overridden" in listing
    document = json.loads(egovscan("export", "--db", db_path, "--format", "json").stdout)
    s2 = next(s for s in document["sites"] if s["site_id"] == "s2")["features"]["payment.online"]
    assert (s2["state"], s2["detected"], s2["origin"], s2["needs_review"]) == ("absent", "present", "overridden", True)
    assert s2["review"]["reviewer"] == "somchai"
    egovscan("report", "--db", db_path, "--out", tmp_path / "report", "--quiet")
    card = (tmp_path / "report" / "sites" / "s3.html").read_text("utf-8")
    assert "overridden · reviewed by somchai" in card and "pays through the provincial portal" in card
    assert "needs review: detected present now, absent when reviewed" in \
        (tmp_path / "report" / "sites" / "s2.html").read_text("utf-8")
    # history is kept: a second decision adds a row, the newest one stands
    egovscan("review", "set", "s3", "payment.online", "--state", "absent", "--by", "malee", "--run", 2, "--db", db_path)
    assert db.execute("select count(*) from reviews where site_id = 's3'").fetchone()[0] == 2
    assert osi(db, 2, "s3") == 7
    stats = egovscan("review", "stats", "--db", db_path).stdout
    assert "payment.online" in stats


def test_review_spreadsheet_round_trip_and_bad_rows(two_nights, tmp_path):
    db_path, _ = two_nights
    egovscan("score", "--db", db_path, "--quiet")
    egovscan("review", "set", "s1", "media.audio_video", "--state", "present", "--by", "somchai",
             "--note", "video on the agency's channel", "--db", db_path)
    exported = egovscan("review", "export", "--db", db_path).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [(r["site_id"], r["feature"], r["label"], r["reviewer"]) for r in rows] == [
        ("s1", "media.audio_video", "present", "somchai")]
    sheet = tmp_path / "reviews.csv"
    sheet.write_text(exported.rstrip("\n") + "\n"
                     "s4,forms.dowload,present,,typo in the feature,malee,2026-11-20\n"
                     "s9,info.news,present,,no such site,malee,2026-11-20\n"
                     "s4,participate.poll,maybe,,bad state,malee,2026-11-20\n"
                     "s4,participate.poll,present,https://s4.example.go.th/poll,poll page,malee,2026-11-20\n", "utf-8")
    proc = egovscan("review", "import", sheet, "--db", db_path, check=False)
    assert proc.returncode == 2
    assert "reviews.csv, line 3: unknown feature 'forms.dowload'" in proc.stderr
    assert "line 4: run 2 has no assessed site 's9'" in proc.stderr
    assert "line 5: state must be one of present, absent, not_applicable or confirm, got 'maybe'" in proc.stderr
    assert "2 review(s) loaded, 3 row(s) skipped" in proc.stderr
    db = sqlite_utils.Database(db_path)
    assert osi(db, 2, "s4") == 38.5 + 7.5                       # the good poll row counted
    again = list(csv.DictReader(io.StringIO(egovscan("review", "export", "--db", db_path).stdout)))
    assert len(again) == 3                                      # ordered by review date: the sheet's come first
    assert again[0]["evidence_path"] == "https://s4.example.go.th/poll" and again[0]["date"] == "2026-11-20"
