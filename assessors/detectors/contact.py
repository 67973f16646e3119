"""Contact details: a contact link, or the agency's address block (phone, e-mail, address) in a page's footer."""

from __future__ import annotations

import re

from ..base import NamedLinkAssessor
from ..cues import region_markers
from ..page import LISTING, excerpt
from ..registry import detector

# each alternative begins with a character, not with "\b" (written as a look-behind after the
# first character instead), so re can skip ahead to candidates: several times faster on a footer
# "+66 (0) 2849-6000": the international form with the trunk 0 kept in brackets, as Thai agencies
# write their number for readers abroad
_PHONE = re.compile(r"(?:\+66|66|0(?<!\w0))\s?(?:\(0\)\s?)?\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}|\(\d{3,4}\)\s?\d{3}[\s.-]?\d{3,4}"
                    r"|[0-9](?<!\w[0-9])\d{2}[.-]\d{3}[.-]\d{4}\b|1(?<!\w1)[-\s]?800[-\s]?\d{3}[-\s]?\d{3,4}"
                    # a trunk 0 and an area code of two or three digits, then the number in one run:
                    # "0361-431229", "021-52921669" (Indonesia), "053 942444", the dash spaced out
                    # as in "021 - 3905889"
                    r"|0(?<![\w.,/]0)\d{2,3}(?:\s?-\s?|\s)\d{5,8}(?![\d.,/-])"
                    # Thai agencies put a dash after the trunk 0: "0-2960-9704", "0-4537-1097-8"; not a
                    # taxpayer number written with dashes ("0-9940-00165-12-3")
                    r"|0(?<![\w.,/-]0)-\d{4}-\d{4}(?!\d)")


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+(?:@|\(at\)|\[at\])[\w-]+\.[\w.]+")
_EMAIL_AT = re.compile(r"@|\(at\)|\[at\]")
_LOCAL_CHAR = re.compile(r"[\w.+-]")

# footers carry the agency's address block: its last characters of the page text
FOOTER_CHARS = 3000


def emails_in(text: str) -> list[re.Match]:
    """What ``_EMAIL.finditer(text)`` finds, found from each "@" (or "(at)", "[at]") instead of
    trying the pattern at every character: a match's local part is the run of address characters
    just before its "@", and it starts at or after the end of the match before."""
    found, end = [], 0
    for at in _EMAIL_AT.finditer(text):
        start = at.start()
        while start > end and _LOCAL_CHAR.match(text, start - 1):
            start -= 1
        if start < at.start():
            match = _EMAIL.match(text, start)       # the same match object finditer gives
            if match is not None:
                found.append(match)
                end = match.end()
    return found


def footer_emails(view) -> list[re.Match]:
    """The e-mail addresses in a page's last FOOTER_CHARS characters of text, found once per page
    (the contact and two-way detectors both read them)."""
    if view.footer_emails is None:
        view.footer_emails = emails_in(view.norm_text[-FOOTER_CHARS:])
    return view.footer_emails


_ADDRESS = re.compile(r"ที่อยู่|ถนน|ถ\.|แขวง|ตำบล|ต\.|อำเภอ|เขต|จังหวัด|กรุงเทพ|\b\d{5}\b|street|road|avenue|\bjl\.")


# an address block keeps its parts together: the address words within this many characters of
# the phone number or e-mail address
BLOCK_REACH = 300

# the web designer's credit names the vendor, then its phone or e-mail: a number this close after
# the credit's words and a company's ("ออกแบบและพัฒนาโดย บริษัท … จำกัด โทร 08x"), spaces left out
CREDIT_REACH = 100


def address_block_email(view) -> str:
    """The agency's e-mail address written as text in its address block at the page's foot (not in
    the web designer's credit nor in a news item), with its surroundings; "" when there is none."""
    text = view.norm_text[-FOOTER_CHARS:]
    tail = len(view.norm_text) - len(text)
    for m in footer_emails(view):
        if Contact._by_address(text, m) and not Contact._in_credit(text, m) \
                and not Contact._in_news(view, text, m) and not view.in_listing(m.group()) \
                and not any(m.group() in link.norm for link in view.links if link.region == LISTING):
            return excerpt(view.norm_text, tail + m.start(), tail + m.end(), 60, 20)
    return ""


@detector("contact")
class Contact(NamedLinkAssessor):
    feature = "info.contact"

    address_schemes = ("mailto", "tel")     # an e-mail address or phone number to reach the agency

    def page(self, view):
        yield from super().page(view)
        text = view.norm_text[-FOOTER_CHARS:]          # footers carry the agency's address block
        tail = len(view.norm_text) - len(text)
        phones = [m for m in _PHONE.finditer(text) if not self._in_news(view, text, m) and not self._in_credit(text, m)]
        anchor = next((m for m in phones if self._by_address(text, m)), None)
        if anchor is None:                     # the e-mail pattern is the slow one: only when needed
            emails = [m for m in footer_emails(view)
                      if not self._in_news(view, text, m) and not self._in_credit(text, m)]
            has_email = bool(emails) or any(l.url.lower().startswith("mailto:") for l in view.links)
            # a footer often holds several e-mail addresses; the agency's address is beside one
            # of them, or beside its e-mail written as a link ("Email" to mailto:)
            linked = list(self._linked_addresses(view, text)) if has_email else []
            anchor = next((m for m in phones + emails + linked if self._by_address(text, m)), None)
            if bool(phones) + has_email + (anchor is not None) < 2:
                return
            anchor = anchor or next(iter(phones + emails), None)
        snippet = (excerpt(view.norm_text, tail + anchor.start(), tail + anchor.end(), 80, 60) if anchor
                   else excerpt(view.norm_text, tail, tail, 0, 160))
        yield self.evidence(self.feature, view, "", "page text (address block)", snippet)

    @staticmethod
    def _by_address(text, match) -> bool:
        """Whether address words are within reach of a phone number or e-mail address."""
        return _ADDRESS.search(text, max(0, match.start() - BLOCK_REACH), match.end() + BLOCK_REACH) is not None

    @staticmethod
    def _linked_addresses(view, text):
        """Where the footer's e-mail addresses written as links ("Email", "E-mail us" to
        mailto:) sit: the last place each link's text appears in the footer text."""
        for link in view.links:
            if link.url.lower().startswith("mailto:") and link.norm and len(link.norm) <= 40:
                at = text.rfind(link.norm)
                if at >= 0:
                    yield re.compile(re.escape(link.norm)).search(text, at)

    @staticmethod
    def _in_credit(text, match) -> bool:
        """A phone number or e-mail address in the web designer's credit is the vendor's."""
        before = text[max(0, match.start() - 2 * CREDIT_REACH): match.start()].replace(" ", "")[-CREDIT_REACH:]
        markers = region_markers()
        at = max((before.rfind(c) for c in markers.credits), default=-1)
        return at >= 0 and any(c in before[at:] for c in markers.credit_companies)

    @staticmethod
    def _in_news(view, text, match) -> bool:
        """A phone number or e-mail address in an item of a news list is news, not the agency's address."""
        return view.in_listing(text[max(0, match.start() - 10): match.end() + 10].strip())

