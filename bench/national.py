"""The national-scale benchmark: `egovscan run` (crawl + assess + score + report) over a simulated
web of SYNTHETIC agency sites (bench/simweb.py), in one command.

    python bench/national.py [--sites 10000] [--pages 100] [--active 400] [--delay 1]
                             [--latency 0.02] [--hostile-every 1000] [--keep DIR]
                             [--cost-sites 100] [--cost-pages 50]

Prints, as JSON and then one line each:

- the wall time of `egovscan run` against the politeness bound: waves of --active sites, each
  --pages requests --delay apart (ceil(sites / active) x pages x delay), or the answers' own
  latency over Scrapy's CONCURRENT_REQUESTS if larger; target <= 1.2 x;
- how long after the last site's crawl the run ended (the assessment beside the crawl leaves
  only the sites under way, the scores and the report);
- peak RSS per process (VmHWM from /proc, sampled every 0.5 s over the run's process tree):
  the run itself, the assessment fork server and the largest assessment worker; target < 1.5 GiB;
- CPU seconds per process role and per page (/proc/PID/stat, the last value seen of each
  process, so a process shorter than the 0.5 s sampling may be missed), and the machine's load
  average before and after (the machine may be shared: say so with the figures);
- the crawl process's event loop (how late a 0.1 s timer ran: the reactor busy with other
  callbacks), its CPU against the wall time, and its seconds writing WARC records and SQLite
  rows (crawler.extensions.CrawlTimings, through EGOVSCAN_TIMINGS_FILE);
- database and WARC bytes per stored page;
- assessment CPU per page against one lxml parse of the same pages, with the full catalogue and
  with the 32 original features, and their quotient (bench/assess_cost.py on its own crawl of
  --cost-sites x --cost-pages, delay 0; --cost-sites 0 skips it); targets <= 8 x and <= 1.3;
- the planted features found (a sanity check, not the accuracy figure).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from crawler import settings as crawl_defaults  # noqa: E402
from ground.store import Store  # noqa: E402


class SimWeb:
    def __init__(self, work: Path, args):
        self.sites_csv, self.truth = work / "sites.csv", work / "truth.json"
        self.proc = subprocess.Popen([sys.executable, str(HERE / "simweb.py"), str(self.sites_csv), str(self.truth),
                                      "--sites", str(args.sites), "--pages", str(args.pages),
                                      "--latency", str(args.latency), "--error-rate", str(args.error_rate),
                                      "--hostile-every", str(args.hostile_every)],
                                     stdout=subprocess.PIPE, text=True)
        if not self.proc.stdout.readline().startswith("ready"):
            raise SystemExit("the simulated web did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def _role(pid: int, root: int, parent_role: str | None) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "gone"
    if pid == root:
        return "run (crawl, writer)"
    if "forkserver" in cmd:
        return "assess worker" if parent_role == "assess fork server" else "assess fork server"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "java" in cmd or "chromium" in cmd:
        return "home-page checker"
    return "assess worker"


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a live process so far (/proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def _hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Sampler(threading.Thread):
    """Peak RSS of every process of a tree, by role, and when the crawl finished."""

    def __init__(self, root: int, db: Path):
        super().__init__(daemon=True)
        self.root, self.db = root, db
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}         # the last CPU seconds seen of each process
        self.crawled_at: float | None = None
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            pending, seen = [(self.root, None)], []
            while pending:
                pid, parent = pending.pop()
                seen.append((pid, parent))
                pending.extend((child, pid) for child in _children(pid))
            for pid, parent in seen:
                hwm = _hwm_kib(pid)
                if hwm is not None:
                    role = self.peaks.get(pid, (None,))[0] or _role(
                        pid, self.root, self.peaks.get(parent, (None,))[0] if parent else None)
                    self.peaks[pid] = (role, max(hwm, self.peaks.get(pid, ("", 0))[1]))
                    self.cpu[pid] = _cpu_s(pid) or self.cpu.get(pid, 0.0)
            if self.crawled_at is None and self.db.exists():
                try:
                    reader = Store.reader(self.db)
                    runs = reader.runs()
                    reader.close()
                    if runs and runs[-1]["state"] != "crawling":
                        self.crawled_at = time.perf_counter()
                except Exception:          # noqa: BLE001 -- the database is being created
                    pass
            self.stopped.wait(0.5)

    def by_role(self) -> dict[str, dict]:
        roles: dict[str, dict] = {}
        for pid, (role, kib) in self.peaks.items():
            r = roles.setdefault(role, {"processes": 0, "peak_rss_mib": 0.0, "cpu_s": 0.0})
            r["processes"] += 1
            r["peak_rss_mib"] = max(r["peak_rss_mib"], kib / 1024)
            r["cpu_s"] += self.cpu.get(pid, 0.0)
        return roles


def detection(db: Path, truth_path: Path) -> dict[str, int]:
    truth = json.loads(truth_path.read_text("utf-8"))
    reader = Store.reader(db)
    run_id = reader.runs()[-1]["id"]
    found = {(r["site_id"], r["feature"]): r["state"] for r in reader.site_features(run_id)}
    tp = fp = fn = 0
    for site_id, features in truth.items():
        for feature, expected in features.items():
            got = found.get((site_id, feature)) == "present"
            tp += got and expected == "present"
            fp += got and expected != "present"
            fn += not got and expected == "present"
    return {"planted_found": tp, "false_positives": fp, "planted_missed": fn}


def sizes(db: Path) -> dict:
    reader = Store.reader(db)
    run = reader.runs()[-1]
    pages = reader.count_pages()
    reader.close()
    db_bytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if not p.name.endswith(".lock"))
    warc_bytes = sum(p.stat().st_size for p in Path(run["warc_dir"]).rglob("*") if p.is_file())
    return {"pages": pages, "db_bytes": db_bytes, "warc_bytes": warc_bytes,
            "db_bytes_per_page": db_bytes / max(pages, 1), "warc_bytes_per_page": warc_bytes / max(pages, 1)}


def crawl_timings(work: Path) -> dict | None:
    try:
        return json.loads((work / "crawl-timings.json").read_text("utf-8"))
    except (OSError, ValueError):          # a crawl resumed from --keep, or stopped before its end
        return None


def assess_cost(sites: int, pages: int) -> dict:
    """bench/assess_cost.py's figures (its JSON, after the lines its crawl and assessments print),
    on its own crawl of the simulated web."""
    out = subprocess.run([sys.executable, str(HERE / "assess_cost.py"), "--sites", str(sites), "--pages", str(pages)],
                         cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out[out.index("{\n"):])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=10000)
    ap.add_argument("--pages", type=int, default=100, help="pages per site (and the page budget)")
    ap.add_argument("--active", type=int, default=400, help="sites crawled at once (EGOVSCAN_MAX_ACTIVE_SITES)")
    ap.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one site")
    ap.add_argument("--latency", type=float, default=0.02, help="seconds the simulated web waits per answer")
    ap.add_argument("--error-rate", type=float, default=0.01)
    ap.add_argument("--hostile-every", type=int, default=1000, help="every Nth site misbehaves (0: none)")
    ap.add_argument("--keep", type=Path, help="keep the database, WARCs and report in this folder")
    ap.add_argument("--cost-sites", type=int, default=100, help="sites of the assessment-cost measurement (0: none)")
    ap.add_argument("--cost-pages", type=int, default=50, help="pages per site of the assessment-cost measurement")
    args = ap.parse_args()
    cost = assess_cost(args.cost_sites, args.cost_pages) if args.cost_sites else None
    with tempfile.TemporaryDirectory(prefix="egovscan-national-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        db = work / "national.db"
        load_before = os.getloadavg()
        web = SimWeb(work, args)
        try:
            cmd = [sys.executable, "-m", "egovscan", "run", str(web.sites_csv), "--db", str(db),
                   "--out", str(work / "report"), "--budget", str(args.pages), "--delay", str(args.delay),
                   "--set", f"EGOVSCAN_MAX_ACTIVE_SITES={args.active}",
                   "--set", f"EGOVSCAN_TIMINGS_FILE={work / 'crawl-timings.json'}",
                   # a request waiting for its host's delay holds one of Scrapy's slots: keep room above the active sites
                   "--set", f"CONCURRENT_REQUESTS={max(crawl_defaults.CONCURRENT_REQUESTS, args.active + args.active // 4)}",
                   "--quiet"]
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
            sampler = Sampler(proc.pid, db)
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            sampler.stopped.set()
            sampler.join()
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"egovscan run exited with {os.waitstatus_to_exitcode(status)}")
        finally:
            web.stop()
        load_after = os.getloadavg()
        waves = math.ceil(args.sites / args.active)
        bound = max(waves * args.pages * args.delay,
                    args.sites * args.pages * args.latency / max(crawl_defaults.CONCURRENT_REQUESTS, args.active))
        results = {
            "sites": args.sites, "pages_per_site": args.pages, "active": args.active, "delay": args.delay,
            "latency": args.latency, "hostile_every": args.hostile_every,
            "wall_s": wall, "politeness_bound_s": bound, "wall_ratio": wall / bound,
            "after_last_crawl_s": None if sampler.crawled_at is None else start + wall - sampler.crawled_at,
            "cpu_s": usage.ru_utime + usage.ru_stime, "processes": sampler.by_role(),
            "cores": os.cpu_count(), "load_before": load_before, "load_after": load_after,
            **sizes(db), "detection": detection(db, web.truth), "crawl_process": crawl_timings(work),
            "assess_cost": cost}
    print(json.dumps(results, indent=2))
    r = results
    print(f"\n{r['sites']} sites x {r['pages_per_site']} pages, {r['active']} active, delay {r['delay']} s: "
          f"{r['wall_s']:.0f} s end to end, {r['wall_ratio']:.2f} x the politeness bound {r['politeness_bound_s']:.0f} s "
          f"(target <= 1.2); ended {r['after_last_crawl_s'] or 0:.0f} s after the crawl; {r['cpu_s']:.0f} s CPU",
          file=sys.stderr)
    for role, p in sorted(r["processes"].items()):
        print(f"{role}: peak RSS {p['peak_rss_mib']:.0f} MiB (the largest of {p['processes']} process(es); "
              f"target < 1536), {p['cpu_s']:.0f} s CPU, {1000 * p['cpu_s'] / max(r['pages'], 1):.2f} ms a page",
              file=sys.stderr)
    if (c := r["crawl_process"]) is not None:
        loop, responses = c["loop"], max(c["responses"], 1)
        print(f"crawl process: {c['cpu_s']:.0f} s CPU in {c['wall_s']:.0f} s of crawl ({c['cpu_s'] / c['wall_s']:.2f} of "
              f"a core; its event loop waited {c['waited_for_cpu_s'] or 0:.0f} s for a core), {1000 * c['cpu_s'] / responses:.2f} "
              f"ms a response; event loop: a {loop['tick_s']} s timer ran "
              f"{1000 * loop['late_p50_s']:.0f} ms late at the median, {1000 * loop['late_p95_s']:.0f} ms at the 95th "
              f"percentile, {loop['late_max_s']:.1f} s at most; writes: SQLite {1000 * c['sqlite_write_s'] / responses:.2f} "
              f"ms and WARC {1000 * c['warc_write_s'] / responses:.2f} ms a response "
              f"({c['sqlite_write_s'] / c['wall_s']:.0%} and {c['warc_write_s'] / c['wall_s']:.0%} of the crawl's wall time)",
              file=sys.stderr)
    if (a := r["assess_cost"]) is not None:
        print(f"assess CPU per page ({a['pages']} pages, {a['features']} features): {a['assess_ms_per_page']:.2f} ms, "
              f"{a['ratio_full']:.1f} x one lxml parse ({a['lxml_ms_per_page']:.2f} ms; target <= 8); the 32 original "
              f"features {a['ratio_32']:.1f} x; full / 32 = {a['quotient']:.2f} (target <= 1.3)", file=sys.stderr)
    print(f"database {r['db_bytes_per_page'] / 1024:.1f} KiB and WARC {r['warc_bytes_per_page'] / 1024:.1f} KiB per page "
          f"({r['pages']} pages); load average {r['load_before'][0]:.1f} before, {r['load_after'][0]:.1f} after, "
          f"{r['cores']} cores", file=sys.stderr)


if __name__ == "__main__":
    main()
