"""Detector accuracy on the real sites of ../shared/corpus against its human labels.

A regression guard on the development set (the figures in the README come from the same
run); skipped where the corpus is absent.
"""

import re

import sqlite_utils

from assessors.evaluate import evaluate, read_labels
from conftest import FAST, egovscan
from test_corpus_crawl import corpus_sites  # noqa: F401  (fixture)


def test_corpus_precision_and_recall(corpus_sites, corpus, tmp_path):  # noqa: F811
    db_path = tmp_path / "corpus.db"
    egovscan("crawl", corpus_sites, "--db", db_path, *FAST)
    proc = egovscan("evaluate", "--labels", corpus / "labels.csv", "--db", db_path, check=False)
    assert proc.returncode == 2 and "no finished crawl" in proc.stderr     # nothing assessed yet
    egovscan("assess", "--db", db_path, "--quiet")
    db = sqlite_utils.Database(db_path)
    predicted = {(s, f): st for s, f, st in db.execute("select site_id, feature, state from site_features")}
    labels, problems = read_labels(str(corpus / "labels.csv"))
    assert problems == []
    result = evaluate(labels, predicted, {})
    assert result.overall.precision >= 0.95 and result.overall.recall >= 0.90, vars(result.overall)
    assert result.overall.unknown_agree == result.overall.unknown_total == 20   # th-admincourt's splash page
    report = egovscan("evaluate", "--labels", corpus / "labels.csv", "--db", db_path).stdout
    assert "info.organization" in report and "precision" in report
    # the score a consultant reads: from detection vs from the labels, on the fully labelled sites
    agreement = re.search(r"(\d+)/(\d+) within 10 points", report)
    assert agreement and int(agreement[2]) == 15, report[-600:]       # all but the splash page
    assert int(agreement[1]) >= 13, report[-600:]
