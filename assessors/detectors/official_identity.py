"""The site as the organisation's official site (LOSI 281): served under a government domain,
and its page title or copyright line names the organisation of the sites file."""

from __future__ import annotations

import ipaddress
import re

from ground.text import normalise
from ground.urls import is_government_host

from ..base import ABSENT, PRESENT, STRONG, UNKNOWN, Assessor, Decision, Evidence, host_of, vocabulary
from ..registry import detector

LINE = 160        # characters either side of a copyright mark that make its line


def _local(host: str) -> bool:
    """A saved copy served from loopback or a private address (the sites file then names the
    organisation's domains)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host in ("localhost", "")
    return address.is_private or address.is_loopback


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


# where a sites file writes the Thai name and the English one side by side
_SCRIPT_CHANGE = re.compile(r"(?<=[\u0e00-\u0e7f.])\s+(?=[A-Za-z])|(?<=[A-Za-z.])\s+(?=[\u0e00-\u0e7f])")


def names_of(site_name: str) -> list[str]:
    """The organisation's name and its parts: "สำนักงาน ก.พ. (OCSC)" is also "OCSC", and
    "กรมป่าไม้ Royal Forest Department" is "กรมป่าไม้" and "Royal Forest Department"."""
    parts = [site_name] + [p for part in re.split(r"[()/|,–-]", site_name) for p in _SCRIPT_CHANGE.split(part)]
    return [p for p in dict.fromkeys(_compact(p) for p in parts) if len(p) >= 4]


@detector("official_identity")
class OfficialIdentity(Assessor):
    features = ("site.official_identity",)
    name = "site.official_identity"

    def page(self, view):
        """Candidates: the page title and the copyright lines; the site step keeps those that
        name the organisation."""
        if view.title:
            yield self.evidence(self.features[0], view, "", "page title", view.title, "", STRONG)
        terms = vocabulary(self.features[0], view)
        if terms.page is None:
            return
        first = terms.first_statement(view.norm_text)     # the page text's one scan: no search of its own
        if first is not None:
            start, end = max(0, first[0] - LINE), first[0] + len(first[1]) + LINE
            yield self.evidence(self.features[0], view, "", "copyright line", view.norm_text[start:end], "", STRONG)

    def site(self, findings):
        feature = self.features[0]
        candidates = findings.evidence.get(feature, [])
        name = findings.facts.get("site_name") or ""
        names = names_of(name)
        home = findings.pages[0] if findings.pages else None
        host = host_of((home.get("final_url") or home["url"]) if home else "")
        hosts = [host] if not _local(host) else list(findings.facts.get("own_hosts", ()))
        gov = next((h for h in hosts if h and is_government_host(h)), None)
        named = [e for e in candidates if any(n in _compact(e.text) for n in names)]
        findings.evidence[feature] = named[:3]
        if not names:
            return {feature: Decision(UNKNOWN, reason="the sites file gives no name for the site")}
        value = {"government_host": gov, "named_in": sorted({e.element for e in named})}
        if gov and named:
            findings.evidence[feature] = [Evidence(feature, home["url"], home.get("final_url") or home["url"], "host",
                                                   f"{gov} is under a government domain", self.name, "", STRONG),
                                          *named[:3]]
        return {feature: Decision(PRESENT if gov and named else ABSENT, value)}
