"""Rendering JavaScript-only pages in Chromium (scrapy-playwright), with the right charset.

The page was already fetched once without a browser, and egovscan knows its encoding
(crawler.encoding). Chromium would guess again for an undeclared Thai page, often wrongly,
so the main document is served to the browser from that first body with the detected
charset; scripts, styles and API calls still go to the network through scrapy-playwright,
except into private address space the sites file does not list (as for the crawl's own
requests, crawler.middlewares.PrivateAddressGuard).
"""

from __future__ import annotations

import asyncio
import logging

from .middlewares import host_port, is_private, private_name

logger = logging.getLogger(__name__)

# (host, port) pairs the sites file lists, set by the spider when its run opens; None when
# EGOVSCAN_BLOCK_PRIVATE is off. Until then nothing private is listed.
LISTED_HOSTS: set | None = set()
_CHARSET_LABELS = {"cp874": "windows-874", "cp1252": "windows-1252", "utf-8": "utf-8"}


def charset_label(codec: str) -> str:
    return _CHARSET_LABELS.get(codec, codec)


async def private_unlisted(url: str, listed: set, resolved: dict[str, bool]) -> bool:
    """Whether a request the page makes goes to private address space the sites file does not
    list: the same rule as crawler.middlewares.PrivateAddressGuard, for what Chromium fetches
    itself (scripts, images, API calls), which never passes Scrapy's middlewares. `resolved`
    keeps the page's answers per host name: its subresources come from a few hosts."""
    if not url.lower().startswith(("http://", "https://")):
        return False                     # data:, blob: and the like stay inside the browser
    host, port = host_port(url)
    if not host or (host, port) in listed:
        return False
    if private_name(host):
        return True
    if host not in resolved:
        try:
            answers = await asyncio.get_running_loop().getaddrinfo(host, port)
        except OSError:
            answers = []                 # unresolvable: the browser's own request fails
        resolved[host] = any(is_private(info[4][0]) for info in answers)
    return resolved[host]


async def serve_static_body(page, request) -> None:
    """scrapy-playwright page-init callback (meta ``playwright_page_init_callback``): the main
    document from the stored body, and no request of the page into private address space."""
    body: bytes | None = request.meta.get("egovscan_static_body")
    encoding: str | None = request.meta.get("egovscan_encoding")
    listed = LISTED_HOSTS
    target = request.url
    served = False
    resolved: dict[str, bool] = {}

    async def route(route, playwright_request):
        nonlocal served
        url = playwright_request.url
        if body is not None and encoding and not served and playwright_request.is_navigation_request() and url == target:
            served = True
            await route.fulfill(status=200, body=body,
                                headers={"content-type": f"text/html; charset={charset_label(encoding)}"})
        elif listed is not None and await private_unlisted(url, listed, resolved):
            logger.warning("refused %s while rendering %s: a private address not listed in the sites file", url, target)
            await route.abort("blockedbyclient")
        else:
            await route.fallback()

    await page.route("**", route)
