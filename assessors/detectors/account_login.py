"""Secure sign-in for residents: a password form whose page and action are https, or an https link
named as a sign-in (with ThaID too). The sign-ins of the staff, the CMS, webmail and the intranet
are not the residents': by their address (wp-login.php, /administrator) or their words (เจ้าหน้าที่,
staff, ผู้ดูแลระบบ, สารบรรณ), in the form, the link, the page's title or its first headings."""

from __future__ import annotations

import re

from ..base import STRONG, NamedLinkAssessor, vocabulary
from ..registry import detector

# where CMSs, mail and office systems sign their staff in
STAFF_URL = re.compile(r"wp-login\.php|/wp-admin|/administrator|/admin\b|/backend|/backoffice|/cpanel|webmail|/owa/|"
                       r"intranet|e-?office|e-?saraban|saraban|com_users?\b|com_login|/user/login|/staff",
                       re.IGNORECASE)


def secure(url: str) -> bool:
    return url.lower().startswith("https://")


@detector("account_login")
class AccountLogin(NamedLinkAssessor):
    feature = "account.login"
    max_text = 40
    listing_is_news = True
    use_headings = False

    def page(self, view):
        terms = vocabulary(self.feature, view)
        staff_page = STAFF_URL.search(view.url) or terms.vetoed(
            " ".join([view.title, *view.headings[:3]]).lower())
        for form in view.forms:
            if not form.has("password") or form.wraps_page:
                continue
            action = form.action if form.action and not form.action.lower().startswith("javascript:") else view.url
            if not (secure(view.url) and secure(action)) or staff_page or STAFF_URL.search(action) \
                    or terms.vetoed(form.text) or terms.vetoed(form.attrs):
                continue
            yield self.evidence(self.feature, view, action, "<form> with a password field over https",
                                form.text[:120] or "sign-in form", form.region, STRONG)
            break
        yield from super().page(view)

    def accept(self, view, link, found):
        return super().accept(view, link, found) and secure(link.url) and not STAFF_URL.search(link.url)

    def accept_host(self, view, link):
        return secure(link.url)
