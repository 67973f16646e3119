"""What a failed download was, as a status of the taxonomy (``ground/status.py``) and in words.

Reads Scrapy's and Twisted's exceptions, so it lives with the crawler; the statuses themselves
are ground that scoring and reports read without Scrapy.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadFailedError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from twisted.internet import error as tx_error
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.extensions import cut_off
from crawler.middlewares import host_port
from ground.status import (BLOCKED_ADDRESS, BLOCKED_ROBOTS, CONNECTION_LOST, CONNECTION_REFUSED, DNS_ERROR, FETCH_ERROR,
                           TIMEOUT, TLS_ERROR, TOO_LARGE, TOO_MANY_REDIRECTS)


def classify_failure(exc: BaseException, url: str | None = None, refused=None) -> str:
    """Map a download failure (of a request for url) to a status name. refused(host): why the
    crawl's resolver refused host's private answer, if it did (crawler/listed.py)."""
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
        # the resolver refused a private answer: the download fails like an unresolvable name
        return BLOCKED_ADDRESS if url and refused and refused(host_port(url)[0]) else DNS_ERROR
    if isinstance(exc, (DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError)):
        return TIMEOUT
    if isinstance(exc, (DownloadConnectionRefusedError, tx_error.ConnectionRefusedError)):
        return CONNECTION_REFUSED
    if isinstance(exc, DownloadCancelledError):
        # an announced size says so in the message; an endless body is known by its byte count
        return TOO_LARGE if "size" in str(exc).lower() or (url and cut_off(url)) else CONNECTION_LOST
    if isinstance(exc, ResponseDataLossError):
        return CONNECTION_LOST
    if isinstance(exc, DownloadFailedError) and exc.__cause__ is not None:
        return classify_failure(exc.__cause__, url, refused)
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


def describe_failure(exc: BaseException, url: str | None = None, refused=None) -> str:
    """A failed download in words for the people who read the nightly log and the report card
    (``connection refused``, ``TLS handshake failed: wrong version number``), never the repr of
    a Twisted Failure. Stored as the page's ``error`` and, for a homepage, the site's ``detail``."""
    status = classify_failure(exc, url, refused)
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
