"""A site's history over three nights of fixture agencies: its score per framework, what it
gained and lost on the site, and reviewers' decisions told apart from them."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup
from conftest import egovscan


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


def ranking_column(index: str) -> tuple[str, dict[str, str]]:
    """The ranking's change column: its header and each site's cell."""
    tree = BeautifulSoup(index, "html.parser")
    head = tree.select_one("table.ranking th.since-col")
    cells = {tr.select_one("td.site a").get_text(): tr.select_one("td.since-col") for tr in tree.select("table.ranking tbody tr")}
    return head, cells


def card_line(card: str) -> tuple[list[str], list[str]]:
    """The points of a card's history line: the values written over them and their tooltips."""
    figure = BeautifulSoup(card, "html.parser").select_one("#history figure.history-line svg")
    marks = figure.find_all(["circle", "rect", "path"])
    return [t.get_text() for t in figure.find_all("text", attrs={"font-weight": "bold"})], \
        [m.title.get_text() for m in marks]


def test_report_draws_each_cards_history_and_ranks_change_on_the_site_since_n_runs(three_nights, tmp_path):
    db = three_nights
    egovscan("report", "--db", db, "--out", tmp_path / "r", "--quiet")
    out = tmp_path / "r"
    # s4 gained a one-stop service on night 2 and lost it on night 3: three points on its line
    s4 = (out / "sites" / "s4.html").read_text("utf-8")
    values, tips = card_line(s4)
    assert values == ["19", "38.5", "19"] and len(tips) == 3
    assert all(re.fullmatch(r"\d{1,2} Dec 2026 \d\d:\d\d(:\d\d)? · UN e-Government Survey 2012 stages: [\d.]+", t)
               for t in tips), tips
    assert [t.rsplit(": ", 1)[1] for t in tips] == ["19", "38.5", "19"]
    history = BeautifulSoup(s4, "html.parser").select("ul.history-changes li")
    assert [re.sub(r"\s+", " ", li.get_text(" ", strip=True)).split(" 2026 ")[1].split(" ", 1)[1] for li in history] == [
        "lost on the site: One-stop service across agencies", "gained on the site: One-stop service across agencies"]
    # s3: the reviewer's find raises the line, and is listed as a decision, not as a gain of the site
    s3 = (out / "sites" / "s3.html").read_text("utf-8")
    assert card_line(s3)[0] == ["7", "7", "14.5"]
    s3_text = re.sub(r"\s+", " ", BeautifulSoup(s3, "html.parser").select_one("#history").get_text(" ", strip=True))
    assert "reviewers' decisions (not changes on the site): Online payment: absent → present" in s3_text
    assert "gained on the site" not in s3_text
    # one run only: a sentence, no chart; never scored: a sentence too
    s6 = BeautifulSoup((out / "sites" / "s6.html").read_text("utf-8"), "html.parser").select_one("#history")
    assert not s6.find("svg") and "first run that read this agency's website" in s6.get_text()
    s5 = BeautifulSoup((out / "sites" / "s5.html").read_text("utf-8"), "html.parser").select_one("#history")
    assert not s5.find("svg") and "No run could score" in s5.get_text()
    # the line is inert: drawing elements and text only, no script, link, style or event handler
    allowed = {"svg", "title", "line", "polyline", "circle", "rect", "path", "text", "tspan"}
    for tag in BeautifulSoup(s4, "html.parser").select_one("figure.history-line").find_all(True):
        assert tag.name in allowed and not [a for a in tag.attrs if a.lower().startswith(("on", "href", "style"))], tag

    # the ranking's column, since the previous run (N=1): site changes only, signed
    head, cells = ranking_column((out / "index.html").read_text("utf-8"))
    assert re.fullmatch(r"Change since \d{1,2} Dec 2026 \d\d:\d\d", head.get_text()) and "(run 2)" in head["title"]
    assert {s: c.get_text() for s, c in cells.items()} == {"s1": "0", "s2": "0", "s3": "0", "s4": "-19.5", "s5": "–",
                                                          "s6": "new"}
    # the review raised s3's score by 7.5, which the column does not count as growth
    assert cells["s3"]["title"] == "on the site 0; reviewers' decisions +7.5 more, not counted"
    # since two runs back (N=2): s2's payment service counts, s4 is back where it was
    egovscan("report", "--db", db, "--out", tmp_path / "r2", "--since", "2", "--lang", "th", "--quiet")
    head, cells = ranking_column((tmp_path / "r2" / "index.html").read_text("utf-8"))
    assert re.fullmatch(r"เปลี่ยนแปลงนับจาก \d{1,2} ธ\.ค\. 2569 \d\d:\d\d น\.", head.get_text())
    assert "(รอบที่ 1)" in head["title"]
    assert {s: c.get_text() for s, c in cells.items()} == {"s1": "0", "s2": "+7.5", "s3": "0", "s4": "0", "s5": "–",
                                                          "s6": "ใหม่"}
    assert [float(cells[s]["data-sort"]) for s in ("s2", "s4")] == [7.5, 0]
    thai_card = BeautifulSoup((tmp_path / "r2" / "sites" / "s2.html").read_text("utf-8"), "html.parser")
    assert card_line(str(thai_card))[0] == ["2.8", "10.3", "10.3"]
    assert "เพิ่มขึ้นบนเว็บไซต์: ชำระเงินออนไลน์" in thai_card.select_one("ul.history-changes").get_text(" ", strip=True)
    assert "2569" in card_line(str(thai_card))[1][0]                  # Buddhist-Era dates
    # the method page says what the column counts
    method = (tmp_path / "r2" / "method.html").read_text("utf-8")
    assert "ไม่นับการตัดสินของผู้ตรวจ" in method or "จึงไม่นับ" in method
    # more runs back than the database holds: a clear error, nothing written
    wrong = egovscan("report", "--db", db, "--out", tmp_path / "r3", "--since", "3", check=False)
    assert wrong.returncode == 2 and "--since 3: run 3 has 2 earlier assessed run(s)" in wrong.stderr
    assert not (tmp_path / "r3").exists()


def test_a_long_history_line_stays_readable_and_inert():
    """Forty nights: a marker and tooltip for each, dates thinned out to what fits, the first and
    last values written, a night without a score breaking the line; names are escaped text."""
    from reports.charts import history_line

    dates = [(f"{day} ธ.ค. 2569", "") for day in range(1, 31)] + [(f"{day} ม.ค. 2570", "") for day in range(1, 11)]
    values = [20 + n for n in range(40)]
    values[7] = None
    svg = BeautifulSoup(str(history_line(dates, [("<script>alert(1)</script>", values)], lambda v: f"{v:g}",
                                         "{date} · {framework}: {value}", "คะแนน")), "html.parser").svg
    assert len(svg.find_all("circle")) == 39 and len(svg.find_all("polyline")) == 2
    assert svg.find_all("circle")[-1].title.get_text() == "10 ม.ค. 2570 · <script>alert(1)</script>: 59"
    assert not svg.find_all("script")
    labels = [t.get_text() for t in svg.find_all("text") if "2569" in t.get_text() or "2570" in t.get_text()]
    assert 3 <= len(labels) <= 6 and labels[0] == "1 ธ.ค. 2569" and labels[-1] == "10 ม.ค. 2570"
    assert [t.get_text() for t in svg.find_all("text", attrs={"font-weight": "bold"})] == ["20", "59"]


def test_a_review_is_no_growth_in_the_summary_nor_in_the_quadrants(three_nights, tmp_path):
    """Night 3's review finds s3's payment service (+7.5 on its score) while nothing changed on
    s3's site: the summary does not call s3 most improved and its quadrant point stays at no
    growth, beside s1 and s2, which did not change either."""
    egovscan("report", "--db", three_nights, "--out", tmp_path / "r", "--quiet")
    index = BeautifulSoup((tmp_path / "r" / "index.html").read_text("utf-8"), "html.parser")
    summary = re.sub(r"\s+", " ", index.select_one("#summary").get_text(" ", strip=True))
    assert "No agency improved its website since" in summary and "Most improved" not in summary
    rows = {tr.select_one("td a").get_text(): tr.select("td") for tr in index.select("#quadrants tbody tr")}
    assert sorted(rows) == ["s1", "s2", "s3", "s4"]                   # s5 never scored, s6 is new
    growth = {site: cells[4].get_text() for site, cells in rows.items()}
    assert growth == {"s1": "0", "s2": "0", "s3": "0", "s4": "-19.5"}
    assert rows["s3"][4]["title"] == "on the site 0; reviewers' decisions +7.5 more, not counted"
    assert rows["s3"][2].get_text() == "14.5" and rows["s3"][3].get_text() == "7"   # the scores stay as scored
    note = index.select_one("#quadrants p.note").get_text()
    assert "growth -4.9" in note and "reviewers' decisions are left out" in note
    # the chart draws what the table lists: three points at no growth, one below them
    svg = BeautifulSoup((tmp_path / "r" / "assets" / "quadrants.svg").read_text("utf-8"), "xml")
    points = [use for group in svg.find_all("g", id=re.compile(r"^PathCollection_"))
              for use in group.find_all("use") if not group.find_parent("g", id=re.compile(r"^legend"))]
    heights = sorted(round(float(use["y"]), 1) for use in points)
    assert len(heights) == 4 and heights[0] == heights[1] == heights[2] < heights[3], heights
    # a small panel names its points on the chart, as the table names them
    assert sorted(t.get_text() for t in svg.find_all("text") if t.get_text() in rows) == ["s1", "s2", "s3", "s4"]
    method = re.sub(r"\s+", " ", (tmp_path / "r" / "method.html").read_text("utf-8"))
    assert "the growth quadrants count only changes on the site" in method


def test_the_stored_growth_and_the_score_command_count_no_review_as_growth(three_nights):
    """The growth table that `score` writes (and the quadrant line it prints) follow the rule of
    the report: s3's payment service, found by a reviewer on night 3, is not s3's growth."""
    import sqlite_utils

    text = egovscan("score", "--db", three_nights).stdout
    assert "growth against run 2 on a panel of 4 sites" in text
    assert "growth -4.88" in text, text            # (0 + 0 + 0 - 19.5) / 4; with the review: -3.00
    growth = {r["site_id"]: r for r in sqlite_utils.Database(three_nights).query(
        "select * from growth where run_id = 3 and framework = 'un2012'")}
    assert {s: r["growth"] for s, r in growth.items()} == {"s1": 0, "s2": 0, "s3": 0, "s4": -19.5}
    assert growth["s3"]["osi_raw"] == 14.5 and growth["s3"]["prev_osi_raw"] == 7   # the scores stay as scored
