"""What a form is for (search, login, newsletter, poll, message, application), read from its fields and words."""

from __future__ import annotations

from ground.text import load_vocabulary

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
    # a poll's words may sit in the box around its choices (the heading, a script's [Vote] button)
    if form.has("radio") and any(w in form.text or w in form.attrs or w in form.box
                                 for w in ("vote", "poll", "โหวต", "โพล", "สำรวจ", "survey", "พึงพอใจ")):
        return "poll"
    if form.has("file") or (form.method == "post" and len([f for f in user if f.type not in ("radio", "checkbox")]) >= 3
                            and not form.has("textarea")):
        return "application"
    if form.has("textarea"):
        # a request form (ชื่อผู้ยื่นคำขอ ... [ยื่นคำขอ]) has a free-text detail too: its own words tell
        # a complaint or feedback form is two-way interaction (FEATURES.md v1.1), unless it
        # requests a service ("แจ้งซ่อม", "report a pothole")
        if form.method == "post" and len(user) >= 3 and load_vocabulary()["service.online_application"].find(form.text) \
                and (not load_vocabulary()["interact.two_way"].find(form.text) or service_request(form.text)):
            return "application"
        return "message"
    return "other" if names else "empty"
