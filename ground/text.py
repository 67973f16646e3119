"""Normalising text and matching the vocabulary against it.

The vocabulary is data: one pack per language (``ground/packs/<code>.toml``) and the
hosts that are evidence whatever the language (``ground/hosts.toml``). A pack has a
``[pack]`` table (``language``, ``name``) and, per feature of the catalogue, a table
``[features."<feature>"]`` with any of:

  terms       link texts / titles / headings that name the feature
  negative    wording that looks alike but is something else (a newsletter sign-up is not an
              application); a match in a text that also holds a negative term is not evidence
  patterns    regular expressions that name the feature (on normalised text)
  page_terms  phrases that count in a page's own text (statements), not only in link texts
  file_terms  words that name the feature only on a link to a document file (a file called
              "คำร้อง..." is a petition form; a page called so may be an online petition)

A pack may also hold ``[shared."<name>"]`` word lists with the same fields, which several
features read: ``online`` says a service is done on the web ("ออนไลน์", "e-Service"), its negative
terms what is not (queue booking, a manual, a form to print). A shared list's name has no dot,
so it is never a feature's id; load_vocabulary() returns it under that name.

and hosts.toml has ``hosts`` per feature: link or embed targets that are evidence by their
host ('host' and its subdomains, 'host/path' a path prefix, 'label.' a host that starts so).
A catalogue entry (ground/catalogue.toml and a run's own catalogue files) may carry words of
its own in the same fields, per language, and hosts; they are merged with the packs'.

Thai is written without spaces between words, so Thai terms match as substrings; Latin
terms match on word boundaries so that "act" is not found in "contact" (see _term_regex
for the scripts of each kind). Both the text and
the terms pass through the same normalise(), which folds the spelling variants agencies
use and Thai digits.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from .catalogue import (
    CatalogueError,
    catalogue_files,
    catalogue_of,
    restricted,
    selected_features,
)

# read as package data, so the crawler also works from a zipped egg (a Scrapyd deployment)
PACKS_DIR = resources.files(__package__).joinpath("packs")
HOSTS_FILE = resources.files(__package__).joinpath("hosts.toml")
PACK_FIELDS = ("terms", "negative", "patterns", "page_terms", "file_terms")

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
# Thai spelling variants, one pattern each, applied through one scan of the text
_THAI_VARIANTS = [
    (re.compile(r"วี?ดี?โอ|วิดิโอ|วีดิโอ|วิดีโอ|วีดีโอ"), "วิดีโอ"),
    (re.compile(r"อัพเดท|อัพเดต|อัปเดท"), "อัปเดต"),
    (re.compile(r"แอพพลิเคชั่น|แอพพลิเคชัน|แอปพลิเคชั่น"), "แอปพลิเคชัน"),
    (re.compile(r"เวบไซต์|เว็บไซท์|เว็ปไซต์|เวปไซต์"), "เว็บไซต์"),
    # a calendar written with ฎ for ฏ (ปฎิทินกิจกรรม, ปฎิทินการศึกษา), often beside the right spelling
    (re.compile(r"ปฎิทิน"), "ปฏิทิน"),
    # an Act (พระราชบัญญัติ) abbreviated without its inner dots: "พรบ. มหาวิทยาลัย", "พรบ.ข้อมูลข่าวสาร";
    # bare "พรบ" only where no Thai letter follows, so the name พรบุญ stays a name
    (re.compile(r"พรบ\.|พรบ(?![\u0e00-\u0e7f])"), "พ.ร.บ."),
]
_THAI_VARIANT = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _THAI_VARIANTS))
# e-Service, e Service -> eservice; "\b" written as a look-behind after the "e" (see _term_regex)
_E_PREFIX = re.compile(r"e(?<!\we)[\s\-\u2010\u2011\u2013]+(?=[a-z])")
_PUNCTUATION = re.compile(r"[\u2010-\u2015\u2018\u2019]")
_PUNCTUATION_AS = {**dict.fromkeys(map(chr, range(0x2010, 0x2016)), "-"), "\u2018": "'", "\u2019": "'"}
_THAI_OR_SPECIAL = re.compile("[\u0e00-\u0e7f\u200b-\u200d\u2060\ufeff\u00ad\u2010-\u2015\u2018\u2019]")


def _thai_variant(match: re.Match) -> str:
    for pattern, replacement in _THAI_VARIANTS:
        if pattern.fullmatch(match.group(0)):
            return replacement
    return match.group(0)


def normalise(text: str) -> str:
    """Lower case, NFC, single spaces, Thai digits as Arabic ones, and one spelling for the
    variants agencies write. Page texts are long and this runs on every one of them, so each
    step is a regular-expression scan (str.translate with a table is slow on long strings)
    and the steps for Thai script and special characters run only where there are some
    (looking for a few characters with ``in`` is much faster than a scan that finds none)."""
    text = unicodedata.normalize("NFC", text or "").lower()
    special = _THAI_OR_SPECIAL.search(text) is not None
    if special:
        if any(c in text for c in _ZERO_WIDTH_CHARS):
            text = _ZERO_WIDTH.sub("", text)
        if any(d in text for d in "๐๑๒๓๔๕๖๗๘๙"):
            text = text.translate(_THAI_DIGITS)
        text = _THAI_VARIANT.sub(_thai_variant, text)
    text = _E_PREFIX.sub("e", text)          # before dashes become "-": "e\u2012service" stays apart
    if special and any(c in text for c in _PUNCTUATION_AS):
        text = _PUNCTUATION.sub(lambda m: _PUNCTUATION_AS[m.group(0)], text)
    return " ".join(text.split())           # str.split() and re's \s agree on what a space is


# letters of the scripts written with spaces between words (Latin with its accents and
# Vietnamese's, Cyrillic, Devanagari): a term in them matches only as a whole word. Thai,
# Lao, Khmer, Burmese, Chinese, Japanese, Korean and Arabic (whose words take attached
# particles and prefixes) match as substrings.
_WORD_CHARS = "0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0400-\u04ff\u0900-\u097f"
_WORD_CHAR = re.compile(f"[{_WORD_CHARS}]")


def _term_regex(term: str) -> str:
    escaped = re.escape(term)
    if _WORD_CHAR.fullmatch(term[:1]):
        # "not after a letter or digit", checked after the first character rather than before
        # it: a pattern whose alternatives all begin with a literal lets re skip ahead to those
        # characters, which makes a page-text search several times faster
        first = re.escape(term[0])
        escaped = f"{first}(?<![{_WORD_CHARS}]{first})" + re.escape(term[1:])
    if _WORD_CHAR.fullmatch(term[-1:]):
        escaped = escaped + f"(?![{_WORD_CHARS}])"
    return escaped


@dataclass(frozen=True, eq=False)      # hashed by identity: it keys the answer caches below
class Terms:
    positive: LazyPattern | re.Pattern | None
    negative: LazyPattern | re.Pattern | None
    page: LazyPattern | re.Pattern | None
    hosts: tuple[str, ...]
    file: LazyPattern | re.Pattern | None = None       # words that name the feature only on a link to a file

    feature: str = ""
    # the vocabulary's one-pass scanner (see Scanner): every feature's answer from one scan of a text
    scanner: Scanner | None = field(default=None, repr=False)

    def find(self, text: str) -> str | None:
        """The term found in already-normalised text, unless a negative term is there too."""
        if self.positive is None or not text:
            return None
        if self.scanner is not None:
            return self.scanner.hits(text).find(self.feature)
        if len(text) <= _CACHED_TEXT:
            return _find_cached(self, text)
        return self._find(text)

    def first(self, text: str) -> tuple[int, str] | None:
        """(where, term) of the first positive term in normalised text, negative terms aside:
        ``positive.search``'s match, from the text's one scan for all features."""
        return self._first(text, self.positive, "positive", "starts")

    def _find(self, text: str) -> str | None:
        match = self.positive.search(text)
        if match is None:
            return None
        if self.negative is not None and self.negative.search(text):
            return None
        return match.group(0)

    def find_on_file(self, text: str) -> str | None:
        """A term, or a file-only term, in the text of a link to a document file."""
        return self.find(text) or self.find_file_term(text)

    def find_file_term(self, text: str) -> str | None:
        """A file-only term (``file_terms``), unless a negative term is there too."""
        if self.file is None or not text:
            return None
        if self.scanner is not None:
            return self.scanner.hits(text).find_file(self.feature)
        match = self.file.search(text)
        return match.group(0) if match and not self.vetoed(text) else None

    def vetoed(self, text: str) -> bool:
        """The text names something else (a negative term), whatever the link's target."""
        if self.scanner is not None and self.negative is not None and text:
            return self.feature in self.scanner.hits(text).vetoed
        return bool(self.negative is not None and text and self.negative.search(text))

    def find_statement(self, text: str) -> str | None:
        if self.page is None:
            return None
        if self.scanner is not None:
            return self.scanner.hits(text).page.get(self.feature) if text else None
        match = self.page.search(text)
        return match.group(0) if match else None

    def first_statement(self, text: str) -> tuple[int, str] | None:
        """(where, term) of the first page term in normalised text: ``page.search``'s match,
        from the text's one scan for all features."""
        return self._first(text, self.page, "page", "page_starts")

    def _first(self, text: str, pattern, found: str, starts: str) -> tuple[int, str] | None:
        """(where, term) of pattern's first match, or from the scan's hits of that kind."""
        if pattern is None or not text:
            return None
        if self.scanner is not None:
            hits = self.scanner.hits(text)
            term = getattr(hits, found).get(self.feature)
            return None if term is None else (getattr(hits, starts)[self.feature], term)
        match = pattern.search(text)
        return None if match is None else (match.start(), match.group(0))

    def host_match(self, url: str) -> str | None:
        """The hosts entry a URL's target matches: 'host' (and its subdomains), 'host/path'
        (a path prefix), or 'label.' (a host that starts so, e.g. 'opendata.')."""
        if not self.hosts:
            return None
        if self.scanner is not None:
            return self.scanner.hosts_of(url).get(self.feature)
        return _host_match_cached(self, url)

    def _host_match(self, url: str) -> str | None:
        rest = url.lower().split("://", 1)[-1]
        host = rest.split("/", 1)[0].split(":", 1)[0]
        for h in self.hosts:
            if "/" in h:
                if rest.startswith(h) or rest.startswith("www." + h):
                    return h
            elif h.endswith("."):
                if host.startswith(h):
                    return h
            elif host == h or host.endswith("." + h):
                return h
        return None


# Link texts and targets repeat on every page of a site (menus, footers), and every feature
# looks at every link: remembering recent answers saves most of the matching.
_CACHED_TEXT = 200           # link texts; longer texts are page text and rarely repeat


def normalise_short(text: str) -> str:
    """normalise() remembering short texts (link texts, labels, attributes), which repeat on
    every page of a site."""
    return _normalise_cached(text) if len(text) <= _CACHED_TEXT else normalise(text)


_normalise_cached = lru_cache(maxsize=1 << 15)(normalise)


@lru_cache(maxsize=1 << 15)     # at most ~13 MB of remembered texts
def _find_cached(terms: Terms, text: str) -> str | None:
    return terms._find(text)


@lru_cache(maxsize=1 << 15)
def _host_match_cached(terms: Terms, url: str) -> str | None:
    return terms._host_match(url)


def _alternatives(terms, patterns=()) -> list[tuple[str, str | None]]:
    """The alternatives of a feature's pattern in the order re tries them: (regular expression,
    the normalised term it matches literally, or None for a pattern)."""
    parts = [(_term_regex(term), term) for term in (normalise(t) for t in terms if t.strip())]
    parts += [(pattern, None) for pattern in patterns]
    # longest first: the snippet names the most specific term
    parts.sort(key=lambda part: len(part[0]), reverse=True)
    return parts


_META = set("\\.^$*+?{}[]()|")
_OPTIONAL = set("?*{")


def _structure(source: str):
    """(index, character, group depth after it) of each character of a regular expression
    outside escapes and classes (a class runs to its closing bracket; a first "]" is literal);
    None last when a class is not closed."""
    depth, i = 0, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = source.find("]", i + (3 if source[i + 1:i + 2] == "^" else 2))
            if i < 0:
                yield None
                return
            i += 1
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _top_level_bar(source: str) -> bool:
    """Whether a regular expression has an alternation outside any group."""
    for item in _structure(source):
        if item is None:
            return True                 # not understood: no shortcut
        if item[1] == "|" and item[2] == 0:
            return True
    return False


_CLASS_WITH_BAR = re.compile(r"\[[^\]]*\|")


def _leading_words(source: str) -> tuple[str, ...]:
    """Literal words one of which every match of a hand-written pattern begins with, or () when
    the pattern does not say simply: a literal run ("ระบบ\\s?...", "track (?:your|my)...") or a
    group of alternatives each beginning with one ("(?:ชำระ|จ่าย)...", "(?:zoning|land[- ]use)").
    A look-behind first (``(?<!แบบ)สอบถาม``, ``(?<![a-z])sso``) consumes nothing: the words
    after it are the ones. Anything else (an anchor, a class, an escape, an inline flag, an
    alternation outside a group, a group inside the first) gives none."""
    if _top_level_bar(source):
        return ()
    while source.startswith(("(?<!", "(?<=")):
        end = _group_end(source)
        if end < 0:
            return ()
        source = source[end:]
    if source.startswith("(?:"):
        end = source.find(")")
        group = source[3:end]
        if end < 0 or source[end + 1:end + 2] in _OPTIONAL or "(" in group or "\\" in group \
                or _CLASS_WITH_BAR.search(group):
            return ()
        words = tuple(_literal_start(w) for w in group.split("|"))
        return () if not all(words) else words
    return (_literal_start(source),) if _literal_start(source) else ()


def _group_end(source: str) -> int:
    """Where the group that opens a regular expression ends (just past its ")"), or -1."""
    for item in _structure(source):
        if item is None:
            return -1
        if item[1] == ")" and item[2] == 0:
            return item[0] + 1
    return -1


def _literal_start(source: str) -> str:
    """The literal text every match of a pattern (with no alternation) begins with."""
    run = 0
    while run < len(source) and source[run] not in _META:
        run += 1
    if run < len(source) and source[run] in _OPTIONAL:
        run -= 1                        # "ab?": the last letter may be missing
    return source[:max(run, 0)]


class Hits:
    """What one scan of a text found for every feature of a vocabulary."""

    __slots__ = ("file", "page", "page_starts", "positive", "starts", "vetoed")

    def __init__(self, positive: dict, vetoed: set, file: dict, page: dict, starts: dict, page_starts: dict):
        self.positive, self.vetoed, self.file, self.page = positive, vetoed, file, page
        self.starts = starts        # where each positive term found begins
        self.page_starts = page_starts      # where each page term found begins

    def find(self, feature: str) -> str | None:
        return None if feature in self.vetoed else self.positive.get(feature)

    def find_file(self, feature: str) -> str | None:
        return None if feature in self.vetoed else self.file.get(feature)

    def features(self) -> set[str]:
        """The features whose terms the text names (and no negative term vetoes)."""
        return set(self.positive).difference(self.vetoed)


_POSITIVE, _NEGATIVE, _FILE, _PAGE = range(4)


class Scanner:
    """Every feature's terms of a vocabulary in one Aho-Corasick automaton (pyahocorasick), so a
    text is read once for all features together instead of once per feature: the cost of
    matching does not grow with the size of the catalogue.

    The answers are those of the features' regular expressions (Terms.positive and the
    others): the leftmost match, and at one position the alternative re tries first (the
    longest source first, see _alternatives); a term of a spaced script only as a whole word.
    A feature's few hand-written ``patterns`` are searched as regular expressions beside it."""

    def __init__(self, fields: dict[str, dict[str, list]], hosts: dict[str, tuple[str, ...]]):
        automaton = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        # (feature, kind, priority, pattern, words one of which every match begins with, or ())
        self.patterns: list[tuple[str, int, int, re.Pattern, tuple[str, ...]]] = []
        self.empty: list[tuple[str, int, int]] = []     # a term normalised to nothing matches everywhere
        for feature, kinds in fields.items():
            for kind, parts in enumerate(kinds):
                for priority, (source, term) in enumerate(parts):
                    if term is None:
                        self.patterns.append((feature, kind, priority, re.compile(source), _leading_words(source)))
                    elif not term:
                        self.empty.append((feature, kind, priority))
                    else:
                        entries.setdefault(term, []).append((feature, kind, priority))
        # a pattern's leading words are looked for by the automaton too (anywhere, not only as
        # whole words), where a substring look per word cost more than the scan; a one-letter
        # word ("e") would hit too often, and is looked for with "in"
        leads: dict[str, list[int]] = {}
        for index, (_, _, _, _, leading) in enumerate(self.patterns):
            if leading and all(len(word) > 1 for word in leading):
                for word in leading:
                    leads.setdefault(word, []).append(index)
        self.led = frozenset(index for indices in leads.values() for index in indices)
        for term in [*entries, *(word for word in leads if word not in entries)]:
            before = _WORD_CHAR.fullmatch(term[0]) is not None
            after = _WORD_CHAR.fullmatch(term[-1]) is not None
            automaton.add_word(term, (term, len(term), before, after, tuple(entries.get(term, ())),
                                      tuple(leads.get(term, ()))))
        self.automaton = automaton if entries or leads else None
        if self.automaton is not None:
            automaton.make_automaton()
        self._host_index(hosts)

    def hits(self, text: str) -> Hits:
        """Every feature's answer for a normalised text (remembered: link texts repeat on every
        page of a site, and a page's own text is asked once per feature)."""
        return _scan_cached(self, text) if len(text) <= _CACHED_TEXT else _scan_long_cached(self, text)

    def _scan(self, text: str) -> Hits:
        best: list[dict] = [{}, {}, {}, {}]       # per kind: feature -> (start, priority, term)
        vetoed: set[str] = set()
        led: set[int] = set()          # the patterns one of whose leading words the text holds
        if self.automaton is not None:
            word = _WORD_CHAR.match
            n = len(text)
            taken = set()       # terms already counted: a later occurrence starts later, and changes nothing
            for end, (term, length, before, after, found, leads) in self.automaton.iter(text):
                if term in taken:
                    continue
                if leads:
                    led.update(leads)
                    if not found:
                        taken.add(term)
                        continue
                start = end - length + 1
                if before and start > 0 and word(text, start - 1):
                    continue
                if after and end + 1 < n and word(text, end + 1):
                    continue
                for feature, kind, priority in found:
                    if kind == _NEGATIVE:
                        vetoed.add(feature)
                        continue
                    chosen = best[kind]
                    known = chosen.get(feature)
                    if known is None or (start, priority) < known[:2]:
                        chosen[feature] = (start, priority, term)
                taken.add(term)
        for feature, kind, priority in self.empty:
            if kind == _NEGATIVE:
                vetoed.add(feature)
            elif feature not in best[kind] or (0, priority) < best[kind][feature][:2]:
                best[kind][feature] = (0, priority, "")
        for index, (feature, kind, priority, pattern, leading) in enumerate(self.patterns):
            if leading and not (index in led if index in self.led else any(word in text for word in leading)):
                continue            # no match can begin here: no regex scan
            match = pattern.search(text)
            if match is None:
                continue
            if kind == _NEGATIVE:               # a pattern counts as the kind of term it is listed as
                vetoed.add(feature)
                continue
            known = best[kind].get(feature)
            if known is None or (match.start(), priority) < known[:2]:
                best[kind][feature] = (match.start(), priority, match.group(0))
        return Hits({f: found[2] for f, found in best[_POSITIVE].items()}, vetoed,
                    {f: found[2] for f, found in best[_FILE].items()},
                    {f: found[2] for f, found in best[_PAGE].items()},
                    {f: found[0] for f, found in best[_POSITIVE].items()},
                    {f: found[0] for f, found in best[_PAGE].items()})

    def _host_index(self, hosts: dict[str, tuple[str, ...]]) -> None:
        self.by_host: dict[str, list] = {}       # 'host' entries: the host or a parent domain
        self.by_label: dict[str, list] = {}      # 'label.' entries: the host starts so
        self.by_path: dict[str, list] = {}       # 'host/path' entries, by their host part
        for feature, listed in hosts.items():
            for position, h in enumerate(listed):
                if "/" in h:
                    self.by_path.setdefault(h.split("/", 1)[0], []).append((feature, position, h))
                elif h.endswith("."):
                    self.by_label.setdefault(h, []).append((feature, position, h))
                else:
                    self.by_host.setdefault(h, []).append((feature, position, h))

    def hosts_of(self, url: str) -> dict[str, str]:
        """{feature: the hosts entry its target matches} (Terms.host_match for every feature)."""
        return _hosts_cached(self, url)

    def _hosts_of(self, url: str) -> dict[str, str]:
        rest = url.lower().split("://", 1)[-1]
        authority = rest.split("/", 1)[0]
        host = authority.split(":", 1)[0]
        candidates = []
        for entry in self.by_path.get(authority, ()):
            if rest.startswith(entry[2]):
                candidates.append(entry)
        if authority.startswith("www."):
            for entry in self.by_path.get(authority[4:], ()):
                if rest.startswith("www." + entry[2]):
                    candidates.append(entry)
        dot = host.find(".")
        while dot >= 0:
            candidates.extend(self.by_label.get(host[:dot + 1], ()))
            dot = host.find(".", dot + 1)
        candidates.extend(self.by_host.get(host, ()))
        dot = host.find(".")
        while dot >= 0:
            candidates.extend(self.by_host.get(host[dot + 1:], ()))
            dot = host.find(".", dot + 1)
        found: dict[str, tuple[int, str]] = {}
        for feature, position, h in candidates:
            if feature not in found or position < found[feature][0]:
                found[feature] = (position, h)
        return {feature: h for feature, (_, h) in found.items()}


@lru_cache(maxsize=1 << 15)
def _scan_cached(scanner: Scanner, text: str) -> Hits:
    return scanner._scan(text)


@lru_cache(maxsize=8)      # a page's own text, asked by every feature of every detector
def _scan_long_cached(scanner: Scanner, text: str) -> Hits:
    return scanner._scan(text)


@lru_cache(maxsize=1 << 15)
def _hosts_cached(scanner: Scanner, url: str) -> dict[str, str]:
    return scanner._hosts_of(url)


class Vocabulary(dict):
    """{feature: Terms} of a choice of language packs, with the scanner that answers them all."""

    scanner: Scanner


def _read_toml(path) -> dict:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the vocabulary: {exc}") from None


@lru_cache(maxsize=4)
def read_packs(directory: str | None = None) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Every language pack: {language: {feature: {field: [words]}}}, checked so that a
    mistake in a pack names its file and feature rather than failing later on a page."""
    root = Path(directory) if directory else PACKS_DIR
    packs: dict[str, dict] = {}
    files = sorted((p for p in root.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    for path in files:
        data = _read_toml(path)
        language = data.get("pack", {}).get("language")
        if language != path.name[:-len(".toml")]:
            raise ValueError(f"{path}: [pack] language = {language!r} must be the file's name")
        features = {}
        shared = data.get("shared", {})
        for name in shared:
            if "." in name:
                raise ValueError(f"{path}: shared word list {name!r}: a shared list's name has no dot "
                                 f"(a dotted name is a feature's: [features.\"{name}\"])")
        for feature, entry in {**data.get("features", {}), **shared}.items():
            unknown = set(entry) - set(PACK_FIELDS)
            if unknown:
                raise ValueError(f"{path}: feature {feature!r}: unknown field(s) {sorted(unknown)} "
                                 f"(a pack has {', '.join(PACK_FIELDS)})")
            for name in PACK_FIELDS:
                words = entry.get(name, [])
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise ValueError(f"{path}: feature {feature!r}: {name} must be a list of strings")
                for pattern in words if name == "patterns" else ():
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ValueError(f"{path}: feature {feature!r}: pattern {pattern!r}: {exc}") from None
            features[feature] = {name: list(entry.get(name, [])) for name in PACK_FIELDS}
        packs[language] = features
    return packs


@lru_cache(maxsize=4)
def read_hosts(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """{feature: hosts}: the national and international hosts that are evidence (and those of the
    shared word lists, ``[shared."<name>"]``, under the list's name)."""
    data = _read_toml(Path(path) if path else HOSTS_FILE)
    hosts: dict[str, list[str]] = {}
    for feature, entry in {**data.get("features", {}), **data.get("shared", {})}.items():
        hosts.setdefault(feature, []).extend(entry.get("hosts", []))
    for country, entry in data.get("countries", {}).items():
        for feature, listed in entry.get("hosts", {}).items():
            hosts.setdefault(feature, []).extend(listed)
    return {f: tuple(dict.fromkeys(h.lower() for h in listed)) for f, listed in hosts.items()}


@lru_cache(maxsize=4)
def read_countries(path: str | None = None) -> dict[str, dict]:
    """{country: {'name', 'domains', 'languages'}} from hosts.toml's [countries] tables."""
    where = Path(path) if path else HOSTS_FILE
    countries = {}
    for country, entry in _read_toml(where).get("countries", {}).items():
        unknown = set(entry) - {"name", "domains", "languages", "hosts"}
        if unknown:
            raise ValueError(f"{where}: country {country!r}: unknown field(s) {sorted(unknown)}")
        countries[country] = {"name": entry.get("name", country),
                              "domains": tuple(d.lower().strip(".") for d in entry.get("domains", [])),
                              "languages": tuple(entry.get("languages", []))}
    return countries


def load_vocabulary(languages: frozenset[str] | None = None) -> Vocabulary:
    """The terms of every feature from the packs of these languages (all packs when None) and
    the catalogue's own words."""
    return _load_vocabulary(languages, catalogue_files(), selected_features())


@lru_cache(maxsize=64)
def _load_vocabulary(languages: frozenset[str] | None, files: tuple[str, ...],
                     keep: frozenset[str] | None = None) -> Vocabulary:
    packs = _with_catalogue_words(files)
    hosts = dict(read_hosts())
    catalogue = restricted(catalogue_of(files), keep)
    for entry in catalogue.values():
        if entry.hosts:
            hosts[entry.id] = tuple(dict.fromkeys(hosts.get(entry.id, ()) + entry.hosts))
    # a language switch names each language in its own words, whatever the page's language
    every_pack = {entry.id for entry in catalogue.values() if entry.every_pack}
    chosen = [packs[lang] for lang in sorted(packs) if languages is None or lang in languages]
    every = [packs[lang] for lang in sorted(packs)]
    features = list(dict.fromkeys([f for pack in packs.values() for f in pack] + list(hosts) + list(catalogue)))
    if keep is not None:            # a run restricted to some features reads only their words
        features = [f for f in features if f in keep or "." not in f]      # (and the shared lists')
    fields = {}
    for feature in features:
        source = every if feature in every_pack else chosen
        merged = {name: [w for pack in source for w in pack.get(feature, {}).get(name, [])] for name in PACK_FIELDS}
        # in the order of the scanner's kinds: positive, negative, file, page
        fields[feature] = (_alternatives(merged["terms"], merged["patterns"]), _alternatives(merged["negative"]),
                           _alternatives(merged["file_terms"]), _alternatives(merged["page_terms"]))
    scanner = Scanner(fields, {f: hosts.get(f, ()) for f in features})
    vocabulary = Vocabulary()
    vocabulary.scanner = scanner
    for feature, (positive, negative, file, page) in fields.items():
        vocabulary[feature] = Terms(
            positive=_joined(positive),
            negative=_joined(negative),
            page=_joined(page),
            hosts=hosts.get(feature, ()),
            file=_joined(file),
            feature=feature,
            scanner=scanner,
        )
    return vocabulary


def _joined(parts: list[tuple[str, str | None]]) -> LazyPattern | None:
    return LazyPattern("|".join(source for source, _ in parts)) if parts else None


class LazyPattern:
    """A feature's regular expression, compiled when first searched: the scanner answers for it,
    and compiling every feature's alternation of hundreds of terms for every choice of packs was
    most of the cost of loading a vocabulary."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def search(self, text: str, *args) -> re.Match | None:
        return self.compiled().search(text, *args)

    def __getattr__(self, name: str):          # finditer, findall ...: the compiled pattern's
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


@lru_cache(maxsize=4)
def _with_catalogue_words(files: tuple[str, ...]) -> dict:
    """The packs with each catalogue entry's own words added to its language's pack."""
    packs = read_packs()
    merged = {lang: dict(features) for lang, features in packs.items()}
    for entry in catalogue_of(files).values():
        for lang, fields in entry.vocabulary.items():
            if lang not in merged:
                raise CatalogueError(f"{entry.source}: feature {entry.id!r}: vocabulary.{lang}: no language pack "
                                 f"{lang!r} (ground/packs/{lang}.toml); the packs are {', '.join(sorted(packs))}")
            own = merged[lang].get(entry.id, {})
            merged[lang][entry.id] = {name: list(own.get(name, [])) + list(fields.get(name, ()))
                                      for name in PACK_FIELDS}
    return merged
