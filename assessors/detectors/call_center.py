"""Call centre: a hotline number in a page's text."""

from __future__ import annotations

import re

from ..base import ABSENT, PRESENT, Assessor, Decision
from ..registry import detector

_HOTLINE = re.compile(r"(สายด่วน|call\s?cent(?:er|re)|hotline|ศูนย์บริการข้อมูล|dial)\D{0,25}(\d[\d\s-]{2,11}\d)")
# what every match begins with: the pattern is searched only in a text holding one (a few
# substring looks are much faster than a scan of the page text with an alternation)
_HOTLINE_STARTS = ("สายด่วน", "call", "hotline", "ศูนย์บริการข้อมูล", "dial")


@detector("call_center")
class CallCenter(Assessor):
    features = ("channel.call_center",)
    name = "channel.call_center"

    def page(self, view):
        text = view.norm_text
        match = _HOTLINE.search(text) if any(start in text for start in _HOTLINE_STARTS) else None
        if match:
            yield self.evidence(self.features[0], view, "", "page text", view.norm_text[match.start(): match.end() + 20])

    def site(self, findings):
        evidence = findings.evidence.get(self.features[0], [])
        number = _HOTLINE.search(evidence[0].text).group(2).strip() if evidence else None
        return {self.features[0]: Decision(PRESENT if evidence else ABSENT, {"number": number} if number else None)}

