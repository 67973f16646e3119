"""The status taxonomy: how each page fetch and each site crawl ended.

Page statuses (``pages.fetch_status``) and site statuses (``sites.status``) share the
failure names, so a site whose homepage timed out is simply ``timeout``. The README
lists each status with what a consultant should do about it.
"""

from __future__ import annotations

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
