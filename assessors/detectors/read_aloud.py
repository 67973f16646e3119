"""Read aloud: a text-to-speech control or service on the page."""

from __future__ import annotations

import re

from ..controls import ControlAssessor, names_control
from ..page import HEADLINE, LISTING
from ..registry import detector


@detector("read_aloud")
class ReadAloud(ControlAssessor):
    feature = "access.read_aloud"
    control = re.compile(r"readspeaker|read.?aloud|text.?to.?speech|responsivevoice|browsealoud|อ่านออกเสียง")

    def accept(self, view, link, found):
        # a read-aloud service is often a link away (ReadSpeaker's player, an agency's own
        # text-to-speech page), so a link that leaves the page counts when its markup or address
        # names the service, or when its words do in a menu item's few words; a headline that
        # says อ่านออกเสียง (a story about a new read-aloud system) is news
        if super().accept(view, link, found):
            return True
        if names_control(self.control, f"{link.attrs} {link.url.lower()} {link.images}"):
            return True
        return link.region != LISTING and len(link.norm) < HEADLINE

