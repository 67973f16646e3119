"""Intro ("splash") pages: a door to the site, not the site.

Many Thai government sites open with an intro page (a royal portrait, a campaign banner)
whose button "เข้าสู่เว็บไซต์" leads to the real homepage. When the crawl could not follow
that button, what it has is the door: a few service buttons, no menus. Judging the site on
it would call every feature absent; it is ``unknown`` with the reason instead. The words
are data (``splash.toml``).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from ground.text import normalise

from .page import PageView

SPLASH_FILE = resources.files(__package__).joinpath("splash.toml")
MAX_LINKS = 30          # an intro page has a handful of buttons; a homepage has menus
MAX_EXTRA = 40          # characters an "enter" link may add to its words (the site's name)
MAX_TEXT = 1500         # characters of visible text: a portrait, a slogan, a few buttons


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], frozenset[str]]:
    try:
        data = tomllib.loads(SPLASH_FILE.read_text("utf-8"))
        enter, alone = data["enter"], data.get("alone", [])
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise ValueError(f"{SPLASH_FILE}: cannot read the intro-page words: {exc}") from None
    return tuple(sorted({normalise(w) for w in enter}, key=len, reverse=True)), frozenset(normalise(w) for w in alone)


def _leads_in(text: str) -> bool:
    enter, alone = _words()
    if text in alone:
        return True
    for word in enter:
        if text.startswith(word) and len(text) - len(word) <= MAX_EXTRA and \
                (text == word or not word.isascii() or not text[len(word)].isalnum()):
            return True
    return False


def way_in(view: PageView):
    """The link of an intro page into the site; None for a page with content of its own."""
    links = [link for link in view.links if link.navigates]
    if not links or len(links) > MAX_LINKS or len(view.text) > MAX_TEXT:
        return None
    return next((link for link in links if _leads_in(link.norm.strip(" >»›→.!"))), None)


def enter_link(view: PageView, fetched: set[str]) -> tuple[str, str] | None:
    """(link text, target) of the page's way into the site when the page is an intro page
    whose way in was not fetched; None for a page with content of its own."""
    link = way_in(view)
    if link is None or link.url.split("#")[0] in fetched:
        return None
    return link.text, link.url
