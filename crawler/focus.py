"""Focused crawling: within each breadth-first level, links that name a service go first.

A link whose text or URL names a stage feature of the catalogue (forms, e-services,
payment, status, contact, a language switch ...) gets priority, so a small page budget
reaches service pages before it is spent on news items (the approach eGovMon used to
locate services on municipal sites). The words are the assessors' vocabulary
(ground/packs/), the one place they are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from ground.text import load_vocabulary, normalise

from .links import Link

# the features whose pages are worth the budget; organisation/news pages are reached anyway
FOCUS_FEATURES = ("forms.download", "media.audio_video", "lang.multilingual", "interact.two_way",
                  "participate.poll", "service.online_application", "payment.online", "service.end_to_end",
                  "connected.data_exchange", "connected.one_stop", "info.legal", "info.contact")
_URL_WORDS = re.compile(r"[/_\-.=?&]+")


class FocusPriority:
    def __init__(self):
        vocabulary = load_vocabulary()
        self.normalise = normalise
        self.terms = [vocabulary[f] for f in FOCUS_FEATURES]
        # a site's menu links come back on every page: score each text and URL once
        self._score = lru_cache(maxsize=65536)(self._score_words)

    def _score_words(self, text: str, url: str) -> int:
        parts = urlsplit(url)
        text = self.normalise(text)
        path = self.normalise(_URL_WORDS.sub(" ", unquote(parts.path + " " + parts.query)))
        return sum(1 for terms in self.terms if terms.find(text) or terms.find(path))

    def __call__(self, link: Link) -> int:
        return self._score(link.text, link.url)
