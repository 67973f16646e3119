"""Stage 3 - transactional services: polls, online applications, e-payment, end-to-end services."""

from __future__ import annotations

from .base import ABSENT, PRESENT, STRONG, Decision, NamedLinkAssessor, enough, vocabulary
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


class OnlineApplication(NamedLinkAssessor):
    feature = "service.online_application"
    listing_is_news = True

    def accept(self, view, link, found):
        # a complaint or feedback channel is two-way interaction (FEATURES.md v1.1), unless it
        # requests a service ("report a pothole", "แจ้งซ่อม")
        if vocabulary("interact.two_way").find(link.norm) and not service_request(link.norm):
            return False
        return super().accept(view, link, found)

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
        yield from super().page(view)


class Payment(NamedLinkAssessor):
    feature = "payment.online"
    listing_is_news = True


class EndToEnd(NamedLinkAssessor):
    """Status tracking (or an electronic certificate) of a service the site also offers online."""

    feature = "service.end_to_end"
    listing_is_news = True

    def page(self, view):
        for form in view.forms:
            kind = form_kind(form)
            found = vocabulary(self.feature).find(form.text + " " + form.attrs)
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
