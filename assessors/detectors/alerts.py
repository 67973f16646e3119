"""Alerts (LOSI 218): a web-push opt-in the page loads (a push service's script, Firebase Cloud
Messaging), or links that name a warning service."""

from __future__ import annotations

from ..base import STRONG, NamedLinkAssessor, vocabulary
from ..registry import detector

# Firebase's script for push messages; Firebase's other scripts (sign-in, analytics) send no alerts
PUSH_SCRIPTS = ("firebase-messaging",)


@detector("alerts")
class Alerts(NamedLinkAssessor):
    feature = "channel.alerts"
    max_text = 60
    listing_is_news = True

    def page(self, view):
        hosts = vocabulary(self.feature, view)
        for src in view.script_srcs:
            name = src.rsplit("/", 1)[-1].lower()
            if hosts.host_match(src) or any(name.startswith(p) for p in PUSH_SCRIPTS):
                yield self.evidence(self.feature, view, src, "<script> web push", src, "", STRONG)
                break
        yield from super().page(view)
