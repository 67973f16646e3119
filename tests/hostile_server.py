"""A hostile, broken web on loopback for tests: every way a government server misbehaves.

Synthetic: the same handler answers on several 127.0.x.y addresses (one host per site, as
Scrapy's download slots are per host); the path decides the behaviour. Hits are recorded so
a test can check what the crawler did (and did not) request.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import struct
import threading
import time
from urllib.parse import parse_qs, urlsplit

FILLER = "<p>" + "หน่วยงานทดสอบข้อมูลสังเคราะห์ ข่าวประชาสัมพันธ์ " * 12 + "</p>"


def page(body: str, title: str = "synthetic hostile fixture") -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>".encode()


class HostileHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    hits: list = []
    private_target = ""          # URL a page redirects to, to test the private-address guard
    bomb = b""

    def log_message(self, *args):
        pass

    def send(self, status: int, body: bytes = b"", headers: dict | None = None, length: int | None = None):
        self.send_response(status)
        for name, value in {"Content-Type": "text/html", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):  # noqa: C901 - one branch per misbehaviour, on purpose
        host = self.server.server_address[0]
        self.hits.append((host, self.path))
        path = self.path
        if path == "/robots.txt":
            if host.endswith(".9"):                                   # the robots-forbidden site
                return self.send(200, b"User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"})
            return self.send(404, b"")
        if path == "/slow":
            time.sleep(6)
            return self.send(200, page(FILLER))
        if path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body>" + FILLER.encode()[:500])
            self.wfile.flush()
            time.sleep(6)
            return None
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return None
        if path == "/unavailable":
            return self.send(503, page("maintenance"), {"Retry-After": "3600"})
        if path == "/loop":
            return self.send(302, b"", {"Location": "/loop"})
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            return self.send(302, b"", {"Location": f"/chain/{n + 1}"})
        if path.startswith("/cal"):                                   # an endless calendar
            month = int(parse_qs(urlsplit(path).query).get("m", ["0"])[0])
            links = "".join(f"<a href='/cal?m={month + d}'>เดือน {month + d}</a> " for d in (-1, 1, 12))
            return self.send(200, page(FILLER + links + "<a href='/cal?m=0&amp;sid=" + str(time.time_ns()) + "'>today</a>"))
        if path == "/big":                                            # 200 MB, streamed
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(200 * 2**20))
            self.end_headers()
            chunk = b"<p>" + b"x" * (2**20 - 3)
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                pass                                                  # the crawler hung up: good
            return None
        if path == "/endless":                                        # chunked, no length, never ends
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"<p>" + b"x" * (2**16 - 3)
            frame = b"%x\r\n%s\r\n" % (len(chunk), chunk)
            try:
                for _ in range(16 * 1024):                            # gives up after 1 GiB
                    self.wfile.write(frame)
            except OSError:
                pass                                                  # the crawler hung up: good
            self.close_connection = True
            return None
        if path == "/gzip-bomb":                                      # 256 MiB of zeros, 250 kB on the wire
            return self.send(200, self.bomb, {"Content-Encoding": "gzip"})
        if path == "/many-links":
            links = "".join(f"<a href='/l/{i}'>{i}</a>" for i in range(100_000))
            return self.send(200, page(FILLER + links))
        if path.startswith("/l/"):
            return self.send(200, page(FILLER))
        if path == "/deep":                                           # 100,000 nested divs, then the menu
            return self.send(200, page(FILLER + "<div>" * 100_000 + "ข่าว" + "</div>" * 100_000 +
                                       "<a href='/deep/contact'>ติดต่อเรา</a> <a href='/l/2'>หน้า 2</a>"))
        if path == "/deep/contact":
            return self.send(200, page(FILLER + "<p>โทร 0 2123 4567</p>"))
        if path == "/binary":
            return self.send(200, bytes(range(256)) * 400)
        if path == "/malformed":
            body = ("<html><body><div><p>" + FILLER + "<table><tr><td><a href='/ok1'>เกี่ยวกับหน่วยงาน<td>"
                    "<a href=/ok2>ติดต่อเรา</b></i></div></div></span><<<>>><a href='/ok3'>ข่าว")
            return self.send(200, body.encode())
        if path == "/leaky":                                          # a public-looking page ...
            return self.send(200, page(FILLER + "<a href='/to-private'>บริการออนไลน์</a>"))
        if path == "/to-private":                                     # ... whose link redirects inside
            return self.send(302, b"", {"Location": self.private_target})
        if path == "/metadata":
            return self.send(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
        if path == "/secret":
            return self.send(200, page("internal admin"))
        return self.send(200, page(FILLER + "<a href='/l/1'>หน้า 1</a>"))


class HostileWeb:
    """Serve HostileHandler on 127.0.<third>.1..count (same port) plus 127.0.0.1 (the 'inside'),
    or inside_address, which /to-private redirects to by inside_name (a host name) if given."""

    def __init__(self, third: int, count: int, inside_address: str = "127.0.0.1", inside_name: str | None = None):
        self.hits: list = []
        handler = type("Handler", (HostileHandler,), {"hits": self.hits,
                                                       "bomb": gzip.compress(b"\0" * 2**28, compresslevel=9)})
        first = http.server.ThreadingHTTPServer((f"127.0.{third}.1", 0), handler)
        self.port = first.server_address[1]
        self.servers = [first] + [http.server.ThreadingHTTPServer((f"127.0.{third}.{i}", self.port), handler)
                                  for i in range(2, count + 1)]
        self.inside = http.server.ThreadingHTTPServer((inside_address, 0), handler)
        handler.private_target = f"http://{inside_name or inside_address}:{self.inside.server_address[1]}/secret"
        for server in [*self.servers, self.inside]:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def url(self, i: int, path: str) -> str:
        return f"http://{self.servers[i - 1].server_address[0]}:{self.port}{path}"

    def close(self):
        for server in [*self.servers, self.inside]:
            server.shutdown()
            server.server_close()


class Canary:
    """A loopback TCP port the crawl must never reach: every connection accepted is recorded with
    the first line the peer sent (empty for a bare connect, as a browser's preconnect makes), and
    answered with a short HTTP 200 so a request that gets here completes."""

    def __init__(self, address: str = "127.0.0.1"):
        self.server = socket.create_server((address, 0))
        self.address, self.port = self.server.getsockname()[:2]
        self.hits: list[str] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://{self.address}:{self.port}{path}"

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return                                        # closed
            with self._lock:
                self.hits.append("")
                index = len(self.hits) - 1
            threading.Thread(target=self._serve, args=(conn, index), daemon=True).start()

    def _serve(self, conn: socket.socket, index: int):
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\n" not in data and len(data) < 4096:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                with self._lock:
                    self.hits[index] = data.split(b"\r\n", 1)[0].decode("latin-1")
                if data:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n"
                                 b"Connection: close\r\n\r\nok")
            except OSError:
                pass

    def close(self):
        self.server.close()
