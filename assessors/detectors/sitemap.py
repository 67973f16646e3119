"""Site map (LOSI 2024, 205): a link named as a site map (words: ground/packs), or a link to a
machine sitemap (``sitemap.xml``), on any crawled page."""

from __future__ import annotations

import re

from ..base import STRONG, NamedLinkAssessor
from ..registry import detector


_SITEMAP_XML = re.compile(r"/[^/?#]*sitemap[^/?#]*\.xml(?:\.gz)?(?:[?#]|$)", re.I)


@detector("sitemap")
class Sitemap(NamedLinkAssessor):
    """A site-map page named so in a link (แผนผังเว็บไซต์, Site map), or a link to a machine sitemap."""

    feature = "site.sitemap"
    max_text = 60
    use_cues = False

    def page(self, view):
        for link in view.links:
            if link.navigates and _SITEMAP_XML.search(link.url):
                yield self.evidence(self.feature, view, link.url, f"{link.element} sitemap.xml", link.text or link.url,
                                    link.region, STRONG)
                break
        yield from super().page(view)
