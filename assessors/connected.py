"""Stage 4 - connected services: data exchange between agencies, one-stop services."""

from __future__ import annotations

from .base import STRONG, NamedLinkAssessor, host_of, is_offsite, vocabulary


class DataExchange(NamedLinkAssessor):
    feature = "connected.data_exchange"
    listing_is_news = True

    def page(self, view):
        yield from super().page(view)
        # a shared sign-in whose links a script writes (shown only once signed in) is still
        # the site working with a digital-ID provider; only the provider's host counts here
        terms = vocabulary(self.feature, view)
        for url in view.script_urls:
            host = terms.host_match(url)
            if host:
                yield self.evidence(self.feature, view, url, "<script> sign-in URL", host)
                return


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


ASSESSORS = [DataExchange(), OneStop()]
