"""Assessment at 50 and 100 sites with 1 and 2 worker processes: wall time and peak memory.

    python bench/assess_scale.py [--pages 20]

Generates SYNTHETIC agency sites (the bundled ministry sample, copied per site with its own
names), serves them on loopback, crawls them once, then times `egovscan assess` on the same
stored crawl. Prints ratios against the 1-worker run measured in the same invocation (the
machine is shared and noisy, so absolute seconds mean little) and the peak RSS of the
largest assessing process.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "egovscan" / "samples" / "sites" / "th-ministry-digital"


def egovscan(*args):
    subprocess.run([sys.executable, "-m", "egovscan", *map(str, args)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_sites(root: Path, count: int, pages: int) -> None:
    for i in range(count):
        site = root / f"agency-{i:03d}"
        shutil.copytree(SAMPLE, site)
        links = "".join(f"<li><a href='/extra/{j}.html'>ข่าวประชาสัมพันธ์ {j}</a></li>" for j in range(pages))
        (site / "extra").mkdir()
        for j in range(pages):
            (site / "extra" / f"{j}.html").write_text(
                f"<html><body><h1>หน่วยงาน {i} ข่าว {j}</h1><p>{'ข้อความข่าวประชาสัมพันธ์ ' * 80}</p>"
                f"<a href='/index.html'>หน้าหลัก</a></body></html>", "utf-8")
        index = site / "index.html"
        index.write_text(index.read_text("utf-8").replace("</body>", f"<ul>{links}</ul></body>"), "utf-8")


_WRAPPER = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed_assess(db: Path, workers: int) -> tuple[float, float]:
    """Wall time and the peak RSS (MiB) of the largest process of this one assessment.

    A fresh wrapper process runs it, so RUSAGE_CHILDREN covers exactly the assess command
    and its workers."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "egovscan", "assess", "--db", str(db),
                          "--workers", str(workers), "--quiet"], cwd=ROOT, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    return wall, int(out.stdout.split()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        results = {}
        for count in (50, 100):
            web = tmp / f"web{count}"
            make_sites(web, count, args.pages)
            served = tmp / f"sites{count}.csv"
            server = subprocess.Popen([sys.executable, "-m", "egovscan.sitesrv", str(web), str(served), "--third", "79"],
                                      stdout=subprocess.PIPE, text=True, cwd=ROOT)
            try:
                assert server.stdout.readline().startswith("ready")
                db = tmp / f"scale{count}.db"
                egovscan("crawl", served, "--db", db, "--delay", "0", "--per-host", "4", "--quiet")
            finally:
                server.kill()
            for workers in (1, 2):
                results[(count, workers)] = timed_assess(db, workers)
        base = results[(100, 1)][0]
        print("| sites | workers | wall time vs 1 worker at 100 sites (seconds) | peak RSS of the largest process (MiB) |")
        print("|---|---|---|---|")
        for (count, workers), (wall, rss) in sorted(results.items()):
            print(f"| {count} | {workers} | {wall / base:.2f} ({wall:.1f} s) | {rss:.0f} |")


if __name__ == "__main__":
    main()
