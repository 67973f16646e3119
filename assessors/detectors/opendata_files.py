"""Open data as files: the best open-data tier of the data files linked, and their formats."""

from __future__ import annotations

import re
from collections import Counter

from ground.urls import extension

from ..base import ABSENT, PRESENT, REGION_CONFIDENCE, Assessor, Decision, enough, link_names, vocabulary
from ..registry import detector

DATA_TIERS = {**dict.fromkeys(("pdf", "doc", "docx", "txt"), 1), **dict.fromkeys(("xls", "xlsx"), 2),
              **dict.fromkeys(("csv", "tsv", "ods", "json", "kml", "kmz", "shp", "geojson", "xml"), 3),
              **dict.fromkeys(("rdf", "ttl", "jsonld", "n3"), 4)}


# news feeds and site maps are XML for machines that follow the site, not data it publishes
_FEED_URL = re.compile(r"rss|sitemap|\batom\b|/feeds?(?:[/.?]|$)|feed\.xml", re.I)


_FEED_TEXT = re.compile(r"\bsubscribe\b|\brss\b|\batom\b|\bfeeds?\b|sitemap|site map|สมัครรับ|ฟีด")

# a data file's evidence element, as page() writes it: "<a> .csv (tier 3)"
_FILE = re.compile(r"\.(\w+) \(tier (\d)\)")


def _format(item) -> str:
    found = _FILE.search(item.element)
    return found.group(1) if found else ""


@detector("opendata_files")
class OpenDataFiles(Assessor):
    """Data published as files. The value is the best open-data tier reached (seed 001, 1-4) and
    the formats (file extensions) of the data files found, so that a framework can ask for open
    formats whatever the tier (LOSI's 236 counts TXT and not XLS)."""

    features = ("opendata.files",)
    name = "opendata.files"

    def page(self, view):
        terms = vocabulary("opendata.files", view)
        for link in view.links:
            ext = extension(link.url)
            tier = DATA_TIERS.get(ext)
            if not tier or _FEED_URL.search(link.url) or _FEED_TEXT.search(link.norm):
                continue
            # PDF and spreadsheets are data only when the link or its heading says so
            if tier >= 3 or link_names(terms, link, view.url) or (link.context and terms.find(link.context)):
                yield self.evidence(self.features[0], view, link.url, f"{link.element} .{ext} (tier {tier})",
                                    link.text or link.url, link.region, REGION_CONFIDENCE[link.region])

    def keep(self, kept, item):
        # a long list of PDF reports must not crowd out the one CSV after it: when the kept
        # evidence is full, a file of a format not kept yet replaces one of a format kept twice
        fmt = _format(item)
        if len(kept) < self.evidence_kept or fmt in {_format(e) for e in kept}:
            super().keep(kept, item)
            return
        counts = Counter(_format(e) for e in kept)
        for i in reversed(range(len(kept))):
            if counts[_format(kept[i])] > 1:
                kept[i] = item
                return

    def site(self, findings):
        found = findings.evidence.get(self.features[0], [])
        files = [m.groups() for m in (_FILE.search(e.element) for e in found) if m] if enough(found) else []
        if not files:
            return {self.features[0]: Decision(ABSENT)}
        value = {"tier": max(int(tier) for _, tier in files), "formats": sorted({ext for ext, _ in files})}
        return {self.features[0]: Decision(PRESENT, value)}
