"""Open data as files: the best open-data tier of the data files linked."""

from __future__ import annotations

import re

from ground.urls import extension

from ..base import ABSENT, PRESENT, REGION_CONFIDENCE, Assessor, Decision, enough, link_names, vocabulary
from ..registry import detector

DATA_TIERS = {**dict.fromkeys(("pdf", "doc", "docx", "txt"), 1), **dict.fromkeys(("xls", "xlsx"), 2),
              **dict.fromkeys(("csv", "ods", "json", "kml", "kmz", "shp", "geojson", "xml"), 3),
              **dict.fromkeys(("rdf", "ttl", "jsonld", "n3"), 4)}


# news feeds and site maps are XML for machines that follow the site, not data it publishes
_FEED_URL = re.compile(r"rss|sitemap|\batom\b|/feeds?(?:[/.?]|$)|feed\.xml", re.I)


_FEED_TEXT = re.compile(r"\bsubscribe\b|\brss\b|\batom\b|\bfeeds?\b|sitemap|site map|สมัครรับ|ฟีด")


@detector("opendata_files")
class OpenDataFiles(Assessor):
    """Data published as files; the value is the best open-data tier reached (seed 001, 1-4)."""

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

    def site(self, findings):
        found = findings.evidence.get(self.features[0], [])
        tiers = [int(re.search(r"tier (\d)", e.element).group(1)) for e in found] if enough(found) else []
        return {self.features[0]: Decision(PRESENT if tiers else ABSENT, {"tier": max(tiers)} if tiers else None)}

