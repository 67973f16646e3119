"""Which language packs apply to a page.

English and the site's own language always apply; so do the page's detected language, its
html ``lang`` and any script that makes up a good part of its text. The site's language is
the sites file's ``language`` column where there is one, the languages of the country its
domains belong to (``[countries]`` in ground/hosts.toml), and the language of its first
page. Words of a pack that does not apply are not looked for, so a Thai page is not read
with, say, the Indonesian pack's short words.

Page language is langdetect's (assessors/engine.py). Short texts (a splash page's title and
link texts, too little for langdetect) go to lingua, which ships its models and is built
once per process with only the languages of the packs, in its low-accuracy mode: it answers
a short text in microseconds. Scripts written for one language (Thai, Lao, Khmer, Burmese,
Hangul, Japanese kana, Devanagari) are told by their characters without asking either.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from ground.text import read_countries, read_packs

# languages written in a script of their own (Han without kana is Chinese; a Japanese text
# has kana between its Han characters): their letters, as a regular-expression class
SCRIPT_LETTERS = (
    ("th", "\u0e01-\u0e4e"),
    ("lo", "\u0e81-\u0edf"),
    ("km", "\u1780-\u17f9"),
    ("my", "\u1000-\u109f"),
    ("ko", "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"),
    ("ja", "\u3041-\u30ff"),
    ("zh", "\u4e00-\u9fff"),
    ("hi", "\u0900-\u097f"),
    ("ar", "\u0600-\u06ff"),
    ("ru", "\u0400-\u04ff"),
)
SCRIPTS = tuple((lang, re.compile(f"[{letters}]+")) for lang, letters in SCRIPT_LETTERS)
_LETTER = re.compile(r"[^\W\d_]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_IN_A_SCRIPT = re.compile(f"[^{''.join(letters for _, letters in SCRIPT_LETTERS)}]+")
_SCRIPT_RUN = re.compile("|".join(f"([{letters}]+)" for _, letters in SCRIPT_LETTERS))
SCRIPT_SHARE = 0.2          # a script counts when it is at least this share of a text's letters
SAMPLE = 3000
# codes pages and detectors write for the languages of the packs
ALIASES = {"fil": "tl", "in": "id", "iw": "he", "zsm": "ms", "zh-cn": "zh", "zh-tw": "zh", "zh-hk": "zh"}
# languages close enough that a page of one is read with both packs
KIN = {"id": ("ms",), "ms": ("id",)}


_BMP = "".join(map(chr, range(0x10000)))
# per character of the Basic Multilingual Plane: whether re reads it as a letter ([^\W\d_]), and
# the script of SCRIPT_LETTERS it belongs to (its index + 1; 0 for none), both from the patterns
_IS_LETTER = numpy.zeros(0x10000, dtype=bool)
for _run in _LETTERS.finditer(_BMP):
    _IS_LETTER[_run.start():_run.end()] = True
_SCRIPT_OF = numpy.zeros(0x10000, dtype=numpy.uint8)
for _index, (_, _pattern) in enumerate(SCRIPTS, 1):
    for _run in _pattern.finditer(_BMP):
        _SCRIPT_OF[_run.start():_run.end()] = _index
# the ASCII characters that are not letters, for bytes.translate
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not _IS_LETTER[c])
del _BMP


@lru_cache(maxsize=16)
def letter_counts(sample: str) -> tuple[int, dict[str, int]]:
    """How many letters a text has, and how many of them are of each script of SCRIPTS.

    Page language (assessors/engine.py) and pack choice both ask this of a page's first
    SAMPLE characters. Counted on the text's code points with a table per character, built
    from the same patterns: an ASCII text's letters by deleting the others' bytes; a text with
    characters beyond the Basic Multilingual Plane by the patterns themselves (what is not a
    letter deleted and the rest measured, then what is of none of the scripts deleted and the
    script letters' runs measured)."""
    if sample.isascii():
        return len(sample.encode("ascii").translate(None, _ASCII_NOT_LETTERS)), {}
    points = numpy.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    counts: dict[str, int] = {}
    if (points < 0x10000).all():
        letters = int(numpy.count_nonzero(_IS_LETTER[points]))
        if letters:
            scripts = _SCRIPT_OF[points]
            found = numpy.bincount(scripts, minlength=len(SCRIPTS) + 1)
            present = [i for i in range(1, len(SCRIPTS) + 1) if found[i]]
            # in the order each script first appears in the text, as its runs were met
            present.sort(key=lambda i: int(numpy.argmax(scripts == i)))
            counts = {SCRIPT_LETTERS[i - 1][0]: int(found[i]) for i in present}
        return letters, counts
    letters = len(_NOT_LETTERS.sub("", sample))
    if letters:
        for run in _SCRIPT_RUN.finditer(_NOT_IN_A_SCRIPT.sub("", sample)):
            lang = SCRIPT_LETTERS[run.lastindex - 1][0]
            counts[lang] = counts.get(lang, 0) + run.end() - run.start()
    return letters, counts


def code(lang: str | None) -> str:
    """A language code as the packs name it: 'th-TH' -> 'th', 'fil' -> 'tl', 'zh-Hant' -> 'zh'."""
    lang = (lang or "").strip().lower().replace("_", "-")
    if lang in ALIASES:
        return ALIASES[lang]
    primary = lang.split("-", 1)[0]
    return ALIASES.get(primary, primary)


def scripts_of(text: str, share: float = SCRIPT_SHARE) -> set[str]:
    """The languages whose own script makes up at least ``share`` of the text's letters."""
    letters, counts = letter_counts(text[:SAMPLE])
    found = set()
    for lang, _ in SCRIPT_LETTERS:
        if lang == "zh" and "ja" in found:
            continue
        chars = counts.get(lang, 0)
        if chars and chars >= share * letters:
            found.add(lang)
    return found


@lru_cache(maxsize=1)
def detector():
    """One lingua detector per process, for the languages of the packs that lingua knows."""
    languages = []
    for lang in read_packs():
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, lang.upper())))
        except (AttributeError, ValueError):
            continue            # a pack lingua has no model for (Lao, Khmer, Burmese): told by script
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=4096)
def short_text_language(text: str) -> str | None:
    """The language of a short text (a title, link texts), or None when it has no letters."""
    if not text or not _LETTER.search(text):
        return None
    by_script = scripts_of(text, 0.5)
    if by_script:
        return sorted(by_script)[0] if len(by_script) == 1 else None
    found = detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found else None


def domain_languages(hosts) -> set[str]:
    """The languages of the countries whose domains the site's hosts are under."""
    found: set[str] = set()
    countries = read_countries()
    for host in hosts:
        host = (host or "").lower().rstrip(".")
        for country in countries.values():
            if any(host == s or host.endswith("." + s) for s in country["domains"]):
                found.update(country["languages"])
    return found


def site_languages(declared: str = "", hosts=()) -> set[str]:
    """The site's own languages from the sites file's language column and its domains."""
    found = {code(part) for part in re.split(r"[\s,;/]+", declared or "") if part.strip()}
    return found | domain_languages(hosts)


def select_packs(html_lang: str, page_language: str | None, text: str, site: set[str],
                 short_text: str = "") -> frozenset[str]:
    """The packs that apply to a page: English, the site's languages, the detected page
    language (from ``short_text`` when the page has too little text to detect), the html
    ``lang`` and the scripts that make up a good part of the text."""
    available = read_packs()
    chosen = {"en"} | set(site) | scripts_of(text)
    for lang in (html_lang, page_language):
        if lang:
            chosen.add(code(lang))
    if page_language is None and short_text:
        found = short_text_language(short_text)
        if found:
            chosen.add(found)
    for lang in list(chosen):
        chosen.update(KIN.get(lang, ()))
    return frozenset(lang for lang in chosen if lang in available)
