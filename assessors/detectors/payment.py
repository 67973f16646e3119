"""Online payment: links that name payment, online when the text is longer than a menu's."""

from __future__ import annotations

import re

from ..base import ONLINE, NamedLinkAssessor
from ..registry import detector

# a payment word alone ("ชำระค่าธรรมเนียม", "Payments") names a payment section as a menu's short link;
# in a longer text (a headline, a notice) it must say the payment is made online
PAYMENT_SECTION = 30


_ONLINE_PAYMENT = re.compile(r"ออนไลน์|อิเล็กทรอนิกส์|epayment|พร้อมเพย์|promptpay|\bqr|สแกน|บัตรเครดิต|เดบิต|"
                             r"internet banking|mobile banking|online|credit card|debit card|by card|webpay|\bpay\.gov")


@detector("payment")
class Payment(NamedLinkAssessor):
    feature = "payment.online"
    listing_is_news = True

    def accept(self, view, link, found):
        if not super().accept(view, link, found):
            return False
        # longer: the words say it is paid online, or the link leads to an e-service ("Check and pay
        # foreign worker levy" -> /eservices/…): the address says where it is paid
        return len(link.text) <= PAYMENT_SECTION or bool(_ONLINE_PAYMENT.search(link.norm if not link.generic else link.context)) \
            or link.cue(ONLINE) is not None

