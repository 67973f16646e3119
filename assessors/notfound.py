"""Soft 404s: pages that say "page not found" although the server answered 200.

A CMS's error template, or a mirror whose every page is its 404 page, is not content: a menu
on it says nothing of the agency's services. The words are data (``notfound.toml``, one list
per language). Where they count is the rule: the title or one of the first headings, each
nearly all made of them, or a short page. A page that merely mentions a 404 (a news item, an
order numbered 404) or says what to do *if* a page is not found is content.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from ground.text import _term_regex, normalise

NOTFOUND_FILE = resources.files(__package__).joinpath("notfound.toml")
HEADINGS_READ = 3               # the page's own heading comes first; later ones are its content
# (the "whole" words count in the title and the first heading only)
SHORT_PAGE = 800                # characters of visible text: a bare error page
OTHER_LETTERS = {"phrases": 20, "whole": 6}   # letters a title or heading may have besides the words
_SEPARATOR = re.compile(r"\s+[-–—|:»·]+\s+|\s*\|\s*|::")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _load() -> tuple[re.Pattern, re.Pattern, tuple[str, ...]]:
    try:
        data = tomllib.loads(NOTFOUND_FILE.read_text("utf-8"))
        phrases = [p for terms in data["phrases"].values() for p in terms]
        whole = [p for terms in data["whole"].values() for p in terms]
        unless = tuple(normalise(u) for u in data.get("unless", []))
    except (OSError, tomllib.TOMLDecodeError, KeyError, AttributeError) as exc:
        raise ValueError(f"{NOTFOUND_FILE}: cannot read the not-found phrases: {exc}") from None

    def compile_(terms):
        return re.compile("|".join(sorted({_term_regex(normalise(t)) for t in terms if t.strip()}, key=len, reverse=True)))
    return compile_(phrases), compile_(whole), unless


def _conditional(text: str, start: int, unless: tuple[str, ...]) -> bool:
    """The words just before a phrase make it a condition ("หากไม่พบ...", "if the page ...")."""
    before = text[max(0, start - 24):start].rstrip(" ,")
    words = before.split()[-3:]
    return any(before.endswith(u) if not u.isascii() else u in words for u in unless)


def _says_not_found(text: str, pattern: re.Pattern, unless: tuple[str, ...], other_letters: int,
                    at_an_end: bool = False) -> str | None:
    for match in pattern.finditer(text):
        if at_an_end and match.start() > 0 and match.end() < len(text):
            continue            # "ข่าว 404 ชิ้น": a number inside a sentence
        rest = text[:match.start()] + text[match.end():]
        if len(_LETTER.findall(rest)) <= other_letters and not _conditional(text, match.start(), unless):
            return match.group(0)
    return None


def soft_404(title: str, headings: list[str], text: str) -> str | None:
    """What a page says that makes it a "page not found" page, or None for content."""
    phrases, whole, unless = _load()
    for i, line in enumerate([title, *headings[:HEADINGS_READ]]):
        for segment in _SEPARATOR.split(normalise(line)):
            segment = segment.strip(" !.,;()[]")
            if not segment:
                continue
            # a bare "ไม่พบข้อมูล" further down is an empty list of the page (no news yet)
            found = (_says_not_found(segment, phrases, unless, OTHER_LETTERS["phrases"])
                     or (i < 2 and _says_not_found(segment, whole, unless, OTHER_LETTERS["whole"], at_an_end=True)))
            if found:
                return found
    if len(text) <= SHORT_PAGE:
        body = normalise(text)
        for match in phrases.finditer(body):
            if not _conditional(body, match.start(), unless):
                return match.group(0)
    return None
