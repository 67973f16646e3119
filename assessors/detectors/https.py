"""HTTPS: read from the crawl (final URL, redirect, HSTS), not from page text."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, STRONG, Assessor, Decision, Evidence
from ..registry import detector


@detector("https")
class Https(Assessor):
    """Served over HTTPS, HTTP redirecting to it, HSTS: read from the crawl, not from page text."""

    features = ("site.https",)
    name = "site.https"

    def site(self, findings):
        pages = findings.pages
        if not pages:
            return {self.features[0]: Decision(ABSENT)}
        home = pages[0]
        final = home.get("final_url") or home["url"]
        value = {"final_scheme": final.split(":", 1)[0], "http_redirects_to_https":
                 home["url"].startswith("http:") and final.startswith("https:"),
                 "hsts": bool(findings.facts.get("hsts"))}
        if value["final_scheme"] == "https":
            findings.evidence[self.features[0]] = [self.evidence_for(final, value)]
        return {self.features[0]: Decision(PRESENT if value["final_scheme"] == "https" else ABSENT, value)}

    def evidence_for(self, url, value):
        return Evidence(self.features[0], url, url, "final URL", f"served over HTTPS; {value}", self.name, "", STRONG)

