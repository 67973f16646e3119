"""A simulated government web: N SYNTHETIC agency sites served from one process on loopback.

    python bench/simweb.py SITES_CSV TRUTH_JSON [--sites 1000] [--pages 100] [--latency 0.02]
                           [--error-rate 0.01] [--seed 1] [--base 100] [--port 0] [--hostile-every 0]

Site i is served at http://127.<base + i // 250>.<i % 250 + 1>.1:<port>/ (one host per site, so
a crawler's per-host politeness applies per site as on the real web). Every site has `--pages`
HTML pages reachable from its home page (a navigation menu plus a tree of news and service
pages, 25-40 KB each, Thai or English), links to other government sites, and a random subset of
catalogue features planted the way agencies show them. TRUTH_JSON records which features each
site shows (present) and which it does not (absent): the ground truth of the detection check.

Pages are generated on request from (seed, site, path), so 100,000 pages cost no disk. A
`--error-rate` share of pages (chosen by hash, the same on every run) answers 503; every answer
waits about `--latency` seconds (each site has its own pace, 0.5-1.5 x; one site in 50 is ten
times slower). Prints ``ready <port>`` and serves until killed; binds loopback only.
Every page says it is synthetic.

Up to 10,000 sites fit on 127.100.0.1-127.139.249.1 (one listening socket each; the process
raises its open-file limit). With `--hostile-every N`, every Nth site misbehaves the way some
government servers do, in turn: a redirect loop, an 8 MB home page, pages full of script
(inline handlers, javascript: links naming catalogue features, which must stay inert), Thai
pages in windows-874 (TIS-620) and a home page that answers only after 120 s. Hostile sites
are left out of the ground truth.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import hashlib
import json
import random
import resource
import time

# How agencies show each planted feature: (Thai link, English link, target path, page body)
PLANTS = {
    "info.organization": ("เกี่ยวกับหน่วยงาน", "About the agency", "/about.html",
                          "<h1>{t}</h1><p>วิสัยทัศน์ พันธกิจ อำนาจหน้าที่ โครงสร้างองค์กร / vision, mission, structure</p>"),
    "info.legal": ("กฎหมายและระเบียบที่เกี่ยวข้อง", "Laws and regulations", "/law.html",
                   "<h1>{t}</h1><p>พระราชบัญญัติ ระเบียบ ประกาศ / acts, regulations, announcements</p>"),
    "info.gov_links": ("กระทรวงมหาดไทย", "Ministry of Interior", "https://www.moi.go.th/", ""),
    "forms.download": ("ดาวน์โหลดแบบฟอร์มคำขอ", "Download application forms", "/forms/request.pdf", ""),
    "interact.two_way": ("เว็บบอร์ดถาม-ตอบ", "Webboard: questions and answers", "/webboard.html",
                         "<h1>{t}</h1><p>กระดานถาม-ตอบสำหรับประชาชน / ask us and read our answers</p>"),
    "payment.online": ("ชำระค่าธรรมเนียมออนไลน์", "Pay fees online", "https://epayment.example-bank.co.th/agency", ""),
    "connected.one_stop": ("ศูนย์บริการร่วม One Stop Service", "One Stop Service centre", "https://www.gecc.go.th/", ""),
}
CONTACT = {"th": "ที่อยู่ 99 ถนนตัวอย่าง เขตพระนคร กรุงเทพฯ 10200 โทรศัพท์ 0 2123 4567 อีเมล office@agency.example",
           "en": "Address: 99 Sample Road, Phra Nakhon, Bangkok 10200. Telephone +66 2 123 4567, e-mail office@agency.example"}
WORDS = {"th": "หน่วยงาน ประชาชน บริการ ข้อมูล ข่าวสาร กิจกรรม โครงการ จังหวัด การพัฒนา ชุมชน ประกาศ รายงาน".split(),
         "en": "agency citizens service information news activity project province development community notice report".split()}
HOSTILE = ("redirect_loop", "huge", "script", "tis620", "stall")
NAV = 12          # navigation menu pages linked from every page
FANOUT = 6        # children of each tree page


def host(base: int, i: int) -> str:
    return f"127.{base + i // 250}.{i % 250 + 1}.1"


class Web:
    def __init__(self, sites: int, pages: int, seed: int, latency: float, error_rate: float, base: int,
                 hostile_every: int = 0):
        self.sites, self.pages, self.seed = sites, pages, seed
        self.latency, self.error_rate, self.base = latency, error_rate, base
        self.hosts = {host(base, i): i for i in range(sites)}
        self.access_log = None       # a file: one "time site-number method path agent" line per request
        self.truth: dict[str, dict[str, str]] = {}
        self.lang: dict[int, str] = {}
        self.planted: dict[int, list[str]] = {}
        self.pace: dict[int, float] = {}       # the site's latency factor
        self.hostile: dict[int, str] = {}
        for i in range(sites):
            rng = random.Random(seed * 1_000_003 + i)
            self.lang[i] = "th" if rng.random() < 0.7 else "en"
            planted = sorted(f for f in PLANTS if rng.random() < 0.5)
            self.planted[i] = planted
            self.pace[i] = 10.0 if rng.random() < 0.02 else 0.5 + rng.random()
            if hostile_every and i % hostile_every == hostile_every - 1:
                self.hostile[i] = HOSTILE[(i // hostile_every) % len(HOSTILE)]
                self.lang[i] = "th"
                continue
            self.truth[f"sim-{i:04d}"] = {f: ("present" if f in planted else "absent") for f in PLANTS}
            self.truth[f"sim-{i:04d}"]["info.contact"] = "present"                # the footer
            self.truth[f"sim-{i:04d}"]["interact.two_way"] = "present"            # and its enquiry e-mail
            if "connected.one_stop" in planted:                                    # gecc.go.th is a
                self.truth[f"sim-{i:04d}"]["info.gov_links"] = "present"           # government site too

    def failing(self, i: int, path: str) -> bool:
        if path in ("/", "/robots.txt") or not self.error_rate:
            return False
        digest = hashlib.blake2b(f"{self.seed}|{i}|{path}".encode(), digest_size=4).digest()
        return int.from_bytes(digest, "big") / 2**32 < self.error_rate

    def page(self, i: int, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of a path of site i."""
        lang = self.lang[i]
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
        if i in self.hostile:
            return self.hostile_page(i, path)
        if self.failing(i, path):
            return 503, "text/html", b"<html><body>Service temporarily unavailable (synthetic)</body></html>"
        if path == "/forms/request.pdf" and "forms.download" in self.planted[i]:
            return 200, "application/pdf", b"%PDF-1.4 synthetic form\n%%EOF\n"
        for feature in self.planted[i]:
            th, en, target, body = PLANTS[feature]
            if path == target and body:
                return 200, "text/html; charset=utf-8", self.html(i, th if lang == "th" else en,
                                                                 body.format(t=th if lang == "th" else en), 0)
        if path == "/":
            k = 0
        elif path.startswith("/p/") and path.endswith(".html") and path[3:-5].isdigit():
            k = int(path[3:-5])
            if not 0 < k < self.pages:
                return 404, "text/html", b"<html><body>Not found (synthetic)</body></html>"
        else:
            return 404, "text/html", b"<html><body>Not found (synthetic)</body></html>"
        title = (f"หน่วยงานสาธิต {i}" if lang == "th" else f"Sample Agency {i}") + ("" if k == 0 else f" - {k}")
        return 200, "text/html; charset=utf-8", self.html(i, title, "", k)

    def hostile_page(self, i: int, path: str) -> tuple[int, str, bytes]:
        kind = self.hostile[i]
        if kind == "redirect_loop":
            return 302, f"/loop{len(path) % 7}.html", b""
        if kind == "huge" and path == "/":
            filler = "<p>" + " ".join(WORDS["th"]) * 40 + "</p>"
            return 200, "text/html; charset=utf-8", ("<html><body><h1>ข้อมูลจำนวนมาก (synthetic)</h1>"
                                                     + filler * (8 * 2**20 // len(filler.encode()))
                                                     + "</body></html>").encode()
        if kind == "script":
            k = int(path[3:-5]) if path.startswith("/p/") and path[3:-5].isdigit() else 0
            body = (f"<script>document.write('<a href=/pay.html>ชำระค่าธรรมเนียมออนไลน์</a>')</script>"
                    f"<img src=x onerror=\"fetch('/steal?'+document.cookie)\">"
                    f"<a href=\"javascript:alert('x')\">{PLANTS['payment.online'][0]}</a>"
                    f"<a href=\"javascript:void(0)\">{PLANTS['forms.download'][0]}</a>"
                    f"<iframe src=\"javascript:alert(1)\"></iframe>")
            return 200, "text/html; charset=utf-8", self.html(i, f"หน่วยงานสาธิต {i} - {k}", body, k)
        if kind == "tis620":
            k = int(path[3:-5]) if path.startswith("/p/") and path[3:-5].isdigit() else 0
            page = self.html(i, f"หน่วยงานสาธิต {i} - {k}", "", k).decode("utf-8").replace("charset='utf-8'",
                                                                                          "charset='windows-874'")
            return 200, "text/html; charset=windows-874", page.encode("cp874", errors="replace")
        return 404, "text/html", b"<html><body>Not found (synthetic)</body></html>"

    def html(self, i: int, title: str, main: str, k: int) -> bytes:
        lang = self.lang[i]
        rng = random.Random(f"{self.seed}|{i}|{k}")
        words = WORDS[lang]
        sep = "" if lang == "th" else " "
        nav = "".join(f"<li><a href='/p/{n}.html'>{words[n % len(words)]} {n}</a></li>"
                      for n in range(1, min(NAV, self.pages - 1) + 1))
        children = "".join(f"<li><a href='/p/{c}.html'>{words[c % len(words)]}{sep}{c}</a> "
                           f"{1 + c % 28} {'มกราคม 2569' if lang == 'th' else 'January 2026'}</li>"
                           for c in range(k * FANOUT + 1, k * FANOUT + FANOUT + 1) if NAV < c < self.pages)
        plants = ""
        if k == 0:
            plants = "".join(f"<li><a href='{PLANTS[f][2]}'>{PLANTS[f][0] if lang == 'th' else PLANTS[f][1]}</a></li>"
                             for f in self.planted[i])
        paragraphs = "".join(
            "<div class='content-block'><p>" + sep.join(rng.choice(words) for _ in range(rng.randint(150, 220)))
            + "</p></div>" for _ in range(rng.randint(6, 9)))
        page = (f"<!doctype html><!-- synthetic page generated by bench/simweb.py --><html lang='{lang}'><head>"
                f"<meta charset='utf-8'><title>{title}</title><link rel='stylesheet' href='/style.css'></head><body>"
                f"<header><h1>{title}</h1></header><nav><ul class='menu'>{nav}{plants}</ul></nav>"
                f"<main>{main}{paragraphs}<ul class='list'>{children}</ul></main>"
                f"<footer>{CONTACT[lang]}</footer></body></html>")
        return page.encode("utf-8")

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        i = self.hosts.get(writer.get_extra_info("sockname")[0])
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
                method, path = request_line[0], request_line[1].split("?", 1)[0]
                keep = b"connection: close" not in head.lower()
                if self.access_log is not None:
                    agent = next((line.split(b":", 1)[1].strip().decode("latin-1") for line in head.split(b"\r\n")
                                  if line.lower().startswith(b"user-agent:")), "-")
                    self.access_log.write(f"{time.time():.4f} {i} {method} {path} {agent.replace(' ', '_')}\n")
                if self.latency and i is not None:
                    await asyncio.sleep(self.latency * self.pace[i])
                if i is not None and self.hostile.get(i) == "stall" and path == "/":
                    await asyncio.sleep(120)
                status, ctype, body = self.page(i, path) if i is not None else (421, "text/plain", b"")
                reason = {200: "OK", 302: "Found", 404: "Not Found", 503: "Service Unavailable"}.get(status, "Other")
                where = ""
                if status == 302:                                  # a redirect names its target in ctype
                    ctype, where = "text/html", f"Location: {ctype}\r\n"
                writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                             f"{where}Connection: {'keep-alive' if keep else 'close'}\r\n\r\n".encode("latin-1"))
                if method != "HEAD":
                    writer.write(body)
                await writer.drain()
                if not keep:
                    break
        except (asyncio.IncompleteReadError, ConnectionError, IndexError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    def write(self, port: int, sites_csv: str, truth_json: str) -> None:
        with open(sites_csv, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["site_id", "url", "name", "ministry", "tier"])
            for i in range(self.sites):
                out.writerow([f"sim-{i:04d}", f"http://{host(self.base, i)}:{port}/",
                              f"หน่วยงานสาธิต {i} (synthetic)" if self.lang[i] == "th" else f"Sample Agency {i} (synthetic)",
                              f"Ministry {i % 20}", "department" if i % 3 else "province"])
        with open(truth_json, "w", encoding="utf-8") as f:
            json.dump({site: truth for site, truth in self.truth.items() if int(site[4:]) not in self.hostile},
                      f, indent=0, sort_keys=True)


async def serve(web: Web, port: int) -> tuple[list, int]:
    servers = []
    try:
        for address in web.hosts:
            servers.append(await asyncio.start_server(web.handle, address, port, backlog=256, reuse_address=True))
    except OSError:
        for server in servers:
            server.close()
        raise
    return servers, port


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sites_csv")
    ap.add_argument("truth_json")
    ap.add_argument("--sites", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--latency", type=float, default=0.02)
    ap.add_argument("--error-rate", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base", type=int, default=100)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--hostile-every", type=int, default=0, help="every Nth site misbehaves (0: none)")
    ap.add_argument("--access-log", help="write one line per request: time, site number, method, path, user agent")
    args = ap.parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))          # one listening socket per site
    web = Web(args.sites, args.pages, args.seed, args.latency, args.error_rate, args.base, args.hostile_every)
    if args.access_log:
        web.access_log = open(args.access_log, "a", buffering=1, encoding="utf-8")

    async def run():
        for _ in range(20):
            try:
                servers, port = await serve(web, args.port or random.randint(20000, 60000))
                break
            except OSError:
                if args.port:
                    raise
        else:
            raise SystemExit("no free port on loopback")
        web.write(port, args.sites_csv, args.truth_json)
        print(f"ready {port}", flush=True)
        await asyncio.Event().wait()

    asyncio.run(run())


if __name__ == "__main__":
    main()
