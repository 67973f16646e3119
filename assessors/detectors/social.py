"""Social channels: the platforms of the agency's own profile links."""

from __future__ import annotations

from ..base import ABSENT, PRESENT, REGION_CONFIDENCE, Assessor, Decision, enough, is_offsite, vocabulary
from ..registry import detector
from ..social import redirect_platform, social_platform


@detector("social")
class Social(Assessor):
    features = ("channel.social",)
    name = "channel.social"

    def page(self, view):
        seen = set()
        for link in view.links:
            platform = social_platform(link.url) or own_redirect(view, link)
            # a profile the link names as another organisation's (the staff's savings co-operative)
            if platform and vocabulary(self.features[0]).vetoed(f"{link.norm} {link.attrs}"):
                continue
            if link.credit:     # the web designer's page in the footer's credit
                continue
            if platform and platform not in seen:
                seen.add(platform)
                yield self.evidence(self.features[0], view, link.url, f"<{link.tag}> {platform} profile", link.text or link.url,
                                    link.region, REGION_CONFIDENCE[link.region])

    def site(self, findings):
        found = findings.evidence.get(self.features[0], [])
        platforms = sorted({e.element.split()[1] for e in found}) if enough(found) else []
        return {self.features[0]: Decision(PRESENT if platforms else ABSENT, {"platforms": platforms} if platforms else None)}



def own_redirect(view, link) -> str | None:
    """The platform of a short redirect on the agency's own site ('/facebook/' behind a Facebook icon)."""
    if not link.leads_to_page:
        return None
    platform = redirect_platform(link.url, f"{link.text} {link.attrs}")     # the cheaper look first
    return platform if platform and not is_offsite(view, link.url) else None
