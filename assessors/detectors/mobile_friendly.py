"""Mobile-friendly (LOSI 2024, 204): a viewport ``width=device-width`` and a width media query (inline
``<style>``, a ``<link media>``, an ``@import``, or in the home page's own style sheets, which the crawl
fetches: at most five, on the site's hosts) or a linked responsive framework, on the home page. A fitting
viewport whose queries may be in a linked sheet the crawl did not read is unknown."""

from __future__ import annotations

import re

from ..base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence
from ..registry import detector
from ..technology import STYLESHEETS, home_soup, stylesheets


_DEVICE_WIDTH = re.compile(r"(?:^|[,;\s])width\s*=\s*device-width\b", re.I)
# a media query on the viewport's width: "@media (max-width: 768px)", "screen and (min-width:992px)"
_WIDTH_QUERY = re.compile(r"\(\s*(?:max|min)-(?:device-)?width\s*:", re.I)
_MEDIA_RULE = re.compile(r"@media\b([^{;]*)\{", re.I)
_IMPORT_RULE = re.compile(r"@import\s+[^;]*?\)\s*([^;]*);", re.I)
# responsive CSS frameworks by their file names (our reading of LOSI 2024: linking one counts)
RESPONSIVE_FRAMEWORKS = re.compile(
    r"(?<![a-z])(bootstrap|foundation|bulma|tailwind|materialize|uikit|semantic(?:-ui)?|pure-min|w3\.css|skeleton)"
    r"(?:[.\-/][^/]*)?\.css(?:[?#]|$)", re.I)


def css_width_queries(css: str) -> list[str]:
    """The width media queries of a style sheet's text (@media rules, @import ... media)."""
    return [m.group(1).strip() for rule in (_MEDIA_RULE, _IMPORT_RULE) for m in rule.finditer(css)
            if _WIDTH_QUERY.search(m.group(1))]


def width_queries(soup) -> list[str]:
    """The width media queries of a page: in its <style> elements, <link media> and <style media>."""
    found = []
    for style in soup.find_all("style"):
        found += css_width_queries(style.get_text() or "")
        if _WIDTH_QUERY.search(style.get("media") or ""):
            found.append(style["media"].strip())
    for link in soup.find_all("link"):
        if "stylesheet" in (link.get("rel") or "").lower() and _WIDTH_QUERY.search(link.get("media") or ""):
            found.append(link["media"].strip())
    return found


@detector("mobile_friendly")
class MobileFriendly(Assessor):
    features = ("site.mobile_friendly",)
    name = "site.mobile_friendly"

    def site(self, findings):
        feature = self.features[0]
        url, soup = home_soup(findings)
        if soup is None:
            return {feature: Decision(ABSENT)}
        viewport = next((m.get("content") or "" for m in soup.find_all("meta")
                         if (m.get("name") or "").strip().lower() == "viewport"), None)
        queries = width_queries(soup)
        sheets = findings.facts.get(STYLESHEETS) or []
        sheet_queries = [(s["url"], q) for s in sheets for q in css_width_queries(s["css"])]
        framework = next((m.group(1).lower() for href in stylesheets(soup)
                          for m in [RESPONSIVE_FRAMEWORKS.search(href)] if m), None)
        fits = bool(viewport and _DEVICE_WIDTH.search(viewport))
        present = fits and bool(queries or sheet_queries or framework)
        linked = len(stylesheets(soup))
        unread = max(0, linked - len(sheets))
        value = {"viewport": viewport, "width_media_queries": len(queries) + len(sheet_queries), "framework": framework,
                 "linked_stylesheets": linked, "stylesheets_read": len(sheets)}
        if fits and not present and unread:
            # the media queries may be in the style sheets the crawl did not read
            return {feature: Decision(UNKNOWN, value, reason=(
                f"the viewport fits the device and neither the page nor the {len(sheets)} style sheets read have a "
                f"width media query; {unread} of the {linked} style sheets it links were not fetched (on another "
                "host, beyond the first five, or not answered as CSS)"))}
        if present:
            shown = f"viewport {viewport}; " + (
                f"{len(queries)} width media queries, e.g. {queries[0][:80]}" if queries
                else f"{len(sheet_queries)} width media queries in {sheet_queries[0][0][:100]}, e.g. "
                     f"{sheet_queries[0][1][:80]}" if sheet_queries else f"links the {framework} framework")
            findings.evidence[feature] = [Evidence(feature, url, "", '<meta name="viewport">', shown, self.name,
                                                   "", STRONG)]
        return {feature: Decision(PRESENT if present else ABSENT, value)}
