"""Two-way interaction: named links, message forms, e-mail addresses (mailto or in the address block), social profiles."""

from __future__ import annotations

from ..base import REGION_CONFIDENCE, STRONG, NamedLinkAssessor
from ..registry import detector
from ..social import social_platform
from .contact import address_block_email
from .social import own_redirect


@detector("two_way")
class TwoWay(NamedLinkAssessor):
    feature = "interact.two_way"

    address_schemes = ("mailto",)     # an e-mail address or phone number to reach the agency

    def page(self, view):
        yield from super().page(view)
        for form in view.forms:
            if form.has("textarea") and len(form.user_fields()) >= 2:
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> with a message box",
                                    form.text[:160], form.region, STRONG)
                break
        for link in view.links:
            if link.url.lower().startswith("mailto:") or link.url.lower().startswith("mailto&#58;"):
                yield self.evidence(self.feature, view, link.url, "<a href=mailto:>", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])
                break
        else:
            # the office's e-mail printed in its address block ("อีเมล : …@…"), not as a link
            email = address_block_email(view)
            if email:
                yield self.evidence(self.feature, view, "", "page text (e-mail address)", email)
        for link in view.links:
            if social_platform(link.url) or own_redirect(view, link):
                yield self.evidence(self.feature, view, link.url, f"{link.element} social profile", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])
                break

