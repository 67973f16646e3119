"""Online applications: application forms, embedded e-services, links into an e-service system."""

from __future__ import annotations

import re

from ground.urls import DOCUMENT_EXTENSIONS, extension

from ..base import (
    LISTING,
    MEDIUM,
    NAV,
    NEWS_ITEM,
    ONLINE,
    STRONG,
    NamedLinkAssessor,
    campaign_banner,
    is_offsite,
    vocabulary,
)
from ..cues import service_request
from ..forms import form_kind
from ..registry import detector

# an image or "click here" link into an e-service system, named by its address: a host that begins
# so (eservice.agency.go.th) or a first path segment (/eservice/, /e-services, /efiling)
_SERVICE_URL = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#]*@)?(?:www\.)?(?:[^/?#]*/)?"
                          r"(?:e-?services?|e-?filing|e-?submission|e-?registration|e-?licen[cs]e|e-?permit|e-?form|"
                          r"e-?request|e-?booking|e-?application|admissions?|apply)(?:[./?#_-]|$)", re.I)


# an address that says it is an online application wherever the link sits: a path segment that
# names both applying and online ("/apply-passport-online", "/online-application", "/request_online");
# an e-service system's path segment anywhere in the path ("/th/e-service/…")
_APPLY_ONLINE = re.compile(r"/(?=[^/?#]*(?<![a-z])(?:apply|application|applications|request|registration|register)"
                           r"(?![a-z]))(?=[^/?#]*(?<![a-z])online(?![a-z]))[^/?#]+", re.IGNORECASE)
_ESERVICE_PATH = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]+(?:/[^/?#]*)*?/e-?services?(?:[/?#._-]|$)", re.IGNORECASE)


_SEPARATORS = re.compile(r"[-_.+]+")


def _applying_online(view, url: str) -> bool:
    """Whether the address has a path segment that says online application, read as words
    ("how-to-apply-online" as "how to apply online") that the packs do not veto: a guide, its
    questions, its results or a newsletter's sign-up on such an address is about applying."""
    found = _APPLY_ONLINE.search(url)
    if not found:
        return False
    words = _SEPARATORS.sub(" ", found.group().strip("/").lower())
    return not (vocabulary(ONLINE, view).vetoed(words) or vocabulary("service.online_application", view).vetoed(words))


# a link's own words that the address completes: the service's name ("Employer Identification
# Number (EIN)" -> /apply-for-an-employer-identification-number-ein-online); longer is a headline
NAMED_TEXT = 60


def _addressed(view, link) -> bool:
    """A link into an online application named by its address. An image or "click here" link:
    in the site's menus or quick links, an e-service system (its host, or a path segment
    "e-service"); anywhere but a news list, an address that says online application
    ("/apply-…-online"). A link that names a service in a few words of its own, when the address
    says applying for it online. Never a document, a news item's address, words the online
    negatives veto (how to, eligibility, guidance), or an intro page's picture banner to another
    organisation (a national campaign). In the page's content an e-service system's address
    alone stays one cue: a banner there may be about the system (news of its launch)."""
    if not link.navigates or link.region == LISTING or extension(link.url) in DOCUMENT_EXTENSIONS or \
            link.cue(NEWS_ITEM):
        return False
    if campaign_banner(view, link):
        return False
    if not link.generic:
        complaint = vocabulary("interact.two_way", view).find(link.norm) and not service_request(link.norm)
        return len(link.norm) <= NAMED_TEXT and _applying_online(view, link.url) and not complaint and \
            not vocabulary(ONLINE, view).vetoed(link.norm)
    return bool(_applying_online(view, link.url) or
                link.region == NAV and (_SERVICE_URL.match(link.url) or _ESERVICE_PATH.match(link.url)))


_SITE_MEMBERSHIP = re.compile(r"option=com_users?\b.*\b(?:view|task)=(?:register|registration)|/user/register(?:[/?#]|$)|"
                              r"wp-login\.php\?action=register|wp-signup\.php", re.I)


# registering for a welfare allowance (the Thai pack's list): done at the office
OFFICE_REGISTRATION = "office_registration"


@detector("online_application")
class OnlineApplication(NamedLinkAssessor):
    feature = "service.online_application"
    listing_is_news = True
    own_service = True

    def accept(self, view, link, found):
        # a complaint or feedback channel is two-way interaction (FEATURES.md v1.1), unless it
        # requests a service ("report a pothole", "แจ้งซ่อม")
        if vocabulary("interact.two_way", view).find(link.norm) and not service_request(link.norm):
            return False
        # registering for a welfare allowance is done at the office: a link to the agency's own
        # page is the notice of when and where, unless it says online; a link out to another
        # agency's system (a national welfare register) is that system
        said = link.context if link.generic else link.norm
        if vocabulary(OFFICE_REGISTRATION, view).find(said) and not vocabulary(ONLINE, view).find(said) and \
                not is_offsite(view, link.url):
            return False
        # a PDF or Word file is an announcement ("รับสมัครสอบ ... .pdf") or a form to print, never an
        # online application; nor is signing up as a member of the site's CMS ("ลงทะเบียน" to Joomla's
        # com_user, Drupal's /user/register, WordPress's action=register)
        return super().accept(view, link, found) and extension(link.url) not in DOCUMENT_EXTENSIONS \
            and not _SITE_MEMBERSHIP.search(link.url)

    def page(self, view):
        for form in view.forms:
            if form_kind(form) == "application":
                fields = ", ".join(f.name or f.type for f in form.user_fields()[:6])
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> application",
                                    f"{form.text[:120]} [fields: {fields}]", form.region, STRONG)
                break
        for tag, src in view.embeds:
            low = src.lower()
            if tag == "iframe" and any(k in low for k in ("efile", "e-file", "eservice", "e-service", "apply", "application")):
                yield self.evidence(self.feature, view, src, "<iframe> embedded service", src, "", STRONG)
                break
        addressed = None
        for link in view.links:
            if _addressed(view, link) and not vocabulary(self.feature, view).vetoed(link.context if link.generic else link.norm) and \
                    not _SITE_MEMBERSHIP.search(link.url):
                # a banner of the site's menus or quick links into its e-service system (the host or the
                # first path segment is the system), or an address that says online application: more
                # than a URL cue; elsewhere it is one (weak)
                addressed = link.url
                yield self.evidence(self.feature, view, link.url, f"{link.element} named by its address",
                                    link.text or link.url, link.region, MEDIUM)
                break
        yield from (e for e in super().page(view) if e.target != addressed)

