"""Data exchange between agencies: shared sign-in and data linkage, in links or in the scripts that write them."""

from __future__ import annotations

from ..base import NamedLinkAssessor, vocabulary
from ..registry import detector


@detector("data_exchange")
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

