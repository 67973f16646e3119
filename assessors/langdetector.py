"""langdetect's answers, in less time: its Detector with its per-character steps done in bulk.

langdetect (a port of Nakatani Shuyo's language-detection) is pure Python: it reads a text one
character at a time through several method calls each, then draws random n-grams of it and
updates a probability per language in a Python loop. This Detector gives the same answers to
the last digit of every probability: the same cleaned text, the same n-grams in the same order,
the same random draws from the same seed, and the same floating-point operations in the same
order; only the steps are done with regular expressions, ``str.translate`` and list
comprehensions instead of a call per character or per language. tests/test_language_detection.py
compares both on real pages.
"""

from __future__ import annotations

import re

from langdetect.detector import Detector
from langdetect.utils.ngram import NGram

_SPACES = re.compile(" {2,}")
_LATIN = re.compile(r"[^A-z]+")              # langdetect's 'A' <= ch <= 'z' (with [\]^_` between)
_NOT_LATIN = re.compile("[^\u0300-\U0010ffff]+")
_LATIN_LETTERS = re.compile(r"[A-z]+")


class _Normalised(dict):
    """{code point: NGram.normalize(character)}, filled as characters are met (for str.translate)."""

    def __missing__(self, point: int) -> str:
        self[point] = NGram.normalize(chr(point))
        return self[point]


_NORMALISED = _Normalised()


class SameDetector(Detector):
    """langdetect.detector.Detector with the same results, faster (see the module's docstring)."""

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        text = self.MAIL_RE.sub(" ", text)
        text = NGram.normalize_vi(text)
        # a space that follows a space is dropped
        self.text += _SPACES.sub(" ", text[:self.max_text_length])

    def cleaning_text(self) -> None:
        # langdetect counts as non-Latin every character from U+0300 on (its test that excepts
        # Latin Extended Additional compares a block number with a name, so it never excepts)
        latin = len(_LATIN.sub("", self.text))
        non_latin = len(_NOT_LATIN.sub("", self.text))
        if latin * 2 < non_latin:
            self.text = _LATIN_LETTERS.sub("", self.text)

    def _extract_ngrams(self) -> list[str]:
        known = self.word_lang_prob_map
        result = []
        grams, capitalword = " ", False
        for ch in self.text.translate(_NORMALISED):
            last = grams[-1]
            if last == " ":
                grams, capitalword = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capitalword = True
            else:
                capitalword = False
            if capitalword:
                continue
            if ch != " " and ch in known:
                result.append(ch)
            if len(grams) >= 2:
                if grams[-2:] in known:
                    result.append(grams[-2:])
                if len(grams) >= 3 and grams in known:
                    result.append(grams)
        return result

    def _update_lang_prob(self, prob: list[float], word: str | None, alpha: float) -> bool:
        if word is None or word not in self.word_lang_prob_map:
            return False
        weight = alpha / self.BASE_FREQ
        prob[:] = [p * (weight + q) for p, q in zip(prob, self.word_lang_prob_map[word])]
        return True

    def _normalize_prob(self, prob: list[float]) -> float:
        total = sum(prob)
        prob[:] = [p / total for p in prob]
        return max(0.0, *prob)
