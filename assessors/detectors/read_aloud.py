"""Read aloud: a text-to-speech control or service on the page."""

from __future__ import annotations

import re

from ..controls import ControlAssessor
from ..registry import detector


@detector("read_aloud")
class ReadAloud(ControlAssessor):
    feature = "access.read_aloud"
    control = re.compile(r"readspeaker|read.?aloud|text.?to.?speech|responsivevoice|browsealoud|อ่านออกเสียง")

    def accept(self, view, link, found):
        return True

