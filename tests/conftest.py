"""Shared test helpers: real local HTTP servers, the real CLI in a subprocess, a real SQLite store.

Each crawl runs `python -m egovscan` in its own process (Twisted's reactor runs once per
process, and a kill test needs a process to kill anyway).
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("EGOVSCAN_CORPUS", ROOT.parent / "shared" / "corpus"))


def free_port() -> int:
    """A TCP port free on loopback now (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_site(root: Path, name: str, files: dict, rules: dict | None = None) -> Path:
    """Write a fixture site: {path: str|bytes}; str is written as UTF-8."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if rules:
        (folder / "_rules.json").write_text(json.dumps(rules), "utf-8")
    return folder


class SiteServer:
    """`python -m egovscan.sitesrv` over a folder of fixture sites, in a subprocess."""

    def __init__(self, sites_dir: Path, out_csv: Path, third: int):
        self.hit_log = out_csv.with_suffix(".hits")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "egovscan.sitesrv", str(sites_dir), str(out_csv), "--third", str(third)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "EGOVSCAN_SITESRV_LOG": str(self.hit_log)})
        line = self.proc.stdout.readline()
        assert line.startswith("ready"), f"site server did not start: {line!r}"
        self.port = int(line.split()[1])
        self.sites_csv = out_csv

    def hits(self) -> list[dict]:
        if not self.hit_log.exists():
            return []
        return [json.loads(line) for line in self.hit_log.read_text("utf-8").splitlines()]

    def stop(self):
        self.proc.kill()
        self.proc.wait(timeout=10)


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(sites_dir: Path, third: int = 90) -> SiteServer:
        server = SiteServer(sites_dir, tmp_path / f"served-{len(servers)}.csv", third)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def egovscan(*args, check: bool = True, timeout: int = 240, **kwargs) -> subprocess.CompletedProcess:
    """Run the real command line; fast politeness for loopback unless a test says otherwise."""
    proc = subprocess.run([sys.executable, "-m", "egovscan", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if check and proc.returncode != 0:
        raise AssertionError(f"egovscan {' '.join(map(str, args))} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-output"          # screenshots of browser tests, for a person to look at
needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None,
    reason="needs Debian's chromium (/usr/bin/chromium) and playwright (pip install -e '.[render]')")


def open_browser():
    """Debian's Chromium, headless, through Playwright: (playwright, browser); stop both after."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
    return playwright, browser


FAST = ("--delay", "0", "--per-host", "4", "--quiet")


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "sites.csv").exists():
        pytest.skip(f"the shared corpus is not at {CORPUS} (set EGOVSCAN_CORPUS); it is present in CI")
    return CORPUS


@pytest.fixture
def two_nights(tmp_path, serve):
    """Two nightly runs of five fixture agencies; between them two agencies add services."""
    from scoring_sites import RUN1, RUN2, write_sites

    web = tmp_path / "web"
    write_sites(web, RUN1)
    server = serve(web, third=92)
    db_path = tmp_path / "audit.db"
    egovscan("run", server.sites_csv, "--db", db_path, "--out", tmp_path / "report", *FAST[:2], "--quiet")
    write_sites(web, RUN2)
    egovscan("crawl", server.sites_csv, "--db", db_path, *FAST)
    egovscan("assess", "--db", db_path, "--quiet")
    return db_path, server


THAI_DOMAIN = "ไทยคู่ฟ้า.รัฐบาล.ไทย"                  # stored as xn--42c1bzak6fub8dsbk.xn--h3cuzk1di.xn--o3cw4h


@pytest.fixture(scope="module")
def thai_domain_audit(tmp_path_factory, request):
    """A run of two fixture agencies, one crawled under a Thai domain name (tests/idn_hosts.py
    answers it with its loopback address); returns the database's path."""
    import csv

    tmp = tmp_path_factory.mktemp("thai-domain")
    web = tmp / "web"
    page = ("<html lang='th'><head><meta charset='utf-8'><title>ทำเนียบรัฐบาล</title></head><body>"
            "<h1>ทำเนียบรัฐบาล</h1><nav><a href='/about.html'>เกี่ยวกับหน่วยงาน</a> "
            "<a href='/law.html'>กฎหมายที่เกี่ยวข้อง</a> <a href='/form.pdf'>ดาวน์โหลดแบบฟอร์ม</a></nav>"
            "<footer>ติดต่อเรา ถนนพิษณุโลก กรุงเทพฯ 10300 โทรศัพท์ 0 2288 4000</footer></body></html>")
    make_site(web, "thaidomain", {"index.html": page, "about.html": "<h1>เกี่ยวกับหน่วยงาน</h1><p>วิสัยทัศน์ พันธกิจ</p>",
                                  "law.html": "<h1>กฎหมาย</h1><p>พระราชบัญญัติ</p>", "form.pdf": b"%PDF-1.4\n"})
    make_site(web, "plain", {"index.html": "<html lang='th'><head><meta charset='utf-8'><title>กรมตัวอย่าง</title>"
                                           "</head><body><h1>กรมตัวอย่าง</h1><a href='/about.html'>เกี่ยวกับเรา</a>"
                                           "</body></html>", "about.html": "<h1>เกี่ยวกับเรา</h1>"})
    server = SiteServer(web, tmp / "served.csv", 104)
    request.addfinalizer(server.stop)
    with open(server.sites_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    hosts = []
    for row in rows:
        if row["site_id"] == "thaidomain":
            address = row["url"].split("//", 1)[1].split(":", 1)[0]
            row["url"] = f"http://{THAI_DOMAIN}:{server.port}/"
            hosts.append(f"{THAI_DOMAIN.encode('idna').decode()}={address}")
    sites = tmp / "sites.csv"
    with open(sites, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    db = tmp / "audit.db"
    egovscan("run", sites, "--db", db, "--out", tmp / "report", *FAST[:4], "--quiet",
             "--set", "TWISTED_DNS_RESOLVER=tests.idn_hosts.FixedHosts",
             env={**os.environ, "EGOVSCAN_TEST_HOSTS": " ".join(hosts)})
    return db


@pytest.fixture
def three_nights(two_nights, tmp_path, serve):
    """A third night after two_nights: s4 takes its one-stop link down again and a new agency,
    s6, is crawled for the first time; a reviewer confirms an old finding of s1 (night 1) and
    finds s3's payment service that the detector missed both nights (night 3)."""
    from scoring_sites import RUN3, STAGE1, agency, write_sites

    db, server = two_nights
    egovscan("score", "--db", db, "--quiet")
    egovscan("review", "set", "s1", "interact.two_way", "--state", "confirm", "--by", "Malee", "--run", "1",
             "--db", db)
    write_sites(tmp_path / "web", RUN3)
    newcomer = tmp_path / "newcomer"
    make_site(newcomer, "s6", agency("s6", STAGE1))
    (newcomer / "sites.csv").write_text("site_id,ministry,tier,region\ns6,Ministry A,province,north\n", "utf-8")
    late = serve(newcomer, third=91)
    sites = tmp_path / "night3.csv"
    sites.write_text(server.sites_csv.read_text("utf-8")
                     + late.sites_csv.read_text("utf-8").split("\n", 1)[1], "utf-8")
    egovscan("crawl", sites, "--db", db, *FAST)
    egovscan("assess", "--db", db, "--quiet")
    egovscan("score", "--db", db, "--quiet")
    egovscan("review", "set", "s3", "payment.online", "--state", "present", "--by", "Somchai",
             "--note", "ชำระผ่าน Krungthai NEXT", "--db", db)
    return db
