"""Text resizing: a control on the page (A+/A-, ก+/ก-, a CMS's font-size widget)."""

from __future__ import annotations

import re

from ..controls import ControlAssessor
from ..registry import detector

_TEXT_RESIZE = re.compile(r"font.?size|text.?size|text.?resize|resize.?text|changefont|clickfont|fontsize|zoom.?text|"
                         r"increase.?font|decrease.?font|(?<![\w-])a\s?[+\-](?![\w-])|(?<![\w-])[+\-]\s?a(?![\w-])|"
                         # a CMS's buttons named in markup: class="font-larger", "text-smaller", jfontsize, iconAplus.png,
                         # id="accessibility-font-increased"
                         r"(?<![a-z])(?:font|text).?(?:larger|smaller|bigger|up|down|plus|minus|inc(?:rease[ds]?)?|dec(?:rease[ds]?)?)(?![a-z])|icon.?a.?(?:plus|minus)|"
                         # Thai templates label the buttons with the letter ก: "ก- ก ก+"
                         r"(?<![\w-])ก\s?[+\-](?![\w-])|(?<![\w-])[+\-]\s?ก(?![\w-])")


# a button that stays on the page named only by its id or class: <a href="#" id="larger">
_SIZE_LETTERS = ("a", "ก")
_NEXT_LETTER = {"a": "b", "ก": "ข"}

_RESIZE_IDS = {"larger", "smaller", "bigger", "fontlarger", "fontsmaller", "textlarger", "textsmaller"}


@detector("text_resize")
class TextResize(ControlAssessor):
    feature = "access.text_resize"
    control = _TEXT_RESIZE

    def page(self, view):
        found = False
        for evidence in super().page(view):
            found = True
            yield evidence
        if found:
            return
        for link in view.links:
            if _RESIZE_IDS & set(link.attrs.split()) and self.accept(view, link, ""):
                yield self.evidence(self.feature, view, link.url, f"{link.element} control", link.text or link.attrs)
                return
        if view.size_letters:   # the same row drawn as plain elements a script binds by class
            yield self.evidence(self.feature, view, "", "size letters", view.size_letters)
            return
        # the sizes drawn as the same letter, growing ("A A A", "ก ก ก"): two or more such buttons
        # that stay on the page; an A-Z index on the page (its "B") makes its "A"s letters of the index
        on_page = [link for link in view.links if len(link.norm) == 1 and self.accept(view, link, "")]
        for letter in _SIZE_LETTERS:
            same = [link for link in on_page if link.norm == letter]
            if len(same) >= 2 and not any(link.norm == _NEXT_LETTER[letter] for link in on_page):
                yield self.evidence(self.feature, view, same[0].url, f"{same[0].element} control",
                                    " ".join(link.text for link in same))
                return

