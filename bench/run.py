"""egovscan's benchmark, on a simulated web of SYNTHETIC agency sites (bench/simweb.py).

    python bench/run.py [--sites 200] [--pages 50] [--e2e-sites 1000] [--e2e-pages 100] [--e2e-delay 1]
                        [--e2e-workers 1]

Every figure is a ratio against a baseline measured in the same run, on the same simulated
web (the machine is shared and noisy; seconds alone mean little):

1. crawl: CPU seconds per response of `egovscan crawl` against a bare Scrapy spider with the
   same politeness settings that only follows links (bench/bare_spider.py); delay 0 so both are
   CPU-bound. Target <= 1.25. Also against the same spider given egovscan's two Scrapy overhead
   settings (bare_spider.py --tuned), the ratio of egovscan's own work alone.
2. assess: CPU per page of `egovscan assess --workers 1` against one lxml parse of the same
   stored pages (read from the same WARC records). Target <= 3. Then the wall time with
   --workers 2 against --workers 1.
3. end to end: `egovscan crawl` of --e2e-sites x --e2e-pages with politeness on (--e2e-delay),
   wall time against the politeness bound computed from the settings, and the peak RSS of
   the largest process. Targets <= 1.2 and < 1 GiB. Skipped with --e2e-sites 0. With
   --e2e-workers N above 1, N worker processes share the run through a redis-server started for
   the measurement (the distributed mode); CPU is their sum, RSS the largest one's.
4. detection on the planted features: a sanity check of the pipeline, not the accuracy figure
   (that is measured on the human-labelled corpus, see the README).

CPU and peak RSS come from os.wait4 on each measured process (its own and its waited-for
children's), so the simulated web's process never counts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from ground.store import Store  # noqa: E402

LXML_BASELINE = """
import sys, lxml.html
from ground.store import Store
from ground.warc import read_record
store = Store.reader(sys.argv[1])
warc_dir = store.run(int(sys.argv[2]))["warc_dir"]
rows = store.archived_ok_pages(int(sys.argv[2]))
for name, offset in rows:
    lxml.html.document_fromstring(read_record(warc_dir, name, offset)[1])
print(len(rows))
"""


def measure(cmd: list[str], **kwargs) -> dict:
    """Run a command; wall seconds, CPU seconds (user + system, with its children) and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=kwargs.pop("cwd", ROOT), **kwargs)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{' '.join(map(str, cmd))} exited with {proc.returncode}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024, "proc": proc}


class SimWeb:
    def __init__(self, work: Path, sites: int, pages: int, latency: float, error_rate: float, base: int):
        self.sites_csv, self.truth = work / f"sites-{base}.csv", work / f"truth-{base}.json"
        self.proc = subprocess.Popen([sys.executable, str(HERE / "simweb.py"), str(self.sites_csv), str(self.truth),
                                      "--sites", str(sites), "--pages", str(pages), "--latency", str(latency),
                                      "--error-rate", str(error_rate), "--base", str(base)],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("ready"):
            raise SystemExit("the simulated web did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def measure_together(cmds: list[list[str]]) -> dict:
    """Run commands at once; wall seconds until the last ends, their CPU summed, the largest peak RSS."""
    start = time.perf_counter()
    procs = [subprocess.Popen(cmd, cwd=ROOT) for cmd in cmds]
    cpu, rss = 0.0, 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(map(str, proc.args))} exited with {os.waitstatus_to_exitcode(status)}")
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, usage.ru_maxrss / 1024)
    return {"wall": time.perf_counter() - start, "cpu": cpu, "rss_mib": rss}


class RedisServer:
    """A throwaway redis-server on a free loopback port, for the shared-run measurement."""

    def __init__(self, work: Path):
        import redis

        server = shutil.which("redis-server")
        if server is None:
            raise SystemExit("--e2e-workers above 1 needs redis-server (Debian package redis-server)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
        self.url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis(port=port)
        for _ in range(200):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def egovscan(*args) -> list[str]:
    return [sys.executable, "-m", "egovscan", *map(str, args)]


def store(db: Path) -> Store:
    return Store.reader(db)


def detection(db: Path, truth_path: Path) -> dict[str, tuple[int, int, int]]:
    """feature -> (true positives, false positives, false negatives) on the planted features."""
    truth = json.loads(truth_path.read_text("utf-8"))
    reader = store(db)
    found = {(r["site_id"], r["feature"]): r["state"] for run in reader.runs() for r in reader.site_features(run["id"])}
    counts: dict[str, list[int]] = {}
    for site_id, features in truth.items():
        for feature, expected in features.items():
            got = found.get((site_id, feature), "unknown")
            c = counts.setdefault(feature, [0, 0, 0])
            if got == "present" and expected == "present":
                c[0] += 1
            elif got == "present":
                c[1] += 1
            elif expected == "present":
                c[2] += 1
    return {f: tuple(c) for f, c in sorted(counts.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=200, help="sites of the crawl and assess comparisons")
    ap.add_argument("--pages", type=int, default=50, help="pages per site (and the page budget)")
    ap.add_argument("--latency", type=float, default=0.02, help="seconds the simulated web waits per answer")
    ap.add_argument("--error-rate", type=float, default=0.01)
    ap.add_argument("--e2e-sites", type=int, default=1000)
    ap.add_argument("--e2e-pages", type=int, default=100)
    ap.add_argument("--e2e-delay", type=float, default=1.0, help="per-host delay of the end-to-end crawl")
    ap.add_argument("--e2e-workers", type=int, default=1,
                    help="worker processes of the end-to-end crawl; above 1 they share the run through a "
                         "redis-server started for it (the distributed mode)")
    args = ap.parse_args()
    results: dict = {"sites": args.sites, "pages": args.pages}
    with tempfile.TemporaryDirectory(prefix="egovscan-bench-") as tmp:
        work = Path(tmp)
        web = SimWeb(work, args.sites, args.pages, args.latency, args.error_rate, base=100)
        try:
            politeness = ("--delay", "0", "--per-host", "2")
            count_file = work / "bare-count"
            bare_cmd = [sys.executable, str(HERE / "bare_spider.py"), str(web.sites_csv), "--budget", str(args.pages),
                        "--delay", "0", "--per-host", "2", "--out", str(count_file)]
            bare = measure(bare_cmd)
            bare_responses = int(count_file.read_text())
            tuned = measure(bare_cmd + ["--tuned"])
            tuned_responses = int(count_file.read_text())
            db = work / "bench.db"
            crawl = measure(egovscan("crawl", web.sites_csv, "--db", db, "--budget", args.pages, *politeness, "--quiet"))
            responses = store(db).count_pages() + store(db).count_probed_documents()
            one = measure(egovscan("assess", "--db", db, "--workers", "1", "--quiet"))
            assessed = store(db).count_pages(ok_only=True)
            lxml_run = measure([sys.executable, "-c", LXML_BASELINE, str(db), "1"], stdout=subprocess.PIPE)
            two = measure(egovscan("assess", "--db", db, "--workers", "2", "--quiet"))
            checked = detection(db, web.truth)
        finally:
            web.stop()
        results["crawl"] = {
            "egovscan_responses": responses, "bare_responses": bare_responses,
            "egovscan_cpu_ms_per_response": 1000 * crawl["cpu"] / responses,
            "bare_cpu_ms_per_response": 1000 * bare["cpu"] / bare_responses,
            "tuned_bare_cpu_ms_per_response": 1000 * tuned["cpu"] / tuned_responses,
            "egovscan_responses_per_s": responses / crawl["wall"], "bare_responses_per_s": bare_responses / bare["wall"]}
        results["crawl"]["cpu_ratio"] = (results["crawl"]["egovscan_cpu_ms_per_response"]
                                         / results["crawl"]["bare_cpu_ms_per_response"])
        results["crawl"]["cpu_ratio_tuned"] = (results["crawl"]["egovscan_cpu_ms_per_response"]
                                               / results["crawl"]["tuned_bare_cpu_ms_per_response"])
        results["assess"] = {"pages": assessed, "cpu_ms_per_page": 1000 * one["cpu"] / assessed,
                             "lxml_cpu_ms_per_page": 1000 * lxml_run["cpu"] / assessed,
                             "wall_1_worker_s": one["wall"], "wall_2_workers_s": two["wall"]}
        results["assess"]["cpu_ratio"] = results["assess"]["cpu_ms_per_page"] / results["assess"]["lxml_cpu_ms_per_page"]
        results["assess"]["wall_ratio_2_vs_1"] = two["wall"] / one["wall"]
        results["detection"] = {f: {"tp": tp, "fp": fp, "fn": fn} for f, (tp, fp, fn) in checked.items()}

        if args.e2e_sites:
            web = SimWeb(work, args.e2e_sites, args.e2e_pages, args.latency, 0.0, base=120)
            redis_server = RedisServer(work) if args.e2e_workers > 1 else None
            try:
                db = work / "e2e.db"
                crawl_cmd = egovscan("crawl", web.sites_csv, "--db", db, "--budget", args.e2e_pages,
                                     "--delay", args.e2e_delay, "--quiet")
                if redis_server is None:
                    run = measure(crawl_cmd)
                else:
                    run = measure_together([crawl_cmd + ["--redis", redis_server.url]] * args.e2e_workers)
                pages = store(db).count_pages()
            finally:
                web.stop()
                if redis_server is not None:
                    redis_server.stop()
            from crawler import settings as egov

            waves = math.ceil(args.e2e_sites / egov.EGOVSCAN_MAX_ACTIVE_SITES)
            # each site's requests are spaced by the delay; at most MAX_ACTIVE_SITES sites at once;
            # and no more than CONCURRENT_REQUESTS answers in flight, each taking the latency
            bound = max(waves * args.e2e_pages * args.e2e_delay,
                        args.e2e_sites * args.e2e_pages * args.latency / egov.CONCURRENT_REQUESTS)
            results["end_to_end"] = {"sites": args.e2e_sites, "pages_per_site": args.e2e_pages, "delay": args.e2e_delay,
                                     "workers": args.e2e_workers,
                                     "pages": pages, "wall_s": run["wall"], "politeness_bound_s": bound,
                                     "wall_ratio": run["wall"] / bound, "peak_rss_mib": run["rss_mib"],
                                     "cpu_s": run["cpu"]}
    print(json.dumps(results, indent=2))
    c, a = results["crawl"], results["assess"]
    print(f"\ncrawl   CPU per response: egovscan {c['egovscan_cpu_ms_per_response']:.2f} ms, bare Scrapy "
          f"{c['bare_cpu_ms_per_response']:.2f} ms -> {c['cpu_ratio']:.2f} x (target <= 1.25); against the "
          f"tuned bare spider {c['tuned_bare_cpu_ms_per_response']:.2f} ms -> {c['cpu_ratio_tuned']:.2f} x",
          file=sys.stderr)
    print(f"assess  CPU per page: {a['cpu_ms_per_page']:.2f} ms, one lxml parse {a['lxml_cpu_ms_per_page']:.2f} ms -> "
          f"{a['cpu_ratio']:.2f} x (target <= 3); 2 workers take {a['wall_ratio_2_vs_1']:.2f} x the wall time of 1",
          file=sys.stderr)
    if "end_to_end" in results:
        e = results["end_to_end"]
        print(f"e2e     {e['sites']} sites x {e['pages_per_site']} pages, delay {e['delay']} s, "
              f"{e['workers']} worker(s): {e['wall_s']:.0f} s, "
              f"{e['wall_ratio']:.2f} x the politeness bound {e['politeness_bound_s']:.0f} s (target <= 1.2); "
              f"peak RSS {e['peak_rss_mib']:.0f} MiB (target < 1024)", file=sys.stderr)


if __name__ == "__main__":
    main()
