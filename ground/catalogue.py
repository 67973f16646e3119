"""The feature catalogue as data: one entry per feature, read from ``catalogue.toml``.

An entry (``[features."<id>"]``, in the catalogue's order) holds:

  family      the stage family: emerging, enhanced, transactional, connected (the four stages
              of the UN model) or further (indicators outside the stage score)
  check       auto (the default: a detector decides it), partly (a detector decides what the
              pages show) or human (always unknown until a reviewer decides it; a detector, if it
              names one, only lists candidate pages for the reviewer)
  detector    "named_link" (the generic detector: links, headings and statements that name the
              feature) or the name of a detector that reads structure (assessors/detectors/)
  named_link  the generic detector's knobs, e.g. { max_text = 60, use_headings = true }
  title_en, title_th, advice_en, advice_th
              the report's title and the advice given when the feature is missing
  review_en, review_th
              for a feature only a reviewer decides: what the reviewer does, and when it is present
              (the review page's checklist of a site's open checks)
  every_pack  true: the feature's words are read with every language pack on every page
  vocabulary  words of the feature's own, merged with the language packs (ground/packs/):
              [features."<id>".vocabulary.<language>] with the fields of a pack (terms,
              negative, patterns, page_terms, file_terms), and vocabulary.hosts (as hosts.toml)

A run may add to the bundled catalogue or replace entries of it: the files named by the
``EGOVSCAN_CATALOGUE`` environment variable (separated by the path separator, ``:`` on Linux)
are read after it; an entry with a new id is added at the end, one with a known id replaces
that entry. Worker processes and the report read the same variable. A file that cannot be
used raises CatalogueError naming the file, the entry and the problem.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

# read as package data, so the crawler also works from a zipped egg (a Scrapyd deployment)
CATALOGUE_FILE = resources.files(__package__).joinpath("catalogue.toml")
ENV_VAR = "EGOVSCAN_CATALOGUE"
FEATURES_VAR = "EGOVSCAN_FEATURES"
NAMED_LINK = "named_link"
FAMILIES = ("emerging", "enhanced", "transactional", "connected", "further")
CHECKS = ("auto", "partly", "human")
LANGUAGES = ("en", "th")              # the report's languages: every entry has words in both
VOCABULARY_FIELDS = ("terms", "negative", "patterns", "page_terms", "file_terms")
_KEYS = {"family", "check", "detector", "named_link", "title_en", "title_th", "advice_en", "advice_th",
         "review_en", "review_th", "every_pack", "vocabulary"}
_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Feature:
    id: str
    family: str
    check: str
    detector: str | None                  # None for a feature only a reviewer decides
    title: dict[str, str]                 # {"en": ..., "th": ...}
    advice: dict[str, str]
    knobs: dict = field(default_factory=dict)      # the generic named-link detector's settings
    every_pack: bool = False
    vocabulary: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)   # {language: {field: words}}
    hosts: tuple[str, ...] = ()
    source: str = ""                      # the file the entry comes from
    review: dict[str, str] = field(default_factory=dict)   # {"en": ..., "th": ...}: what a reviewer does


def catalogue_files(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The bundled catalogue, then the files of EGOVSCAN_CATALOGUE, then ``extra``."""
    listed = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return (str(CATALOGUE_FILE), *listed, *extra)


def selected_features() -> frozenset[str] | None:
    """The features EGOVSCAN_FEATURES keeps (ids separated by commas), or None for all: a run
    restricted to some features, such as the benchmark of the catalogue's size."""
    listed = [f.strip() for f in os.environ.get(FEATURES_VAR, "").split(",") if f.strip()]
    return frozenset(listed) if listed else None


def load_catalogue(extra: tuple[str, ...] = ()) -> dict[str, Feature]:
    """{id: Feature} in catalogue order, from the bundled file and the run's own files (only
    the features EGOVSCAN_FEATURES names, when it is set)."""
    entries = catalogue_of(catalogue_files(tuple(str(p) for p in extra)))
    return restricted(entries, selected_features())


def restricted(entries: dict[str, Feature], keep: frozenset[str] | None) -> dict[str, Feature]:
    """The entries whose ids are kept (all for None); an id the catalogue lacks is an error."""
    if keep is None:
        return entries
    unknown = sorted(keep - set(entries))
    if unknown:
        raise CatalogueError(f"{FEATURES_VAR}: no catalogue entry {', '.join(map(repr, unknown))}")
    return {fid: entry for fid, entry in entries.items() if fid in keep}


@lru_cache(maxsize=8)
def catalogue_of(files: tuple[str, ...]) -> dict[str, Feature]:
    """The catalogue these files make, read in order (see load_catalogue)."""
    entries: dict[str, Feature] = {}
    for path in files:
        for feature in read_catalogue_file(path):
            entries[feature.id] = feature         # a known id is replaced in place, a new one added
    return entries


def read_catalogue_file(path: str | Path) -> list[Feature]:
    """The entries of one catalogue file, checked."""
    # the bundled file through importlib.resources: inside a Scrapyd egg it is no file on disk
    where = CATALOGUE_FILE if str(path) == str(CATALOGUE_FILE) else Path(str(path))
    try:
        data = tomllib.loads(where.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot read the catalogue: {exc}") from None
    unknown = set(data) - {"features"}
    if unknown:
        raise CatalogueError(f"{path}: unknown table(s) {sorted(unknown)} (a catalogue has [features.\"<id>\"] entries)")
    features = data.get("features", {})
    if not isinstance(features, dict) or not features:
        raise CatalogueError(f"{path}: no [features.\"<id>\"] entry")
    return [_entry(path, feature_id, entry) for feature_id, entry in features.items()]


def _entry(path, feature_id: str, entry) -> Feature:
    def problem(message: str) -> CatalogueError:
        return CatalogueError(f"{path}: feature {feature_id!r}: {message}")

    if not _ID.match(feature_id):
        raise problem("an id is lower-case words joined by dots, like \"info.contact\"")
    if not isinstance(entry, dict):
        raise problem("must be a table")
    unknown = set(entry) - _KEYS
    if unknown:
        raise problem(f"unknown key(s) {sorted(unknown)} (an entry has {', '.join(sorted(_KEYS))})")
    family = entry.get("family")
    if family not in FAMILIES:
        raise problem(f"family = {family!r} must be one of {', '.join(FAMILIES)}")
    check = entry.get("check", "auto")
    if check not in CHECKS:
        raise problem(f"check = {check!r} must be one of {', '.join(CHECKS)}")
    detector = entry.get("detector")
    if check == "human" and detector is None:
        pass                          # nothing to list for the reviewer
    elif not isinstance(detector, str) or not detector:
        raise problem(f"no detector decides it: give detector = \"{NAMED_LINK}\" (links that name it) "
                      "or the name of a detector that reads structure")
    knobs = entry.get("named_link", {})
    if not isinstance(knobs, dict):
        raise problem("named_link must be a table of the generic detector's settings")
    if knobs and detector != NAMED_LINK:
        raise problem(f"named_link settings are for detector = \"{NAMED_LINK}\", not {detector!r}")
    words = {}
    for kind in ("title", "advice"):
        for lang in LANGUAGES:
            value = entry.get(f"{kind}_{lang}")
            if not isinstance(value, str) or not value.strip():
                raise problem(f"{kind}_{lang} (the report's {kind} in {'Thai' if lang == 'th' else 'English'}) is missing")
            words.setdefault(kind, {})[lang] = value
    review = {}
    for lang in LANGUAGES:
        value = entry.get(f"review_{lang}")
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise problem(f"review_{lang} (what a reviewer does) must be a text")
        if value is not None:
            review[lang] = value
    every_pack = entry.get("every_pack", False)
    if not isinstance(every_pack, bool):
        raise problem("every_pack must be true or false")
    vocabulary, hosts = _vocabulary(entry.get("vocabulary", {}), problem)
    return Feature(id=feature_id, family=family, check=check, detector=detector, title=words["title"],
                   advice=words["advice"], knobs=dict(knobs), every_pack=every_pack, vocabulary=vocabulary,
                   hosts=hosts, source=str(path), review=review)


def _vocabulary(data, problem) -> tuple[dict, tuple[str, ...]]:
    if not isinstance(data, dict):
        raise problem("vocabulary must be a table of languages ([features.\"<id>\".vocabulary.th])")
    hosts = data.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise problem("vocabulary.hosts must be a list of host names")
    languages = {}
    for lang, fields in data.items():
        if lang == "hosts":
            continue
        if not isinstance(fields, dict):
            raise problem(f"vocabulary.{lang} must be a table with {', '.join(VOCABULARY_FIELDS)}")
        unknown = set(fields) - set(VOCABULARY_FIELDS)
        if unknown:
            raise problem(f"vocabulary.{lang}: unknown field(s) {sorted(unknown)} "
                          f"(a vocabulary has {', '.join(VOCABULARY_FIELDS)})")
        for name, words in fields.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise problem(f"vocabulary.{lang}.{name} must be a list of strings")
            for pattern in words if name == "patterns" else ():
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise problem(f"vocabulary.{lang}: pattern {pattern!r}: {exc}") from None
        languages[lang] = {name: tuple(words) for name, words in fields.items()}
    return languages, tuple(h.lower() for h in hosts)
