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


# a size button drawn as a picture, named by its file: "font-plus.png", "fontsize_up.gif", "text-larger.png",
# "icon-a-plus.png"; not a gallery's "zoom-in.png" nor a photo whose name only begins so ("fontana.jpg")
_SIZE_PICTURE = re.compile(r"(?<![a-z])(?:font|text)[-_ ]?(?:size)?[-_ ]?(?:larger|smaller|bigger|large|small|big|up|down|"
                           r"plus|minus|inc|dec|increase|decrease)(?![a-z])|(?<![a-z])icon[-_ ]?a[-_ ]?(?:plus|minus)(?![a-z])")

# a button that stays on the page named only by its id or class: <a href="#" id="larger">
_SIZE_LETTERS = ("a", "ก")
_NEXT_LETTER = {"a": "b", "ก": "ข"}

_RESIZE_IDS = {"larger", "smaller", "bigger", "fontlarger", "fontsmaller", "textlarger", "textsmaller"}

# ... but only when what the button says is about size or is a size letter: templates also put a
# style class "smaller" / "larger" on ordinary buttons (a "Back to Top" arrow, a "Read more")
_SIZE_WORDS = re.compile(r"larg|small|big|size|font|text|zoom|ขนาด|ตัวอักษร|ตัวหนังสือ|ใหญ่|เล็ก|ขยาย|ย่อ")


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
            says = link.norm
            if says and len(says) > 3 and not _SIZE_WORDS.search(says):
                continue
            if _RESIZE_IDS & set(link.attrs.split()) and self.accept(view, link, ""):
                yield self.evidence(self.feature, view, link.url, f"{link.element} control", link.text or link.attrs)
                return
        if view.size_letters:   # the same row drawn as plain elements a script binds by class
            yield self.evidence(self.feature, view, "", "size letters", view.size_letters)
            return
        # the sizes drawn as the same letter, growing ("A A A", "ก ก ก"): two or more such buttons
        # that stay on the page, in one row of buttons (two "A"s in two parts of the page are two
        # things); an A-Z index on the page (its "B") makes its "A"s letters of the index
        on_page = [link for link in view.links if len(link.norm) == 1 and self.accept(view, link, "")]
        for letter in _SIZE_LETTERS:
            rows: dict[int, list] = {}
            for link in on_page:
                if link.norm == letter and link.row:
                    rows.setdefault(link.row, []).append(link)
            same = next((row for row in rows.values() if len(row) >= 2), None)
            if same and not any(link.norm == _NEXT_LETTER[letter] for link in on_page):
                yield self.evidence(self.feature, view, same[0].url, f"{same[0].element} control",
                                    " ".join(link.text for link in same))
                return
        # buttons drawn as bare pictures that a script makes clickable: the pictures' files name the
        # sizes they set ("font-minus.png" beside "font-plus.png", "fontsize_up.gif" and
        # "fontsize_down.gif"); one such picture alone may be a picture of the button, not the set
        sizes = list(dict.fromkeys(name for name in view.loose_images if _SIZE_PICTURE.search(name)))
        if len(sizes) >= 2:
            yield self.evidence(self.feature, view, "", "<img> controls", " ".join(sizes[:4]))

