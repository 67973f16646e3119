"""Links to other government agencies: outbound links to government domains, and to the domains
of the agencies in the shipped site lists (public organisations and state enterprises whose
.or.th or .co.th does not say they are the state's)."""

from __future__ import annotations

from ground.sites import is_listed_agency_host
from ground.urls import is_government_host

from ..base import REGION_CONFIDENCE, Assessor, host_of, is_offsite
from ..registry import detector


@detector("gov_links")
class GovernmentLinks(Assessor):
    features = ("info.gov_links",)
    name = "info.gov_links"

    def page(self, view):
        count = 0
        for link in view.links:
            host = host_of(link.url)
            if (link.navigates and host and (is_government_host(host) or is_listed_agency_host(host))
                    and is_offsite(view, link.url)):
                yield self.evidence("info.gov_links", view, link.url, link.element, link.text or host,
                                    link.region, REGION_CONFIDENCE[link.region])
                count += 1
                if count >= 3:
                    return

