"""The status taxonomy: how each page fetch and each site crawl ended.

Page statuses (``pages.fetch_status``) and site statuses (``sites.status``) share the
failure names, so a site whose homepage timed out is simply ``timeout``. The README
lists each status with what a consultant should do about it.
"""

from __future__ import annotations

import re

# Page outcomes that carry content or a server answer.
PAGE_OK = "ok"                      # 2xx HTML (or text) page stored
PAGE_HTTP_ERROR = "http_error"      # the server answered 4xx / 5xx
PAGE_NOT_HTML = "not_html"          # stored, but not a web page (image, binary)
PAGE_OUT_OF_SCOPE = "out_of_scope"  # redirected off the site; recorded as an outbound link
PAGE_DUPLICATE = "duplicate"        # redirected to a page already fetched

# Failures (page and site).
DNS_ERROR = "dns_error"
TIMEOUT = "timeout"
CONNECTION_REFUSED = "connection_refused"
CONNECTION_LOST = "connection_lost"
TLS_ERROR = "tls_error"
BLOCKED_ROBOTS = "blocked_robots"
TOO_MANY_REDIRECTS = "too_many_redirects"
TOO_LARGE = "too_large"
BLOCKED_ADDRESS = "blocked_address"
FETCH_ERROR = "fetch_error"

# Site-only outcomes.
SITE_OK = "ok"
SITE_PARTIAL = "partial"
SITE_EMPTY = "empty"
SITE_NEEDS_RENDER = "needs_render"
SITE_HTTP_ERROR = "http_error"
# sites whose pages can be assessed and scored; any other status leaves every feature unknown
SITE_JUDGED = (SITE_OK, SITE_PARTIAL)

SITE_STATUSES = {
    "ok": "crawled as planned: the page budget was spent or the whole site was reached",
    "partial": "the homepage worked but at least a fifth of the other pages failed; results may miss features",
    "empty": "the homepage answered but had no text and no links to follow (a blank or parked page)",
    "needs_render": "the homepage is a JavaScript application with no static content; crawl again with --render",
    "http_error": "the homepage answered with an HTTP error (4xx/5xx) after retries",
    "dns_error": "the host name does not resolve: the URL is wrong or the domain has lapsed",
    "timeout": "the server did not answer in time, even after retries",
    "connection_refused": "nothing listens on that host and port",
    "connection_lost": "the server closed or reset the connection before answering",
    "tls_error": "the HTTPS handshake failed (expired, self-signed or mismatched certificate, old TLS)",
    "blocked_robots": "robots.txt forbids crawling the homepage",
    "too_many_redirects": "the homepage redirects in a loop or through too many hops",
    "too_large": "the homepage is larger than the download limit",
    "blocked_address": "the homepage redirected into private address space, which is never followed",
    "fetch_error": "any other failure; the detail column has the error",
}

FAILURES = {DNS_ERROR, TIMEOUT, CONNECTION_REFUSED, CONNECTION_LOST, TLS_ERROR, BLOCKED_ROBOTS,
            TOO_MANY_REDIRECTS, TOO_LARGE, BLOCKED_ADDRESS, FETCH_ERROR}
PARTIAL_FAILURE_SHARE = 0.2


def classify_failure(exc: BaseException, url: str | None = None) -> str:
    """Map a download failure (of a request for url) to a status name."""
    # imported here: the statuses themselves are read by scoring and reports, which need no Scrapy
    from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                                   DownloadFailedError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
    from twisted.internet import error as tx_error
    from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

    if isinstance(exc, IgnoreRequest):
        msg = str(exc)
        if "robots.txt" in msg:
            return BLOCKED_ROBOTS
        if "redirection" in msg:
            return TOO_MANY_REDIRECTS
        if "private address" in msg:
            return BLOCKED_ADDRESS
        if "maxsize" in msg.lower() or "max size" in msg.lower():
            return TOO_LARGE        # e.g. a gzip bomb: its decompressed body passes DOWNLOAD_MAXSIZE
        return FETCH_ERROR
    if isinstance(exc, (CannotResolveHostError, tx_error.DNSLookupError)):
        from crawler import resolver
        from crawler.middlewares import host_port

        # the resolver refused a private answer: the download fails like an unresolvable name
        return BLOCKED_ADDRESS if url and resolver.refused(host_port(url)[0]) else DNS_ERROR
    if isinstance(exc, (DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError)):
        return TIMEOUT
    if isinstance(exc, (DownloadConnectionRefusedError, tx_error.ConnectionRefusedError)):
        return CONNECTION_REFUSED
    if isinstance(exc, DownloadCancelledError):
        from crawler.extensions import cut_off

        # an announced size says so in the message; an endless body is known by its byte count
        return TOO_LARGE if "size" in str(exc).lower() or (url and cut_off(url)) else CONNECTION_LOST
    if isinstance(exc, ResponseDataLossError):
        return CONNECTION_LOST
    if isinstance(exc, DownloadFailedError) and exc.__cause__ is not None:
        return classify_failure(exc.__cause__, url)
    if isinstance(exc, (ResponseFailed, ResponseNeverReceived)):
        reasons = getattr(exc, "reasons", []) or []
        if any(_is_tls(r.value) for r in reasons if hasattr(r, "value")):
            return TLS_ERROR
        if any("maxsize" in str(getattr(r, "value", r)).lower() or "cancel" in str(getattr(r, "value", r)).lower()
               for r in reasons):
            return TOO_LARGE
        return CONNECTION_LOST
    if _is_tls(exc):
        return TLS_ERROR
    if isinstance(exc, (tx_error.ConnectionLost, tx_error.ConnectionDone, tx_error.ConnectError)):
        return CONNECTION_LOST
    text = f"{type(exc).__name__} {exc}".lower()
    if "maxsize" in text or "cancelled" in text or "canceled" in text:
        return TOO_LARGE
    return FETCH_ERROR


def describe_failure(exc: BaseException, url: str | None = None) -> str:
    """A failed download in words for the people who read the nightly log and the report card
    (``connection refused``, ``TLS handshake failed: wrong version number``), never the repr of
    a Twisted Failure. Stored as the page's ``error`` and, for a homepage, the site's ``detail``."""
    status = classify_failure(exc, url)
    if status == TLS_ERROR:
        reason = _tls_reason(exc)
        return "TLS handshake failed" + (f": {reason}" if reason else "")
    if status == CONNECTION_REFUSED:
        return "connection refused"
    if status == DNS_ERROR:
        host = _host(url)
        return "DNS lookup failed" + (f": {host} does not resolve" if host else "")
    if status == TIMEOUT:
        seconds = re.search(r"longer than ([0-9.]+) seconds", str(exc))
        return f"timed out after {float(seconds.group(1)):g} s" if seconds else "timed out"
    if status == CONNECTION_LOST:
        return "connection lost: the server closed or reset the connection before the answer was complete"
    if status == TOO_LARGE:
        return "larger than the download limit"
    text = " ".join(str(exc).split())
    if status in (BLOCKED_ROBOTS, TOO_MANY_REDIRECTS, BLOCKED_ADDRESS) and text:
        return text
    return f"{type(exc).__name__}: {_strip_failures(text)}" if text else type(exc).__name__


def _causes(exc: BaseException):
    """exc, the exceptions it was raised from, and those a Twisted ResponseFailed carries."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.append(e.__cause__)
        todo.extend(getattr(r, "value", None) for r in getattr(e, "reasons", None) or [])


def _tls_reason(exc: BaseException) -> str:
    for e in _causes(exc):
        # pyOpenSSL's Error carries [(library, function, reason), ...]
        args = e.args[0] if e.args and isinstance(e.args[0], list) else []
        reasons = [t[-1] for t in args if isinstance(t, tuple) and t and t[-1]]
        if reasons:
            return "; ".join(dict.fromkeys(str(r) for r in reasons))
        if _is_tls(e) and str(e) and "Failure" not in str(e):
            return " ".join(str(e).split())
    return ""


def _host(url: str | None) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url or "").hostname or ""
    except ValueError:
        return ""


def _strip_failures(text: str) -> str:
    """Twisted's `[<twisted.python.failure.Failure X: message>]` as `X: message`."""
    return re.sub(r"\[?<twisted\.python\.failure\.Failure ([^>]*)>\]?", r"\1", text)


def _is_tls(exc: BaseException) -> bool:
    name = f"{type(exc).__module__}.{type(exc).__name__}".lower()
    return "ssl" in name or "tls" in name or "certificate" in str(exc).lower()


def site_status(pages: list[dict]) -> tuple[str, str]:
    """(status, detail) of a site from its page rows (ordered by depth, ord)."""
    requested = [p for p in pages if p["fetch_status"] not in (PAGE_DUPLICATE,)]
    if not requested:
        return FETCH_ERROR, "no page was requested"
    home = pages[0]
    status = home["fetch_status"]
    if status in FAILURES:
        return status, home.get("error") or SITE_STATUSES[status]
    if status == PAGE_HTTP_ERROR:
        return SITE_HTTP_ERROR, f"homepage answered HTTP {home.get('status_code')}"
    if status == PAGE_OUT_OF_SCOPE:
        return SITE_EMPTY, f"homepage redirected off the site to {home.get('final_url')}"
    if home.get("js_only") and not home.get("rendered") and len(requested) == 1:
        return SITE_NEEDS_RENDER, "the homepage has scripts but no static content or links"
    ok = [p for p in requested if p["fetch_status"] == PAGE_OK]
    if not ok or (len(ok) == 1 and not home.get("text_chars") and not home.get("links_found")):
        return SITE_EMPTY, "the homepage has no text and no links"
    # pages robots.txt forbids are the owner's choice, and links into private address space are
    # refused by us: neither is a failure of the crawl
    others_requested = [p for p in requested[1:] if p["fetch_status"] not in (BLOCKED_ROBOTS, BLOCKED_ADDRESS)]
    failed = [p for p in others_requested if p["fetch_status"] in FAILURES or p["fetch_status"] == PAGE_HTTP_ERROR]
    others = len(others_requested)
    if others and len(failed) / others >= PARTIAL_FAILURE_SHARE:
        return SITE_PARTIAL, f"{len(failed)} of {others} pages after the homepage failed"
    return SITE_OK, f"{len(ok)} pages stored"
