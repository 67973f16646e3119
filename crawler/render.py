"""Rendering JavaScript-only pages in Chromium (scrapy-playwright), with the right charset.

The page was already fetched once without a browser, and egovscan knows its encoding
(crawler.encoding). Chromium would guess again for an undeclared Thai page, often wrongly,
so the main document is served to the browser from that first body with the detected
charset; scripts, styles and API calls still go to the network, except into private address
space the sites file does not list (as for the crawl's own requests,
crawler.middlewares.PrivateAddressGuard). Chromium follows a redirect inside its network stack,
where no Playwright route sees the next hop, so while that guard is on the page's requests are
fetched through the route one hop at a time, each hop checked, and the final answer handed to
the page.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urljoin

from .middlewares import host_port, is_private, refused_before_dns

logger = logging.getLogger(__name__)

# (host, port) pairs the sites file lists, set by the spider when its run opens; None when
# EGOVSCAN_BLOCK_PRIVATE is off. Until then nothing private is listed.
LISTED_HOSTS: set | None = set()
MAX_REDIRECTS = 10
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
    refuse = refused_before_dns(host, port, listed)
    if refuse is not None:
        return refuse
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
    user_agent = (request.headers.get("User-Agent") or b"").decode("latin-1")

    async def refused(url: str, hop: str | None) -> bool:
        if not await private_unlisted(url, listed, resolved):
            return False
        via = f" (redirected from {hop})" if hop else ""
        logger.warning("refused %s%s while rendering %s: a private address not listed in the sites file", url, via, target)
        return True

    async def fetch_checked(route, playwright_request):
        """The answer to the page's request, its redirects followed here with each hop checked;
        None when a hop is refused or the chain is too long."""
        url, method = playwright_request.url, playwright_request.method
        headers = await playwright_request.all_headers()
        if user_agent:
            headers["user-agent"] = user_agent      # the crawler's name and contact, as for its own requests
        body: bytes | None = None            # None: the page's own request body
        for _ in range(MAX_REDIRECTS + 1):
            response = await route.fetch(url=url, method=method, headers=headers, post_data=body, max_redirects=0)
            location = response.headers.get("location")
            if not (300 <= response.status < 400 and location):
                return response
            hop, url = url, urljoin(url, location)
            if response.status in (301, 302, 303) and method not in ("GET", "HEAD"):
                # as browsers do: the next hop is a GET without the form's body
                method, body = "GET", b""
                for name in ("content-type", "content-length"):
                    headers.pop(name, None)
            if await refused(url, hop):
                return None
        logger.warning("more than %d redirects from %s while rendering %s", MAX_REDIRECTS, playwright_request.url, target)
        return None

    async def route(route, playwright_request):
        nonlocal served
        url = playwright_request.url
        if body is not None and encoding and not served and playwright_request.is_navigation_request() and url == target:
            served = True
            await route.fulfill(status=200, body=body,
                                headers={"content-type": f"text/html; charset={charset_label(encoding)}"})
        elif listed is None or not url.lower().startswith(("http://", "https://")):
            await route.fallback()
        elif await refused(url, None):
            await route.abort("blockedbyclient")
        else:
            try:
                response = await fetch_checked(route, playwright_request)
            except Exception as e:               # playwright's Error: refused, reset, timed out ...
                logger.debug("could not fetch %s while rendering %s: %s", url, target, e)
                await route.abort("failed")
                return
            if response is None:
                await route.abort("blockedbyclient")
            else:
                await route.fulfill(response=response)

    await page.route("**", route)
