"""Links to other government agencies: outbound links to government domains."""

from __future__ import annotations

import re

from ..base import REGION_CONFIDENCE, Assessor, host_of, is_offsite
from ..registry import detector

GOV_SUFFIXES = (".go.th", ".gov", ".mil", ".gouv.fr", ".gc.ca", ".europa.eu", ".gv.at", ".admin.ch",
                ".bund.de", ".govt.nz", ".gob.mx", ".gob.es", ".gub.uy", ".gov.br")


_GOV_LABEL = re.compile(r"(^|\.)(gov|go|gob|gouv|govt|gv)\.[a-z]{2}$")


def is_government_host(host: str) -> bool:
    return host.endswith(GOV_SUFFIXES) or bool(_GOV_LABEL.search(host))


@detector("gov_links")
class GovernmentLinks(Assessor):
    features = ("info.gov_links",)
    name = "info.gov_links"

    def page(self, view):
        count = 0
        for link in view.links:
            host = host_of(link.url)
            if link.navigates and host and is_government_host(host) and is_offsite(view, link.url):
                yield self.evidence("info.gov_links", view, link.url, link.element, link.text or host,
                                    link.region, REGION_CONFIDENCE[link.region])
                count += 1
                if count >= 3:
                    return

