"""What assessment costs per page, against one lxml parse, with the full catalogue and with the
32 original features; and what each part of a page's assessment costs.

    python bench/assess_cost.py [--sites 100] [--pages 50] [--repeat 2]
    python bench/assess_cost.py --db crawl.db [--run ID]        # a stored crawl instead

Without --db it serves the simulated web of SYNTHETIC agencies (bench/simweb.py) and crawls it
once (delay 0). Then, on the same stored pages and in the same invocation (the machine is
shared: seconds alone mean little):

1. one lxml parse of every stored page (the baseline), CPU of its own process;
2. `egovscan assess --workers 1` with the full catalogue, and with EGOVSCAN_FEATURES set to
   the 32 features of the catalogue's first edition; each --repeat times, the least CPU kept
   (process start-up included: imports and lingua's models, about a second);
3. the ratios assess / lxml for both, and their quotient (full / 32): targets <= 8 and <= 1.3;
4. the parts of a page's assessment, timed in one process with the full catalogue: reading the
   WARC record, the page view's lxml parse, the rest of the page view (regions, links, forms),
   soft-404 check, language detection, pack choice, and every detector's page step, with the
   term matching (one scan per text for all features) and URL cues inside the detectors shown
   apart.

CPU comes from os.wait4 on each measured process (bench/run.py's measure()).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import LXML_BASELINE, SimWeb, egovscan, measure

from ground.store import Store

# the catalogue's first edition: the 15 stage features and 17 further indicators of FEATURES.md
ORIGINAL_FEATURES = (
    "info.organization", "info.legal", "info.news", "info.gov_links", "info.contact", "forms.download",
    "media.audio_video", "lang.multilingual", "interact.two_way", "participate.poll", "service.online_application",
    "payment.online", "service.end_to_end", "connected.data_exchange", "connected.one_stop", "access.text_resize",
    "access.contrast", "access.read_aloud", "access.service_manual", "policy.website", "policy.privacy",
    "policy.security", "opendata.files", "opendata.portal", "channel.social", "channel.mobile_app", "channel.chatbot",
    "channel.call_center", "participate.satisfaction", "site.search", "site.https", "site.freshness")


def breakdown(db: str, run_id: int) -> dict:
    """Assess every site of the run in this process, timing each part of each page (CPU)."""
    from assessors import ASSESSORS, CATALOGUE, base, cues, engine, page
    from ground import text

    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += clock() - start
        return wrapper

    engine.read_record = timed("read the WARC record", engine.read_record)
    page.parse = timed("lxml parse of the page view (assessors/tree.py)", page.parse)
    engine.build_page = timed("page view, whole (parse included)", engine.build_page)
    engine.soft_404 = timed("soft-404 check", engine.soft_404)
    engine.page_language = timed("language detection (langdetect, Thai by script)", engine.page_language)
    engine.select_packs = timed("pack choice (lingua for short pages)", engine.select_packs)
    text.Scanner._scan = timed("  term matching: one scan per new text, all features", text.Scanner._scan)
    text.Scanner._hosts_of = timed("  host matching: one look per new URL, all features", text.Scanner._hosts_of)
    cued = timed("  URL cues: one look per URL, all features", cues.url_cues)
    base.url_cues = page.url_cues = cued
    for assessor in ASSESSORS:
        own = assessor.page

        def page_step(view, own=own, name=f"detector {assessor.name or type(assessor).__name__}"):
            start = clock()
            try:
                return list(own(view))
            finally:
                spent[name] += clock() - start
        assessor.page = page_step
    reader = Store.reader(db)
    sites = [s["site_id"] for s in reader.site_rows(run_id)]
    reader.close()
    start = clock()
    for site_id in sites:
        engine.assess_site(db, run_id, site_id)
    total = clock() - start
    return {"total_s": total, "parts_s": dict(spent), "features": len(CATALOGUE), "detectors": len(ASSESSORS)}


def assess(db: Path, features: tuple[str, ...] | None) -> dict:
    env = dict(os.environ)
    env.pop("EGOVSCAN_FEATURES", None)
    if features:
        env["EGOVSCAN_FEATURES"] = ",".join(features)
    return measure(egovscan("assess", "--db", db, "--workers", "1", "--quiet"), env=env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="a stored crawl to assess (default: crawl the simulated web)")
    ap.add_argument("--run", type=int, help="the run of --db (default: its latest)")
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=2, help="assessments of each catalogue; the least CPU is kept")
    ap.add_argument("--breakdown-of", nargs=2, metavar=("DB", "RUN"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.breakdown_of:
        print(json.dumps(breakdown(args.breakdown_of[0], int(args.breakdown_of[1]))))
        return
    with tempfile.TemporaryDirectory(prefix="egovscan-assess-cost-") as tmp:
        work = Path(tmp)
        if args.db:
            db = Path(args.db).resolve()
        else:
            web = SimWeb(work, args.sites, args.pages, 0.0, 0.01, base=100)
            try:
                db = work / "bench.db"
                measure(egovscan("crawl", web.sites_csv, "--db", db, "--budget", args.pages, "--delay", "0",
                                 "--per-host", "2", "--quiet"))
            finally:
                web.stop()
        reader = Store.reader(db)
        run_id = args.run or max(r["id"] for r in reader.runs())
        pages = reader.count_pages(ok_only=True)
        reader.close()
        lxml_cpu = min(measure([sys.executable, "-c", LXML_BASELINE, str(db), str(run_id)],
                               stdout=subprocess.DEVNULL)["cpu"] for _ in range(args.repeat))
        full_cpu = original_cpu = float("inf")
        for _ in range(args.repeat):            # interleaved, so both meet the same noise
            full_cpu = min(full_cpu, assess(db, None)["cpu"])
            original_cpu = min(original_cpu, assess(db, ORIGINAL_FEATURES)["cpu"])
        parts = json.loads(subprocess.run([sys.executable, __file__, "--breakdown-of", str(db), str(run_id)],
                                          check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    ms = 1000 / pages
    results = {"pages": pages, "features": parts["features"], "lxml_ms_per_page": lxml_cpu * ms,
               "assess_ms_per_page": full_cpu * ms, "assess_32_ms_per_page": original_cpu * ms}
    results["ratio_full"] = full_cpu / lxml_cpu
    results["ratio_32"] = original_cpu / lxml_cpu
    results["quotient"] = results["ratio_full"] / results["ratio_32"]
    results["parts_ms_per_page"] = {k: v * ms for k, v in sorted(parts["parts_s"].items(), key=lambda kv: -kv[1])}
    results["in_process_total_ms_per_page"] = parts["total_s"] * ms
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nassess CPU per page ({pages} pages): one lxml parse {results['lxml_ms_per_page']:.2f} ms; "
          f"full catalogue ({parts['features']} features) {results['assess_ms_per_page']:.2f} ms -> "
          f"{results['ratio_full']:.1f} x (target <= 8); 32 features {results['assess_32_ms_per_page']:.2f} ms -> "
          f"{results['ratio_32']:.1f} x; full / 32 = {results['quotient']:.2f} (target <= 1.3)", file=sys.stderr)
    print(f"parts of a page's assessment, in one process (ms per page, of {results['in_process_total_ms_per_page']:.2f}):",
          file=sys.stderr)
    for name, value in results["parts_ms_per_page"].items():
        print(f"  {value:7.3f}  {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
