"""Contact details: a contact link, or the agency's address block (phone, e-mail, address) in a page's footer."""

from __future__ import annotations

import re

from ..base import NamedLinkAssessor
from ..page import excerpt
from ..registry import detector

# each alternative begins with a character, not with "\b" (written as a look-behind after the
# first character instead), so re can skip ahead to candidates: several times faster on a footer
_PHONE = re.compile(r"(?:\+66|66|0(?<!\w0))\s?\d{1,2}[\s-]?\d{3}[\s-]?\d{3,4}|\(\d{3,4}\)\s?\d{3}[\s.-]?\d{3,4}"
                    r"|[0-9](?<!\w[0-9])\d{2}[.-]\d{3}[.-]\d{4}\b|1(?<!\w1)[-\s]?800[-\s]?\d{3}[-\s]?\d{3,4}")


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+(?:@|\(at\)|\[at\])[\w-]+\.[\w.]+")


_ADDRESS = re.compile(r"ที่อยู่|ถนน|ถ\.|แขวง|ตำบล|ต\.|อำเภอ|เขต|จังหวัด|กรุงเทพ|\b\d{5}\b|street|road|avenue|\bjl\.")


# an address block keeps its parts together: the address words within this many characters of
# the phone number or e-mail address
BLOCK_REACH = 300


@detector("contact")
class Contact(NamedLinkAssessor):
    feature = "info.contact"

    address_schemes = ("mailto", "tel")     # an e-mail address or phone number to reach the agency

    def page(self, view):
        yield from super().page(view)
        text = view.norm_text[-3000:]          # footers carry the agency's address block
        tail = len(view.norm_text) - len(text)
        phone = next((m for m in _PHONE.finditer(text) if not self._in_news(view, text, m)), None)
        address = phone is not None and _ADDRESS.search(text, max(0, phone.start() - BLOCK_REACH),
                                                        phone.end() + BLOCK_REACH) is not None
        email = None
        if not (phone and address):            # the e-mail pattern is the slow one: only when needed
            email = next((m for m in _EMAIL.finditer(text) if not self._in_news(view, text, m)), None)
            has_email = email is not None or any(l.url.lower().startswith("mailto:") for l in view.links)
            anchor = phone or email
            address = anchor is not None and _ADDRESS.search(text, max(0, anchor.start() - BLOCK_REACH),
                                                             anchor.end() + BLOCK_REACH) is not None
            if bool(phone) + has_email + address < 2:
                return
        match = phone or email
        snippet = (excerpt(view.norm_text, tail + match.start(), tail + match.end(), 80, 60) if match
                   else excerpt(view.norm_text, tail, tail, 0, 160))
        yield self.evidence(self.feature, view, "", "page text (address block)", snippet)

    @staticmethod
    def _in_news(view, text, match) -> bool:
        """A phone number or e-mail address in an item of a news list is news, not the agency's address."""
        return view.in_listing(text[max(0, match.start() - 10): match.end() + 10].strip())

