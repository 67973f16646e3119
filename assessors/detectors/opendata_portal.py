"""Open-data portals: links to a data catalogue, by name or by its address."""

from __future__ import annotations

import re

from ground.urls import SKIP_EXTENSIONS, extension

from ..base import NamedLinkAssessor, vocabulary
from ..registry import detector

# a data catalogue by its address: a host that begins so (data.agency.go.th, the Thai agencies'
# gdcatalog.agency.go.th) or a CKAN catalogue's dataset list, whatever the link's words
_CATALOGUE_URL = re.compile(r"^https?://(?:(?:data|catalog|gdcatalog|datacatalog|opendata)\.[^/?#]+\.[a-z]{2,}"
                            r"|[^/?#]+/dataset/?(?:[?#]|$))", re.I)


@detector("opendata_portal")
class OpenDataPortal(NamedLinkAssessor):
    feature = "opendata.portal"

    def page(self, view):
        terms = vocabulary(self.feature)
        for link in view.links:
            # a picture served from such a host (a weather office's earthquake map, data.agency/eqmap.gif)
            # is that picture, not its catalogue
            if link.navigates and _CATALOGUE_URL.match(link.url) and extension(link.url) not in SKIP_EXTENSIONS \
                    and not terms.vetoed(link.norm):
                yield self.evidence(self.feature, view, link.url, f"{link.element} catalogue address", link.text or link.url)
                break
        yield from super().page(view)

