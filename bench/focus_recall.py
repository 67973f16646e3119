"""Site-level recall of the stage features at page budgets 25 / 50 / 100, with and without
focused crawling, on ../shared/corpus served on loopback by its serve.py.

    python bench/focus_recall.py [--corpus ../shared/corpus]

Prints a Markdown table (the one in the README). Recall counts labels 'present' that the
detectors find; precision is printed too, to show focus does not buy recall with noise.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessors import CATALOGUE  # noqa: E402
from assessors.evaluate import Score, evaluate, read_labels  # noqa: E402
from ground.store import Store  # noqa: E402

STAGE = set(CATALOGUE[:15])


def egovscan(*args):
    subprocess.run([sys.executable, "-m", "egovscan", *map(str, args)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--budgets", default="25,50,100")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    labels, _ = read_labels(str(corpus / "labels.csv"))
    stage_labels = [label for label in labels if label.feature in STAGE]
    with tempfile.TemporaryDirectory() as tmp:
        sites = Path(tmp) / "sites.csv"
        server = subprocess.Popen([sys.executable, str(corpus / "serve.py"), str(corpus / "sites.csv"), str(sites),
                                   "--third", "78", "--port", str(random.randint(20000, 60000))],
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout.readline().strip() == "ready"
            print("| budget | focus | stage-feature recall | precision | pages fetched |")
            print("|---|---|---|---|---|")
            for budget in map(int, args.budgets.split(",")):
                for focus in (False, True):
                    db = Path(tmp) / f"b{budget}-{int(focus)}.db"
                    egovscan("crawl", sites, "--db", db, "--budget", budget, "--delay", "0", "--per-host", "4",
                             "--quiet", "--set", f"EGOVSCAN_FOCUS={focus}")
                    egovscan("assess", "--db", db, "--quiet")
                    d = Store.reader(db)
                    predicted = {(r["site_id"], r["feature"]): r["state"]
                                 for run in d.runs() for r in d.site_features(run["id"])}
                    score: Score = evaluate(stage_labels, predicted, {}).overall
                    pages = d.count_pages(ok_only=True)
                    print(f"| {budget} | {'on' if focus else 'off'} | {score.recall:.3f} ({score.tp}/{score.tp + score.fn}) "
                          f"| {score.precision:.3f} | {pages} |", flush=True)
        finally:
            server.kill()


if __name__ == "__main__":
    main()
