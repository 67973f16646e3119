"""One HTTP exchange that connects to the address the private-address check approved.

A rendered page's requests are checked (crawler/render.py) and then fetched on the browser's
behalf. Had the fetch resolved the host name again, a name that answered with a public address
to the check and with a private one a moment later (DNS rebinding) would reach the private one.
Here the connection goes to the checked address itself; the name is still what the request
carries (the Host header, TLS's server name and certificate check), so the server sees an
ordinary request. Runs in a thread: the standard library's blocking http.client.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_BODY = 32 * 1024 * 1024          # a rendered page's script, image or API answer
TIMEOUT = 30.0
# headers of one connection, set by http.client or by the answer's own length
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
               "upgrade", "host", "content-length", "accept-encoding"}


class TooLarge(OSError):
    """The answer's body is larger than MAX_BODY."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def _connection(url: str, address: str, timeout: float) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    if address != host:
        # the TCP connection goes to the checked address; TLS still names (and verifies) the host
        conn._create_connection = lambda _where, timeout, source: socket.create_connection(  # type: ignore[attr-defined]
            (address, port), timeout, source)
    return conn


def fetch(url: str, method: str, headers: dict[str, str], body: bytes | None, address: str | None,
          timeout: float = TIMEOUT) -> Answer:
    """Send one request (no redirect followed) to `address` and read the whole answer; `address`
    is the host itself for a host the sites file lists (trusted whatever it resolves to), and
    None for a name that did not resolve when it was checked (then nothing is sent)."""
    if address is None:
        raise OSError(f"{url}: its host name did not resolve")
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent = {k: v for k, v in headers.items() if k.lower() not in _HOP_BY_HOP and not k.startswith(":")}
    sent["Accept-Encoding"] = "identity"     # the body is handed to the browser as it is read
    conn = _connection(url, address, timeout)
    try:
        conn.request(method, target, body=body or None, headers=sent)
        response = conn.getresponse()
        data = response.read(MAX_BODY + 1)
        if len(data) > MAX_BODY:
            raise TooLarge(f"{url}: the answer is larger than {MAX_BODY} bytes")
        answer: dict[str, str] = {}
        for name, value in response.getheaders():
            key = name.lower()
            if key in _HOP_BY_HOP:
                continue
            joiner = "\n" if key == "set-cookie" else ", "
            answer[key] = f"{answer[key]}{joiner}{value}" if key in answer else value
        return Answer(response.status, answer, data)
    finally:
        conn.close()
