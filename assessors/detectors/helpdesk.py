"""Help-desk phone (LOSI 2024, 288): a phone number labelled as help with the site or its e-services."""

from __future__ import annotations

import re

from ..base import ABSENT, PRESENT, Assessor, Decision
from ..page import excerpt
from ..registry import detector


# a label for help with the site or its e-services, then a phone number in the same block (a
# general hotline is channel.call_center, not this)
_HELPDESK_LABEL = (r"แจ้งปัญหาการใช้(?:งาน)?(?:ระบบ|เว็บไซต์)?|ปัญหาการใช้งาน(?:ระบบ|เว็บไซต์)?|ติดต่อผู้ดูแลระบบ|ติดต่อผู้ดูแลเว็บ(?:ไซต์)?"
                   r"|ผู้ดูแลเว็บไซต์|ผู้ดูแลระบบ|ฝ่ายสนับสนุน(?:ด้าน)?(?:ระบบ|เทคนิค|ไอที)|ศูนย์ช่วยเหลือ(?:การใช้งาน)?"
                   r"|help\s?desk|technical support|tech support|it support|technical help|system support"
                   r"|webmaster|having (?:trouble|problems)|trouble (?:using|with) (?:the|this|our)")
_PHONE = r"((?<!\d)(?:\+66[\s-]?|0)\d(?:[\s-]?\d){7,8}(?!\d)|(?<!\d)1\d{3}(?!\d))"
_HELPDESK = re.compile(rf"({_HELPDESK_LABEL})[^@]{{0,40}}?(?:โทร(?:ศัพท์)?\.?|tel\.?|phone|call)?\s*:?\s*{_PHONE}",
                       re.I)
# the label alone, case-sensitive: the text searched is normalised (lower case), and an alternation
# searched with re.I is ten times slower; it says cheaply whether the whole pattern can match at all.
# Under re.I "s" and "i" also match "ſ" and "ı", which lower() keeps: they are read as "s" and "i".
_LABEL = re.compile(_HELPDESK_LABEL)
_FOLDED = str.maketrans("ſı", "si")
# what every label begins with: the label is searched only in a text holding one of these
_LABEL_STARTS = ("แจ้งปัญหาการใช้", "ปัญหาการใช้งาน", "ติดต่อผู้ดูแล", "ผู้ดูแลเว็บไซต์", "ผู้ดูแลระบบ", "ฝ่ายสนับสนุน",
                 "ศูนย์ช่วยเหลือ", "help", "technical ", "tech support", "it support", "system support", "webmaster",
                 "having ", "trouble ")


def helpdesk_phone(norm_text: str) -> re.Match | None:
    """A help-desk label and its phone number in normalised text."""
    text = norm_text if not ("ſ" in norm_text or "ı" in norm_text) else norm_text.translate(_FOLDED)
    if not any(start in text for start in _LABEL_STARTS) or _LABEL.search(text) is None:
        return None
    return _HELPDESK.search(norm_text)


@detector("helpdesk")
class Helpdesk(Assessor):
    features = ("help.helpdesk",)
    name = "help.helpdesk"

    def page(self, view):
        match = helpdesk_phone(view.norm_text)
        if match:
            yield self.evidence(self.features[0], view, "", "page text",
                                excerpt(view.norm_text, match.start(), match.end(), 20, 20))

    def site(self, findings):
        evidence = findings.evidence.get(self.features[0], [])
        number = None
        if evidence:
            found = _HELPDESK.search(evidence[0].text)
            number = found.group(2) if found else None
        return {self.features[0]: Decision(PRESENT if evidence else ABSENT, {"number": number} if number else None)}
