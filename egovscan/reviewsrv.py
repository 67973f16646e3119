"""`egovscan review serve`: a local page where a consultant confirms or overrides findings.

One process, the standard library's HTTP server (one thread per connection) and the report's
Jinja templates; no JavaScript (a decision is one click on a form button) and nothing fetched
from elsewhere, so it works offline. Safety:

- it binds 127.0.0.1 unless told otherwise; any other bind needs a token, given once as
  ``?token=`` and then kept in an HttpOnly, SameSite=Strict cookie;
- the Host header must name the address served (a web page elsewhere cannot reach it by
  DNS rebinding) and every POST carries a per-process secret (no cross-site form posts);
- archived pages are served under a sandbox CSP: no script runs and nothing is fetched;
- a client that connects and says nothing, or announces a body it never sends, holds only its
  own thread, and only until the socket timeout; at most MAX_CONNECTIONS connections are served
  at once (one thread each), and any more are answered 503 at once and closed, so a flood of
  silent connections costs neither memory nor the page for long; a Content-Length that is not a whole number
  of at most MAX_BODY bytes is answered 400 before anything is read, and the host and token
  are checked before a body is read.
"""

from __future__ import annotations

import hmac
import html
import re
import secrets
import socket
import sys
import threading
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from assessors import FEATURES, catalogue_order
from assessors.base import CONFIDENCE_RANK as CONFIDENCE_ORDER
from ground.store import Store
from ground.warc import read_record
from reports.html import EVIDENCE_SHOWN, HERE as REPORTS, distinct_evidence, environment
from reports.wording import words
from stages.framework import FrameworkError, load_framework
from stages.reviews import findings

from .reviews import REVIEW_STATES, ReviewError, add_review, disagreements, rescore

COOKIE = "egovscan_review"
PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
SNAPSHOT_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
REQUEST_TIMEOUT = 20              # seconds a connection may stay silent before it is closed
MAX_BODY = 64_000                 # bytes of a decision form post
MAX_CONNECTIONS = 64              # connections served at once, each in its own thread
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 5\r\nConnection: close\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Length: 33\r\n\r\n"
        b"Too many connections: try again.\n")
# a Host header: a name or IPv4 address, or an IPv6 address in brackets, and an optional port
HOST_HEADER = re.compile(r"(?:\[(?P<v6>[0-9a-fA-F:.]+)\]|(?P<name>[^\s:@/\[\]]+))(?::[0-9]*)?")


def host_named(header: str | None) -> str | None:
    """The host a Host header names, lower case, or None when it is not a host header."""
    found = HOST_HEADER.fullmatch((header or "").strip())
    return (found.group("v6") or found.group("name")).lower() if found else None


class ReviewApp:
    """What the pages show and do, apart from HTTP."""

    def __init__(self, db: Path, run_id: int, lang: str = "en", reviewer: str = ""):
        self.db_path = db
        self._local = threading.local()
        self.writing = threading.Lock()             # one decision and its re-scoring at a time
        self.run_id = run_id
        self.run = self.store.run(run_id)
        self.reviewer = reviewer
        self.env = environment(lang)
        self.lang = lang
        self.ui = words()["ui"][lang]
        self.csrf = secrets.token_urlsafe(24)

    @property
    def store(self) -> Store:
        """This thread's connection to the database (a SQLite connection serves one thread)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path)
        return store

    def framework(self) -> str | None:
        return self.store.shown_framework(self.run_id, self.run.get("framework") or "un2012")

    def framework_title(self, framework: str | None) -> str:
        """The framework's title in the page's language (its id when it cannot be loaded)."""
        if framework is None:
            return ""
        try:
            loaded = load_framework(framework)
        except (FrameworkError, OSError):
            return framework
        return loaded.title_th if self.lang == "th" and loaded.title_th else loaded.title

    def scores(self, framework: str | None, site_id: str | None = None) -> dict[str, dict]:
        """site_id -> score row of the run (or of one site) with a framework."""
        if framework is None:
            return {}
        return {r["site_id"]: r for r in self.store.scores(self.run_id, framework, site_id)}

    def index(self) -> str:
        flagged: dict[str, list[int]] = {}
        for f in findings(self.store, self.run_id):
            counts = flagged.setdefault(f.site_id, [0, 0])
            counts[0] += f.review is not None
            counts[1] += f.needs_review
        split = disagreements(self.store, self.run_id)
        sites = sorted(self.store.site_rows(self.run_id), key=lambda s: s["site_id"])
        framework = self.framework()
        return self.env.get_template("review_index.html").render(
            run=self.run, sites=sites, scores=self.scores(framework), flagged=flagged, disagreements=split,
            framework=framework, framework_title=self.framework_title(framework), csrf=self.csrf)

    def site(self, site_id: str, message: str = "") -> str | None:
        site = self.store.site_row(self.run_id, site_id)
        if site is None:
            return None
        evidence: dict[str, list[dict]] = {}
        for row in self.store.evidence(self.run_id, site_id):
            evidence.setdefault(row["feature"], []).append(row)
        evidence = {feature: distinct_evidence(items)[:EVIDENCE_SHOWN] for feature, items in evidence.items()}
        # the least sure decisions first: that is where a reviewer's time counts
        confidence = self.store.feature_confidence(self.run_id, site_id)
        framework = self.framework()
        listed = findings(self.store, self.run_id, site_id)
        # the features only a reviewer decides that no one has decided yet, with what to do for each
        open_checks = [(f.feature, FEATURES[f.feature].review.get(self.lang, "")) for f in listed
                       if f.feature in FEATURES and FEATURES[f.feature].check == "human" and f.state == "unknown"]
        archived = self.store.archived_urls(self.run_id, site_id)
        return self.env.get_template("review_site.html").render(
            run=self.run, site={k: site[k] for k in ("site_id", "name", "url", "status")},
            open_checks=sorted(open_checks, key=lambda item: catalogue_order(item[0])),
            findings=sorted(listed,
                            key=lambda f: (CONFIDENCE_ORDER.get(confidence.get(f.feature), len(CONFIDENCE_ORDER)),
                                           catalogue_order(f.feature))),
            evidence=evidence, archived=archived, confidence=confidence,
            score=self.scores(framework, site_id).get(site_id), framework=framework,
            framework_title=self.framework_title(framework), states=REVIEW_STATES,
            reviewer=self.reviewer, csrf=self.csrf, message=message, quote=quote)

    def review(self, form: dict[str, str]) -> str:
        """Record one decision and re-score; returns the site it was about."""
        with self.writing:
            add_review(self.store, self.run_id, form.get("site", ""), form.get("feature", ""), form.get("state", ""),
                       form.get("by", ""), note=form.get("note", "").strip(),
                       evidence_url=form.get("evidence", "").strip(), public=form.get("public") == "1")
            rescore(self.store, self.run_id)
        return form["site"]

    def snapshot(self, site_id: str, url: str) -> tuple[bytes, str] | None:
        page = self.store.archived_page(self.run_id, site_id, url)
        if page is None or self.store.run(self.run_id).get("warcs_pruned_at"):
            return None
        _, body = read_record(self.run["warc_dir"], page["warc_file"], page["warc_offset"])
        return body, page["encoding"] or "utf-8"


def make_handler(app: ReviewApp, token: str | None, hosts: set[str] | None):
    class Handler(BaseHTTPRequestHandler):
        server_version = "egovscan-review"
        sys_version = ""
        timeout = REQUEST_TIMEOUT

        def log_message(self, format, *args):      # noqa: A002 - the base class's name
            pass

        def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  csp: str = PAGE_CSP, headers: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, key: str, **values):
            """An error page in the server's language (words.toml: error_*)."""
            message = app.ui[key].format(**values)
            page = (f"<!doctype html><html lang=\"{app.lang}\"><head><meta charset=utf-8><title>{int(status)}</title>"
                    f"</head><body><p>{html.escape(message)}</p></body></html>")
            self._send(status, page.encode("utf-8"))

        def _allowed(self, query: dict) -> bool:
            if hosts is not None and host_named(self.headers.get("Host")) not in hosts:
                self._error(HTTPStatus.MISDIRECTED_REQUEST, "error_host", hosts=", ".join(sorted(hosts)))
                return False
            if token is None:
                return True
            cookie = SimpleCookie(self.headers.get("Cookie") or "")
            given = query.get("token", [""])[0] or (cookie[COOKIE].value if COOKIE in cookie else "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                self._error(HTTPStatus.FORBIDDEN, "error_token")
                return False
            if query.get("token"):
                path = urlsplit(self.path).path
                self._send(HTTPStatus.SEE_OTHER, b"", headers={
                    "Location": path, "Set-Cookie": f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"})
                return False
            return True

        def do_GET(self):                           # noqa: N802 - the base class's name
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            if not self._allowed(query):
                return
            if parts.path == "/":
                return self._send(200, app.index().encode("utf-8"))
            if parts.path == "/assets/style.css":
                return self._send(200, (REPORTS / "assets" / "style.css").read_bytes(), "text/css; charset=utf-8")
            if parts.path.startswith("/site/"):
                page = app.site(unquote(parts.path[len("/site/"):]))
                if page is None:
                    return self._error(404, "error_no_site")
                return self._send(200, page.encode("utf-8"))
            if parts.path == "/snapshot":
                found = app.snapshot(query.get("site", [""])[0], query.get("url", [""])[0])
                if found is None:
                    return self._error(404, "error_no_snapshot")
                body, encoding = found
                return self._send(200, body, f"text/html; charset={encoding}", csp=SNAPSHOT_CSP)
            self._error(404, "error_not_found")

        do_HEAD = do_GET

        def _body_length(self) -> int | None:
            """The body's announced length, or None when it is not one whole number of at most
            MAX_BODY bytes (a negative or absent-minded length would block on reading)."""
            given = {v.strip() for v in self.headers.get_all("Content-Length") or []}
            if not given:
                return 0
            if len(given) > 1 or not re.fullmatch(r"[0-9]{1,9}", next(iter(given))):
                return None
            length = int(next(iter(given)))
            return length if length <= MAX_BODY else None

        def do_POST(self):                          # noqa: N802
            parts = urlsplit(self.path)
            if not self._allowed(parse_qs(parts.query)):
                return
            if parts.path != "/review":
                return self._error(404, "error_not_found")
            length = self._body_length()
            if length is None:
                return self._error(HTTPStatus.BAD_REQUEST, "error_bad_length", limit=MAX_BODY)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8", "replace")).items()}
            if not hmac.compare_digest(form.get("csrf", "").encode(), app.csrf.encode()):
                return self._error(HTTPStatus.FORBIDDEN, "error_stale_form")
            try:
                site_id = app.review(form)
            except ReviewError as exc:
                page = app.site(form.get("site", ""), message=app.ui[exc.word] if exc.word else str(exc))
                if page is None:
                    return self._error(400, "error_no_site")
                return self._send(400, page.encode("utf-8"))
            anchor = quote(form.get("feature", ""))
            self._send(HTTPStatus.SEE_OTHER, b"", headers={"Location": f"/site/{quote(site_id)}#f-{anchor}"})

    return Handler


class ReviewServer(ThreadingHTTPServer):
    """Each connection in its own daemon thread, so one slow or silent client holds no other;
    at most MAX_CONNECTIONS threads at once, a connection beyond them answered 503 and closed."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler, max_connections: int = MAX_CONNECTIONS):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(BUSY)
            except OSError:
                pass                     # the client went away first
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()         # no thread started to release it
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):
        """A client that went away or fell silent is no error of the server's."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def serve(app: ReviewApp, host: str, port: int, token: str | None) -> ReviewServer:
    """A bound server (not yet serving); port 0 picks a free one."""
    hosts = LOOPBACK if host in LOOPBACK else None       # other binds: the token guards them
    return ReviewServer((host, port), make_handler(app, token, hosts))
