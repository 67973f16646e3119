"""Finding dates in Thai and English page text.

Thai government pages write dates in the Buddhist Era (พ.ศ. 2567 = 2024 CE), often with
Thai digits (๒๕๖๗) and full or abbreviated month names (มกราคม / ม.ค.), sometimes with a
two-digit year (21 มี.ค. 61). General date libraries read these wrongly, so this parser
is written for them, and also reads the common English forms and the Indonesian and Malay
month names.
"""

from __future__ import annotations

import re
from datetime import date

from ground.text import normalise

THAI_MONTHS = {
    "มกราคม": 1, "ม.ค.": 1, "กุมภาพันธ์": 2, "ก.พ.": 2, "มีนาคม": 3, "มี.ค.": 3, "เมษายน": 4, "เม.ย.": 4,
    "พฤษภาคม": 5, "พ.ค.": 5, "มิถุนายน": 6, "มิ.ย.": 6, "กรกฎาคม": 7, "ก.ค.": 7, "สิงหาคม": 8, "ส.ค.": 8,
    "กันยายน": 9, "ก.ย.": 9, "ตุลาคม": 10, "ต.ค.": 10, "พฤศจิกายน": 11, "พ.ย.": 11, "ธันวาคม": 12, "ธ.ค.": 12,
}
EN_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
EN_MONTHS.update({m[:3]: i for m, i in list(EN_MONTHS.items())})
EN_MONTHS["sept"] = 9
# Indonesian and Malay pages write the month in their own words, in the same day-month-year
# order ("Senin, 20 Maret 2018", "5 Ogos 2019"): names and the abbreviations news lists print
EN_MONTHS.update({m: i for i, names in enumerate((
    ("januari",), ("februari", "pebruari"), ("maret", "mac"), (), ("mei",), ("juni",), ("juli", "julai"),
    ("agustus", "agu", "agt", "ags", "ogos"), (), ("oktober", "okt"), ("nopember",),
    ("desember", "disember", "des", "dis")), 1) for m in names})

_thai_month = "|".join(sorted(map(re.escape, THAI_MONTHS), key=len, reverse=True))
_en_month = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
# "\b" before a digit or a month name is written as a look-behind after the first character:
# patterns that begin with a character class or literals let re skip ahead to them, which
# makes these scans of whole page texts about twice as fast (the matches are the same).
# Digits are [0-9], not \d: normalise() has made Thai digits ASCII, and re skips ahead to an
# explicit set but tries \d (any script's digits) at every position of the text.
_DAY = r"([0-9](?<!\w[0-9])[0-9]?)"
_en_month_at_word = "|".join(f"{m[0]}(?<!\\w{m[0]}){m[1:]}" for m in sorted(EN_MONTHS, key=len, reverse=True))
THAI_DATE = re.compile(rf"([0-9]{{1,2}})\s*({_thai_month})\s*(?:พ\.ศ\.|พศ\.?|ค\.ศ\.)?\s*(\d{{4}}|\d{{2}})(?!\d)")
EN_DAY_MONTH = re.compile(rf"{_DAY}(?:st|nd|rd|th)?\s+({_en_month})\.?,?\s+(\d{{4}})\b")
EN_MONTH_DAY = re.compile(rf"({_en_month_at_word})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
ISO = re.compile(r"([0-9](?<!\w[0-9])[0-9]{3})-([0-9]{2})-([0-9]{2})\b")
NUMERIC = re.compile(rf"{_DAY}/(\d{{1,2}})/(\d{{4}})\b")


def _year(raw: str, thai: bool) -> int:
    year = int(raw)
    if year < 100:                        # two-digit year: Buddhist Era on Thai pages (61 = 2561)
        year += 2500 if thai else 2000
    if year > 2400:                       # Buddhist Era
        year -= 543
    return year


def _make(y: int, m: int, d: int) -> date | None:
    try:
        result = date(y, m, d)
    except ValueError:
        return None
    return result if 1990 <= result.year <= 2100 else None


def find_dates(text: str) -> list[date]:
    """Every date written in the text, as Gregorian dates."""
    return dates_in(normalise(text))


# what every match of a pattern holds: a pattern is searched only in a text that holds it (a
# few substring looks are much faster than a regular-expression scan of a page text)
_EN_MONTH_STEMS = tuple(dict.fromkeys(m[:3] for m in EN_MONTHS))
# one scan for any of them (twelve substring looks of a page text cost twice as much)
_EN_MONTH_STEM = re.compile("|".join(_EN_MONTH_STEMS))
# every Thai month name holds one of these (a full name ends in -คม, -ายน or -พันธ์; an
# abbreviation is written ม.ค., ก.พ., เม.ย.): six looks of a page text instead of 24
THAI_MONTH_PARTS = ("คม", "ายน", "พันธ์", ".ค.", ".พ.", ".ย.")


def dates_in(text: str) -> list[date]:
    """find_dates() of text already passed through normalise() (a page view's norm_text)."""
    found = []
    if any(part in text for part in THAI_MONTH_PARTS):
        for d, month, y in THAI_DATE.findall(text):
            found.append(_make(_year(y, True), THAI_MONTHS[month], int(d)))
    if _EN_MONTH_STEM.search(text):
        for d, month, y in EN_DAY_MONTH.findall(text):
            found.append(_make(_year(y, False), EN_MONTHS[month], int(d)))
        for month, d, y in EN_MONTH_DAY.findall(text):
            found.append(_make(_year(y, False), EN_MONTHS[month], int(d)))
    if "-" in text:
        for y, m, d in ISO.findall(text):
            found.append(_make(int(y), int(m), int(d)))
    if "/" in text:
        for d, m, y in NUMERIC.findall(text):
            made = _make(_year(y, True), int(m), int(d))
            # day first (19/3/2561), as Thai and most pages write; a middle number above 12 can only
            # be a day: the month first, as United States pages write (3/16/2018, Drupal's default).
            # A Buddhist-Era year is a Thai writer's, who puts the day first: 12/15/2561 is a
            # document's or a meeting's number, no date
            if made is None and int(m) > 12 and int(y) < 2400:
                made = _make(_year(y, True), int(d), int(m))
            found.append(made)
    return [d for d in found if d is not None]
