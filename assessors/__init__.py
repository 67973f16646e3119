"""Feature detectors: one assessor per feature or small family, with evidence a person can check.

CATALOGUE lists every feature id of FEATURES.md (a public contract: never rename or reuse).
Adding a feature is adding an assessor (and its words to the language packs, ground/packs/).
"""

from . import connected, enhanced, indicators, information, transactional

CATALOGUE = (
    "info.organization", "info.legal", "info.news", "info.gov_links", "info.contact",
    "forms.download", "media.audio_video", "lang.multilingual", "interact.two_way",
    "participate.poll", "service.online_application", "payment.online", "service.end_to_end",
    "connected.data_exchange", "connected.one_stop",
    "access.text_resize", "access.contrast", "access.read_aloud", "access.service_manual",
    "policy.website", "policy.privacy", "policy.security", "opendata.files", "opendata.portal",
    "channel.social", "channel.mobile_app", "channel.chatbot", "channel.call_center",
    "participate.satisfaction", "site.search", "site.https", "site.freshness",
)



def catalogue_order(feature: str) -> int:
    """A feature's position in the catalogue (unknown ids last), for listing features in order."""
    return CATALOGUE.index(feature) if feature in CATALOGUE else len(CATALOGUE)


ASSESSORS = (information.ASSESSORS + enhanced.ASSESSORS + transactional.ASSESSORS + connected.ASSESSORS
             + indicators.ASSESSORS)

_decided = [f for a in ASSESSORS for f in a.features]
assert sorted(_decided) == sorted(CATALOGUE), "every catalogue feature is decided by exactly one assessor"
