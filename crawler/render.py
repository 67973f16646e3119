"""Rendering JavaScript-only pages in Chromium (scrapy-playwright), with the right charset.

The page was already fetched once without a browser, and egovscan knows its encoding
(crawler.encoding). Chromium would guess again for an undeclared Thai page, often wrongly,
so the main document is served to the browser from that first body with the detected
charset; scripts, styles and API calls still go to the network through scrapy-playwright.
"""

from __future__ import annotations

_CHARSET_LABELS = {"cp874": "windows-874", "cp1252": "windows-1252", "utf-8": "utf-8"}


def charset_label(codec: str) -> str:
    return _CHARSET_LABELS.get(codec, codec)


async def serve_static_body(page, request) -> None:
    """scrapy-playwright page-init callback (meta ``playwright_page_init_callback``)."""
    body: bytes | None = request.meta.get("egovscan_static_body")
    encoding: str | None = request.meta.get("egovscan_encoding")
    if body is None or not encoding:
        return
    target = request.url
    served = False

    async def main_document(route, playwright_request):
        nonlocal served
        if not served and playwright_request.is_navigation_request() and playwright_request.url == target:
            served = True
            await route.fulfill(status=200, body=body,
                                headers={"content-type": f"text/html; charset={charset_label(encoding)}"})
        else:
            await route.fallback()

    await page.route("**", main_document)
