"""One-stop services: the site is, or links into, a national one-stop portal."""

from __future__ import annotations

from ..base import STRONG, NamedLinkAssessor, host_of, is_offsite, vocabulary
from ..registry import detector


@detector("one_stop")
class OneStop(NamedLinkAssessor):
    feature = "connected.one_stop"
    listing_is_news = True

    def accept_host(self, view, link):
        return is_offsite(view, link.url)       # a national portal's own pages do not link "to" it

    def page(self, view):
        # FEATURES.md: the site *is* or links into a one-stop point of service. A site whose own
        # host (the URL it is served from, its canonical address, or a domain the sites file
        # names as the agency's) is a national one-stop portal of the hosts registry is one.
        terms = vocabulary(self.feature, view)
        for host in sorted({host_of(view.url), *view.own_domains}):
            portal = host and terms.host_match(f"https://{host}/")
            if portal:
                yield self.evidence(self.feature, view, f"https://{host}/", "the site itself",
                                    f"the site is a national one-stop portal ({portal})", "", STRONG)
                break
        yield from super().page(view)

