"""What the agency cards' histories cost at national scale: a report of the newest of many
nightly runs against a report of the first, in the same database and the same invocation.

    python bench/history_scale.py [--sites 8000] [--runs 30] [--keep DIR]

Builds a database of SYNTHETIC agencies through the store's own API (no SQL here): every
night each site's catalogue features are written as an assessment would write them (a few
sites gain or lose a feature from one night to the next, a few findings are reviewed), and the
run is scored with un2012 as `egovscan score` does. Then, each in its own process:

1. `egovscan report --run 1`: one run, no history, no comparison (the baseline);
2. `egovscan report --run N`: the same sites with N nights of history on every card, the
   change column and the growth quadrants against the night before;
3. the histories alone (`reports.history.run_histories`) for run N, against `load_run` of
   run 1, the reading a one-run report does anyway.

Prints wall time and peak RSS (os.wait4: the process and its children) and their ratios
against the baseline: the machine is shared and noisy, so seconds alone mean little.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessors import CATALOGUE  # noqa: E402
from egovscan.reviews import add_review  # noqa: E402
from ground.sites import read_sites  # noqa: E402
from ground.store import Store, now  # noqa: E402
from stages.framework import load_framework  # noqa: E402
from stages.runs import score_run  # noqa: E402

MINISTRIES = [f"กระทรวงตัวอย่าง {n}" for n in range(1, 21)]
TIERS = ("ministry", "department", "province", "state enterprise")
CHANGE_RATE = 0.05          # share of sites that gain or lose a feature between two nights
REVIEW_RATE = 0.005         # share of sites with a reviewer's decision on a night


def write_sites(path: Path, count: int) -> None:
    rows = ["site_id,url,name,ministry,tier,province"]
    for i in range(count):
        rows.append(f"a{i:05d},https://agency{i:05d}.go.th/,หน่วยงานสังเคราะห์ {i},{MINISTRIES[i % len(MINISTRIES)]},"
                    f"{TIERS[i % len(TIERS)]},{'จังหวัด ' + str(i % 77) if i % 4 == 2 else ''}")
    path.write_text("\n".join(rows) + "\n", "utf-8")


def build(db: Path, sites: int, runs: int) -> None:
    """`runs` assessed and scored nights of `sites` synthetic agencies."""
    csv_path = db.with_suffix(".csv")
    write_sites(csv_path, sites)
    sites_file = read_sites(csv_path)
    store = Store(db)
    framework = load_framework("un2012")
    rng = random.Random(2026)
    features = list(CATALOGUE)
    states = {s.site_id: {f: ("present" if rng.random() < 0.35 else "unknown" if rng.random() < 0.1 else "absent")
                          for f in features} for s in sites_file.sites}
    for night in range(runs):
        started = time.perf_counter()
        run_id = store.create_run(sites_file, str(db.parent / "warc"), {}, "bench")
        for site in sites_file.sites:
            store.record_site_finished(run_id, site.site_id, {"status": "ok", "detail": "", "final_url": site.url,
                                                              "pages_fetched": 40, "pages_failed": 0, "documents": 3})
        store.set_run_state(run_id, "crawled", finished=True)
        store.begin_assessment(run_id, 1)
        stamp = now()
        for site in sites_file.sites:
            own = states[site.site_id]
            if night and rng.random() < CHANGE_RATE:
                feature = rng.choice(features)
                own[feature] = "absent" if own[feature] == "present" else "present"
            rows = [{"run_id": run_id, "site_id": site.site_id, "feature": f, "state": state, "value": None,
                     "evidence_count": int(state == "present"), "reason": "no page showed it" if state == "unknown"
                     else None, "pass": 1, "assessed_at": stamp, "confidence": "strong" if state == "present" else None}
                    for f, state in own.items()]
            evidence = [{"run_id": run_id, "site_id": site.site_id, "feature": f, "page_url": site.url,
                         "target": f"{site.url}{f}.html", "element": "<a>", "text": f, "detector": "named_link",
                         "region": "nav", "confidence": "strong"} for f, state in own.items() if state == "present"]
            store.write_assessment(run_id, site.site_id, rows, evidence)
        store.finish_assessment(run_id)
        for site in rng.sample(sites_file.sites, max(1, int(REVIEW_RATE * sites))):
            feature = rng.choice([f for f in framework.features if f in CATALOGUE])
            add_review(store, run_id, site.site_id, feature, "present", "bench")
        score_run(store, run_id, framework)
        print(f"  night {night + 1}/{runs} built in {time.perf_counter() - started:.1f} s", flush=True)
    store.close()


def measure(cmd: list[str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(map(str, cmd))} failed: {proc.stderr.read().decode(errors='replace')[-2000:]}")
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024}


READ = """
import sys, time
from ground.store import Store
from reports.data import load_run
from reports.history import run_histories
store = Store.reader(sys.argv[1])
if sys.argv[2] == "history":
    histories = run_histories(store, int(sys.argv[3]))
    print(len(histories))
else:
    print(len(load_run(store, int(sys.argv[3])).sites))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="egovscan-history-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"history-{args.sites}x{args.runs}.db"
    if not db.exists():
        print(f"building {args.sites} sites x {args.runs} runs in {db}", flush=True)
        started = time.perf_counter()
        build(db, args.sites, args.runs)
        print(f"built in {time.perf_counter() - started:.0f} s ({db.stat().st_size / 2**20:.0f} MiB)", flush=True)
    python = [sys.executable]
    results = {
        "report_first": measure([*python, "-m", "egovscan", "report", "--db", str(db), "--run", "1",
                                 "--out", str(work / "report-1"), "--quiet"]),
        "report_last": measure([*python, "-m", "egovscan", "report", "--db", str(db), "--run", str(args.runs),
                                "--out", str(work / f"report-{args.runs}"), "--quiet"]),
        "load_first": measure([*python, "-c", READ, str(db), "load", "1"]),
        "histories_last": measure([*python, "-c", READ, str(db), "history", str(args.runs)]),
    }
    base = results["report_first"]
    for name, r in results.items():
        print(f"{name:15} {r['wall']:8.1f} s  {r['rss_mib']:7.0f} MiB   x{r['wall'] / base['wall']:.2f} time, "
              f"x{r['rss_mib'] / base['rss_mib']:.2f} RSS against report_first")
    print(json.dumps({"sites": args.sites, "runs": args.runs, **results}))


if __name__ == "__main__":
    main()
