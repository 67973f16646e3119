"""Technology checks (LOSI 2024, TEC) from what was crawled, on the stored home page: what their
detectors share (assessors/detectors/: mobile_friendly, browser_compat, sitemap, helpdesk,
valid_markup, wcag).

The home page is the first page the crawl fetched for the site (its URL, after redirects), as the
UN's researchers test the main page. The engine hands its HTML to the detectors as
``facts["home"]``, and the offline checkers' findings on it (assessors/checkers.py: the Nu Html
Checker, axe-core) as ``facts["checks"]``. Each records its figures as the feature's value.
"""

from __future__ import annotations

import re

from .soup import parse

HOME = "home"
# the home page's style sheets that the crawl fetched (its own hosts, at most 5): [{"url", "css"}]
STYLESHEETS = "stylesheets"
STYLESHEET_BYTES = 2 * 2**20        # what is read of one style sheet
_CHARSET = re.compile(rb'^\s*@charset\s+"([\w-]+)"', re.I)


def css_text(body: bytes, content_type: str) -> str | None:
    """A fetched style sheet's CSS, or None when the server answered with something else (an
    error page in HTML at the style sheet's address)."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind not in ("text/css", "", "text/plain", "application/octet-stream") or body.lstrip()[:1] == b"<":
        return None
    declared = _CHARSET.match(body[:200])
    charset = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    encoding = (declared.group(1).decode() if declared else charset.group(1) if charset else "utf-8")
    try:
        return body[:STYLESHEET_BYTES].decode(encoding, errors="replace")
    except LookupError:
        return body[:STYLESHEET_BYTES].decode("utf-8", errors="replace")


def home_soup(findings):
    """(url, parsed home page) or (None, None) when no page was fetched."""
    home = findings.facts.get(HOME)
    if not home:
        return None, None
    if "soup" not in home:
        home["soup"] = parse(home["html"])
    return home["url"], home["soup"]


def stylesheets(soup) -> list[str]:
    """The addresses of the style sheets a page links (the crawl fetches the home page's first
    five on the site's own hosts: ``facts[STYLESHEETS]``)."""
    return [link.get("href") or "" for link in soup.find_all("link")
            if "stylesheet" in (link.get("rel") or "").lower() and link.get("href")]


NOT_CHECKED = "the offline checkers did not run on this site (assessed without egovscan assess)"


def checker_result(findings, name: str) -> tuple[dict | None, str | None]:
    """(the checker's result for the home page, or None with the reason it has none)."""
    checks = findings.facts.get("checks")
    if checks is None:
        return None, NOT_CHECKED
    result = checks.get(name)
    if result is None:
        return None, f"{name}: no result"
    if "skipped" in result:
        return None, result["skipped"]
    if "failed" in result:
        return None, f"{result.get('checker', name)} could not check the home page: {result['failed']}"
    return result, None
