"""Serve folders of saved or synthetic sites on loopback, one address per site.

    python -m egovscan.sitesrv SITES_DIR OUT_CSV [--third 66] [--port 0]

Every sub-folder of SITES_DIR is one site, served at http://127.0.<third>.<i>:<port>/
(download slots are per host, so each site gets its own address, as on the real web).
OUT_CSV receives a sites file (site_id,url,name plus any columns of SITES_DIR/sites.csv).
A site folder may hold ``_rules.json`` mapping a path to a canned answer:

    {"/old": {"status": 301, "headers": {"Location": "/new"}},
     "/slow": {"delay": 3},
     "/thai": {"headers": {"Content-Type": "text/html; charset=utf-8"}},
     "*": {"delay": 0.05}}

("*" applies to every path without a rule of its own.)

With --port 0 a free port is chosen. With EGOVSCAN_SITESRV_LOG=FILE set, every request is
logged to FILE as a JSON line (time, host, method, path, User-Agent, body). A POST is
answered by its path's rule only. Prints ``ready <port>`` when serving, and serves
until killed. Used by ``egovscan demo`` and by the tests; never binds beyond loopback.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import json
import os
import random
import threading
import time
from pathlib import Path


HIT_LOG = os.environ.get("EGOVSCAN_SITESRV_LOG")   # JSON lines: one per request, for tests
_hit_lock = threading.Lock()


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    rules: dict = {}
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def _rule(self) -> dict | None:
        path = self.path.split("?", 1)[0]
        return self.rules.get(self.path) or self.rules.get(path) or self.rules.get("*")

    def _answer(self, head_only: bool) -> bool:
        rule = self._rule()
        if rule is None:
            return False
        if rule.get("delay"):
            time.sleep(float(rule["delay"]))
        body = rule.get("body")
        body_bytes = None
        if body is not None:
            body_bytes = body.encode(rule.get("body_encoding", "utf-8"))
        elif rule.get("file"):
            body_bytes = (Path(self.directory) / rule["file"]).read_bytes()
        headers = {"Content-Type": "text/html"}
        if body_bytes is None and "status" not in rule:
            # headers-only rule: serve the file with these headers
            local = Path(self.translate_path(self.path))
            if local.is_dir():
                local = local / "index.html"
            if not local.is_file():
                return False
            body_bytes = local.read_bytes()
            headers["Content-Type"] = self.guess_type(str(local))
        self.send_response(int(rule.get("status", 200)))
        headers.update(rule.get("headers", {}))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body_bytes or b"")))
        self.end_headers()
        if body_bytes and not head_only:
            self.wfile.write(body_bytes)
        return True

    def _log_hit(self, body: bytes = b""):
        if HIT_LOG:
            with _hit_lock, open(HIT_LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps({"t": time.time(), "host": self.server.server_address[0], "method": self.command,
                                    "path": self.path, "ua": self.headers.get("User-Agent", ""),
                                    "body": body.decode("latin-1")}) + "\n")

    def _body(self) -> bytes:
        try:
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
        except ValueError:
            length = 0
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        self._log_hit(self._body())       # a GET carries no body; a client that sends one shows here
        if not self._answer(head_only=False):
            super().do_GET()

    def do_HEAD(self):
        self._log_hit()
        if not self._answer(head_only=True):
            super().do_HEAD()

    def do_POST(self):
        """A post is answered only by a rule (a form's redirect, say); its body is logged."""
        self._log_hit(self._body())
        if not self._answer(head_only=False):
            self.send_error(405)


def site_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _bind_all(dirs: list[Path], third: int, port: int):
    servers = []
    try:
        for i, folder in enumerate(dirs, start=1):
            rules_file = folder / "_rules.json"
            rules = json.loads(rules_file.read_text("utf-8")) if rules_file.exists() else {}
            handler = type(f"Site{i}", (SiteHandler,), {"rules": rules})
            srv = http.server.ThreadingHTTPServer(
                (f"127.0.{third}.{i}", port), functools.partial(handler, directory=str(folder)))
            srv.daemon_threads = True
            servers.append(srv)
    except OSError:
        for srv in servers:
            srv.server_close()
        raise
    return servers


def serve(root: str | os.PathLike, out_csv: str | os.PathLike, third: int = 66, port: int = 0):
    root = Path(root)
    dirs = site_dirs(root)
    for attempt in range(50):
        chosen = port or random.randint(20000, 60000)
        try:
            servers = _bind_all(dirs, third, chosen)
            break
        except OSError:
            if port:
                raise
    else:
        raise SystemExit("no free port found on loopback")
    extra = {}
    meta_csv = root / "sites.csv"
    if meta_csv.exists():
        with open(meta_csv, newline="", encoding="utf-8") as f:
            extra = {row["site_id"]: row for row in csv.DictReader(f)}
    columns = ["site_id", "url", "name"]
    for row in extra.values():
        columns += [c for c in row if c not in columns and c not in ("path",)]
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        for i, folder in enumerate(dirs, start=1):
            row = dict(extra.get(folder.name, {}))
            path = row.get("path", "")
            row.update(site_id=folder.name, url=f"http://127.0.{third}.{i}:{chosen}/{path}",
                       name=row.get("name") or folder.name)
            writer.writerow(row)
    for srv in servers:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    return chosen, servers


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sites_dir")
    ap.add_argument("out_csv")
    ap.add_argument("--third", type=int, default=66)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args(argv)
    chosen, _ = serve(args.sites_dir, args.out_csv, args.third, args.port)
    print(f"ready {chosen}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
