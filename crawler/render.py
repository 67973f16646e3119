"""Rendering JavaScript-only pages in Chromium (scrapy-playwright), with the right charset.

The page was already fetched once without a browser, and egovscan knows its encoding
(crawler.encoding). Chromium would guess again for an undeclared Thai page, often wrongly,
so the main document is served to the browser from that first body with the detected
charset; scripts, styles and API calls still go to the network, except into private address
space the sites file does not list (as for the crawl's own requests,
crawler.middlewares.PrivateAddressGuard). Chromium follows a redirect inside its network stack,
where no Playwright route sees the next hop, so while that guard is on the page's requests are
fetched through the route one hop at a time, each hop checked and sent to the address its
check approved (crawler/pinned.py: a name is not resolved twice, so DNS rebinding gets no
further), and the final answer handed to the page.

A page can also make the browser send requests that are not its own: a pop-up window
(``window.open``, a form or link with ``target=_blank``), a service worker, a WebSocket. The
same rule therefore also guards the whole browser context: a context-level route for every
request no page route answered, service workers blocked (``PLAYWRIGHT_CONTEXTS`` in
crawler/settings.py) and every pop-up window closed as it opens. And Chromium connects to a
navigation's host (a pop-up's, a frame's) before any route sees the request, and prefetches
(speculation rules) and WebRTC connect on their own, so while the guard is on Chromium resolves
no host itself (chromium_args): what it loads is fetched through the routes, by egovscan
itself, and a WebSocket, which only Chromium could open, is not opened.
"""

from __future__ import annotations

import asyncio
import http.client
import logging
import re
import socket
import weakref
from urllib.parse import urljoin

from ground.private import is_private

from . import pinned
from .listed import ListedHosts, host_port, refused_before_dns

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 10
_CHARSET_LABELS = {"cp874": "windows-874", "cp1252": "windows-1252", "utf-8": "utf-8"}
_WEBSOCKET_SCHEMES = {"ws": "http", "wss": "https"}
_GUARDED: weakref.WeakSet = weakref.WeakSet()      # browser contexts guard_context has guarded
# Chromium's command line: headless with no background traffic of its own
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# every host name, IP literals and localhost included, resolves to nothing inside Chromium
NO_OWN_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND"


def chromium_args(block_private: bool) -> list[str]:
    """Chromium's arguments; with the private-address guard on, no network of its own."""
    return [*CHROMIUM_ARGS, NO_OWN_NETWORK] if block_private else list(CHROMIUM_ARGS)


def charset_label(codec: str) -> str:
    return _CHARSET_LABELS.get(codec, codec)


def _scheme_url(url: str) -> str | None:
    """The http(s) URL a request goes to (ws:// and wss:// have the ports of http:// and
    https://); None for data:, blob: and the like, which stay inside the browser."""
    scheme, sep, rest = url.partition("://")
    scheme = _WEBSOCKET_SCHEMES.get(scheme.lower(), scheme.lower())
    if not sep or scheme not in ("http", "https"):
        return None
    return f"{scheme}://{rest}"


async def check_address(url: str, listed: set, resolved: dict[str, str | None]) -> tuple[bool, str | None]:
    """Whether a request the page makes goes to private address space the sites file does not
    list (the same rule as crawler.middlewares.PrivateAddressGuard, for what Chromium fetches,
    which never passes Scrapy's middlewares), and the address the check approved: the request
    is then sent there and nowhere else (crawler/pinned.py), so a name cannot answer publicly to
    the check and privately to the fetch (DNS rebinding). The address is the host itself for an
    IP literal and for a host the sites file lists (trusted whatever it resolves to), and None
    for a name that does not resolve. `resolved` keeps each name's approved address ("" when
    refused): a page's subresources come from a few hosts."""
    url = _scheme_url(url)
    if url is None:
        return False, None
    host, port = host_port(url)
    refuse = refused_before_dns(host, port, listed)
    if refuse is not None:
        return refuse, host or None
    if host not in resolved:
        try:
            answers = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError:
            answers = []                 # unresolvable: the request fails
        addresses = [info[4][0] for info in answers]
        if any(is_private(a) for a in addresses):
            resolved[host] = ""
        else:
            resolved[host] = addresses[0] if addresses else None
    address = resolved[host]
    return address == "", address or None


class _Guard:
    """The private-address rule for the requests of one page, or of a whole browser context."""

    def __init__(self, listed: set, user_agent: str, where: str):
        self.listed, self.user_agent, self.where = listed, user_agent, where
        self.resolved: dict[str, str | None] = {}

    async def approved(self, url: str, hop: str | None = None) -> tuple[bool, str | None]:
        """(refused, the address to connect to), the refusal logged."""
        refused, address = await check_address(url, self.listed, self.resolved)
        if refused:
            via = f" (redirected from {hop})" if hop else ""
            logger.warning("refused %s%s %s: a private address not listed in the sites file", url, via, self.where)
        return refused, address

    async def refused(self, url: str, hop: str | None = None) -> bool:
        return (await self.approved(url, hop))[0]

    async def fetch_checked(self, playwright_request, address: str | None) -> pinned.Answer | None:
        """The answer to the browser's request, fetched at the approved address, its redirects
        followed here with each hop checked; None when a hop is refused or the chain is too long."""
        url, method = playwright_request.url, playwright_request.method
        headers = await playwright_request.all_headers()
        if self.user_agent:
            headers["user-agent"] = self.user_agent  # the crawler's name and contact, as for its own requests
        body: bytes | None = playwright_request.post_data_buffer
        for _ in range(MAX_REDIRECTS + 1):
            response = await asyncio.to_thread(pinned.fetch, url, method, headers, body, address)
            location = response.headers.get("location")
            if not (300 <= response.status < 400 and location):
                return response
            hop, url = url, urljoin(url, location)
            if response.status in (301, 302, 303) and method not in ("GET", "HEAD"):
                # as browsers do: the next hop is a GET without the form's body
                method, body = "GET", None
                for name in ("content-type", "content-length"):
                    headers.pop(name, None)
            refused, address = await self.approved(url, hop)
            if refused:
                return None
        logger.warning("more than %d redirects from %s %s", MAX_REDIRECTS, playwright_request.url, self.where)
        return None

    async def answer(self, route, playwright_request) -> None:
        """Answer an http(s) request of the browser under the rule: refused, or fetched hop by hop."""
        url = playwright_request.url
        refused, address = await self.approved(url)
        if refused:
            await route.abort("blockedbyclient")
            return
        try:
            response = await self.fetch_checked(playwright_request, address)
        except (OSError, http.client.HTTPException, ValueError) as e:   # refused, reset, timed out, too large
            logger.debug("could not fetch %s %s: %s", url, self.where, e)
            await route.abort("failed")
            return
        if response is None:
            await route.abort("blockedbyclient")
        else:
            await route.fulfill(status=response.status, headers=response.headers, body=response.body)


def _http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


async def _close_popup(page) -> None:
    """A window a rendered page opened (window.open, target=_blank) is never what is rendered."""
    try:
        if await page.opener() is not None:
            logger.debug("closing a pop-up window at %s", page.url)
            await page.close()
    except Exception as e:                   # playwright's Error: the window or browser is gone
        logger.debug("could not close a pop-up window: %s", e)


def listed_hosts(request) -> set | None:
    """The (host, port) pairs the rendered request's crawl lists (crawler/listed.py; the request
    names its crawl's listing in meta ``egovscan_listed``); None when that crawl's guard is off.
    A request whose crawl is not known here lists nothing private."""
    listing = ListedHosts.named(request.meta.get("egovscan_listed"))
    return listing.hosts if listing is not None else set()


async def guard_context(context, listed: set | None, user_agent: str = "") -> None:
    """Once per browser context: close every pop-up window, and put every request and WebSocket
    no page route answers (a pop-up's, a service worker's) under the private-address rule, with
    the listed (host, port) pairs of the crawl the context renders for (None: the guard is off)."""
    if context in _GUARDED:
        return
    _GUARDED.add(context)
    context.on("page", _close_popup)
    if listed is None:
        return
    guard = _Guard(listed, user_agent, "while rendering (a pop-up window, a worker or a WebSocket)")

    async def route(route, playwright_request):
        # a rendered page's own requests are answered by its page route: what comes here is a
        # pop-up window's (closed as it opens: its navigation is not fetched) or a worker's
        try:
            if not _http(playwright_request.url):
                await route.fallback()
            elif playwright_request.is_navigation_request():
                if not await guard.refused(playwright_request.url):
                    logger.debug("not loading %s in a pop-up window", playwright_request.url)
                await route.abort("blockedbyclient")
            else:
                await guard.answer(route, playwright_request)
        except Exception as e:               # the pop-up or worker is gone before its answer
            logger.debug("could not answer %s while rendering: %s", playwright_request.url, e)

    async def websocket(ws):
        # Chromium has no network of its own here (chromium_args): no WebSocket is opened, and
        # one into private address space is reported like any refused request
        if not await guard.refused(ws.url):
            logger.debug("not opening WebSocket %s while rendering", ws.url)
        await ws.close()

    await context.route("**", route)
    await context.route_web_socket(re.compile(".*"), websocket)


async def serve_static_body(page, request) -> None:
    """scrapy-playwright page-init callback (meta ``playwright_page_init_callback``): the main
    document from the stored body, and no request of the page or its browser context into
    private address space."""
    body: bytes | None = request.meta.get("egovscan_static_body")
    encoding: str | None = request.meta.get("egovscan_encoding")
    listed = listed_hosts(request)
    target = request.url
    served = False
    user_agent = (request.headers.get("User-Agent") or b"").decode("latin-1")
    guard = _Guard(listed, user_agent, f"while rendering {target}")
    await guard_context(page.context, listed, user_agent)

    async def route(route, playwright_request):
        nonlocal served
        url = playwright_request.url
        if body is not None and encoding and not served and playwright_request.is_navigation_request() and url == target:
            served = True
            await route.fulfill(status=200, body=body,
                                headers={"content-type": f"text/html; charset={charset_label(encoding)}"})
        elif listed is None or not _http(url):
            await route.fallback()
        else:
            await guard.answer(route, playwright_request)

    await page.route("**", route)
