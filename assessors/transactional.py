"""Stage 3 - transactional services: polls, online applications, e-payment, end-to-end services."""

from __future__ import annotations

import re

from ground.urls import DOCUMENT_EXTENSIONS, extension

from .base import ABSENT, MEDIUM, NAV, PRESENT, STRONG, Decision, NamedLinkAssessor, enough, vocabulary
from .cues import service_request
from .page import FormView

SEARCH_NAMES = ("q", "query", "s", "search", "keyword", "keywords", "searchtext", "k", "kw", "term", "sbox")
LOGIN_NAMES = ("password", "passwd", "pwd")
NEWSLETTER_WORDS = ("newsletter", "subscribe", "สมัครสมาชิก", "รับข่าวสาร", "จดหมายข่าว", "mailing list")


def form_kind(form: FormView) -> str:
    """search, login, newsletter, poll, message, application or other: what a form is for; "page"
    for a form that wraps the whole page, unless it uploads a file."""
    if form.wraps_page and not form.has("file"):
        return "page"
    user = form.user_fields()
    names = " ".join(f.name for f in user)
    if form.has("password"):
        return "login"
    if any(f.type == "search" for f in user) or "search" in form.attrs or "search" in form.action.lower() or \
            (len(user) <= 2 and any(f.name in SEARCH_NAMES or "search" in f.name for f in user)):
        return "search"
    if any(w in form.text or w in form.attrs for w in NEWSLETTER_WORDS) and len(user) <= 3:
        return "newsletter"
    if form.has("radio") and any(w in form.text or w in form.attrs for w in ("vote", "poll", "โหวต", "โพล", "สำรวจ", "survey", "พึงพอใจ")):
        return "poll"
    if form.has("file") or (form.method == "post" and len([f for f in user if f.type not in ("radio", "checkbox")]) >= 3
                            and not form.has("textarea")):
        return "application"
    if form.has("textarea"):
        # a request form (ชื่อผู้ยื่นคำขอ ... [ยื่นคำขอ]) has a free-text detail too: its own words tell
        # a complaint or feedback form is two-way interaction (FEATURES.md v1.1), unless it
        # requests a service ("แจ้งซ่อม", "report a pothole")
        if form.method == "post" and len(user) >= 3 and vocabulary("service.online_application").find(form.text) \
                and (not vocabulary("interact.two_way").find(form.text) or service_request(form.text)):
            return "application"
        return "message"
    return "other" if names else "empty"


class Poll(NamedLinkAssessor):
    feature = "participate.poll"
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            if form_kind(form) == "poll":
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> poll", form.text[:160],
                                    form.region, STRONG)
                break
        yield from super().page(view)


# an image or "click here" link into an e-service system, named by its address: a host that begins
# so (eservice.agency.go.th) or a first path segment (/eservice/, /e-services, /efiling)
_SERVICE_URL = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#]*@)?(?:www\.)?(?:[^/?#]*/)?"
                          r"(?:e-?services?|e-?filing|e-?submission|e-?registration|e-?licen[cs]e|e-?permit|e-?form|"
                          r"e-?request|e-?booking|e-?application|admissions?|apply)(?:[./?#_-]|$)", re.I)

_SITE_MEMBERSHIP = re.compile(r"option=com_users?\b.*\b(?:view|task)=(?:register|registration)|/user/register(?:[/?#]|$)|"
                              r"wp-login\.php\?action=register|wp-signup\.php", re.I)


class OnlineApplication(NamedLinkAssessor):
    feature = "service.online_application"
    listing_is_news = True

    def accept(self, view, link, found):
        # a complaint or feedback channel is two-way interaction (FEATURES.md v1.1), unless it
        # requests a service ("report a pothole", "แจ้งซ่อม")
        if vocabulary("interact.two_way", view).find(link.norm) and not service_request(link.norm):
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
            if link.generic and link.navigates and link.region == NAV and _SERVICE_URL.match(link.url) and \
                    extension(link.url) not in DOCUMENT_EXTENSIONS and not vocabulary(self.feature, view).vetoed(link.context):
                # a banner of the site's menus or quick links into its e-service system (the host or the
                # first path segment is the system): more than a URL cue; elsewhere it is one (weak)
                addressed = link.url
                yield self.evidence(self.feature, view, link.url, f"{link.element} named by its address",
                                    link.text or link.url, link.region, MEDIUM)
                break
        yield from (e for e in super().page(view) if e.target != addressed)


# a payment word alone ("ชำระค่าธรรมเนียม", "Payments") names a payment section as a menu's short link;
# in a longer text (a headline, a notice) it must say the payment is made online
PAYMENT_SECTION = 30
_ONLINE_PAYMENT = re.compile(r"ออนไลน์|อิเล็กทรอนิกส์|epayment|พร้อมเพย์|promptpay|\bqr|สแกน|บัตรเครดิต|เดบิต|"
                             r"internet banking|mobile banking|online|credit card|debit card|by card|webpay|\bpay\.gov")


class Payment(NamedLinkAssessor):
    feature = "payment.online"
    listing_is_news = True

    def accept(self, view, link, found):
        if not super().accept(view, link, found):
            return False
        return len(link.text) <= PAYMENT_SECTION or bool(_ONLINE_PAYMENT.search(link.norm if not link.generic else link.context))


class EndToEnd(NamedLinkAssessor):
    """Status tracking (or an electronic certificate) of a service the site also offers online."""

    feature = "service.end_to_end"
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            kind = form_kind(form)
            found = vocabulary(self.feature, view).find(form.text + " " + form.attrs)
            if found and kind not in ("login", "newsletter", "page"):
                yield self.evidence(self.feature, view, form.action, f"<form method={form.method}> status lookup",
                                    form.text[:160], form.region, STRONG)
                break
        yield from super().page(view)

    def site(self, findings):
        tracked = enough(findings.evidence.get(self.feature, ()))
        applies = enough(findings.evidence.get("service.online_application", ()))
        certificate = any("certificate" in e.text.lower() or "อิเล็กทรอนิกส์" in e.text
                          for e in findings.evidence.get(self.feature, []))
        return {self.feature: Decision(PRESENT if tracked and (applies or certificate) else ABSENT)}


ASSESSORS = [Poll(), OnlineApplication(), Payment(), EndToEnd()]
