"""Online payment: links that name payment, online when the text is longer than a menu's."""

from __future__ import annotations

import re

from ..base import ONLINE, NamedLinkAssessor, vocabulary
from ..registry import detector

# a payment word alone ("ชำระค่าธรรมเนียม", "Payments") names a payment section as a menu's short link;
# in a longer text (a headline, a notice) it must say the payment is made online
PAYMENT_SECTION = 30


_ONLINE_PAYMENT = re.compile(r"ออนไลน์|อิเล็กทรอนิกส์|epayment|พร้อมเพย์|promptpay|\bqr|สแกน|บัตรเครดิต|เดบิต|"
                             r"internet banking|mobile banking|online|credit card|debit card|by card|webpay|\bpay\.gov")

# the noun form names paying as a topic (how and when to pay the local taxes), as Thai menus list
# their information pages ("การชำระภาษี", "ข้อมูลการชำระภาษี"), and so do a notice of it and of its
# dates ("ประชาสัมพันธ์การชำระภาษี", "ประกาศกำหนดระยะเวลาชำระภาษี", "กำหนดการชำระภาษี"): not a
# place to pay unless online
_PAYING_AS_TOPIC = re.compile(r"^(?:(?:ข้อมูล|วิธี|ขั้นตอน)?การ|(?:ประชาสัมพันธ์|ประกาศ)\s?(?:เรื่อง\s?)?(?:กำหนด)?(?:ระยะเวลา)?(?:การ)?"
                              r"|กำหนด(?:ระยะเวลา)?(?:การ)?)(?:ชำระ|จ่าย)")


@detector("payment")
class Payment(NamedLinkAssessor):
    feature = "payment.online"
    listing_is_news = True
    own_service = True

    def accept(self, view, link, found):
        if not super().accept(view, link, found):
            return False
        said = link.norm if not link.generic else link.context
        if len(link.text) <= PAYMENT_SECTION and not _PAYING_AS_TOPIC.match(said):
            return True
        # longer (or paying as a topic): the words say it is paid online, or the link leads to an
        # e-service ("Check and pay foreign worker levy" -> /eservices/…): the address says where it is
        # paid, unless the words say the page is a guide to paying ("how to", "วิธีการ", "คู่มือ")
        return bool(_ONLINE_PAYMENT.search(said)) or \
            (link.cue(ONLINE) is not None and not vocabulary(ONLINE, view).vetoed(said))

