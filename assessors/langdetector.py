"""langdetect's answers, in less time: its Detector with its per-character steps done in bulk.

langdetect (a port of Nakatani Shuyo's language-detection) is pure Python: it reads a text one
character at a time through several method calls each, then draws random n-grams of it and
updates a probability per language in a Python loop. This Detector gives the same answers to
the last digit of every probability: the same cleaned text, the same n-grams in the same order,
the same random draws from the same seed, and the same floating-point operations in the same
order. Only the steps are done otherwise: the text cleaned with regular expressions and
``str.translate``, its n-grams taken word by word (langdetect starts again after each space) and
remembered per word, and each update of the 55 languages' probabilities done on a numpy array
(element by element, the same products; the sum that normalises them is Python's, in order).
tests/test_language_detection.py compares both on the corpus's pages.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
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
_WORD = re.compile(r"[^ ]+ ?")          # a word and the space after it, if any
_READERS: dict[int, object] = {}
_ROWS: dict[int, object] = {}


def _word_ngrams(known: dict):
    """The n-grams langdetect takes from a word (with the space after it, if any) that its
    profiles know, in its order; remembered per word, since words repeat."""
    reader = _READERS.get(id(known))
    if reader is None:
        @lru_cache(maxsize=1 << 16)
        def reader(word: str) -> tuple[str, ...]:
            padded = " " + word         # the state after a space: grams = " "
            found = []
            capital = False
            for k in range(1, len(padded)):
                ch = padded[k]
                if ch.isupper():
                    if padded[k - 1].isupper():
                        capital = True  # inside a word in capitals: no n-grams
                else:
                    capital = False
                if capital:
                    continue
                if ch != " " and ch in known:
                    found.append(ch)
                if padded[k - 1:k + 1] in known:
                    found.append(padded[k - 1:k + 1])
                if k >= 2 and padded[k - 2:k + 1] in known:
                    found.append(padded[k - 2:k + 1])
            return tuple(found)
        _READERS[id(known)] = reader     # the reader holds the map, so its id stays its own
    return reader


def _rows(known: dict):
    """An n-gram's probabilities per language as an array, remembered for the n-grams met."""
    row = _ROWS.get(id(known))
    if row is None:
        @lru_cache(maxsize=1 << 14)
        def row(word: str) -> numpy.ndarray:
            return numpy.array(known[word])
        _ROWS[id(known)] = row
    return row


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
        # langdetect's n-grams start again after each space: a text's are its words', in order
        ngrams_of = _word_ngrams(self.word_lang_prob_map)
        result: list[str] = []
        for word in _WORD.findall(self.text.translate(_NORMALISED)):
            result.extend(ngrams_of(word))
        return result

    def _init_probability(self):
        return numpy.array(super()._init_probability())

    def _detect_block(self) -> None:
        # langdetect's loop with its per-draw calls inlined: the same draws from the same
        # generator (random.choice(seq) is seq[_randbelow(len(seq))]), the same products (every
        # n-gram drawn is one the profiles know, so each draw updates, as langdetect's does)
        if self.verbose:
            super()._detect_block()
            return
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        row = _rows(self.word_lang_prob_map)
        draw = self.random._randbelow
        count = len(ngrams)
        for _ in range(self.n_trial):
            prob = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weights: dict[str, numpy.ndarray] = {}     # alpha / BASE_FREQ + the n-gram's row, per n-gram drawn
            i = 0
            while True:
                ngram = ngrams[draw(count)]
                weight = weights.get(ngram)
                if weight is None:
                    weight = weights[ngram] = alpha / self.BASE_FREQ + row(ngram)
                prob *= weight
                if i % 5 == 0 and (self._normalize_prob(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT):
                    break
                i += 1
            for j in range(len(self.langprob)):
                self.langprob[j] += prob[j] / self.n_trial

    def _update_lang_prob(self, prob, word: str | None, alpha: float) -> bool:
        if word is None or word not in self.word_lang_prob_map:
            return False
        prob *= alpha / self.BASE_FREQ + _rows(self.word_lang_prob_map)(word)   # element by element
        return True

    def _normalize_prob(self, prob) -> float:
        total = sum(prob.tolist())                  # summed in order, as langdetect does
        if total == 0:
            raise ZeroDivisionError("float division by zero")
        prob /= total
        return max(0.0, *prob.tolist())
