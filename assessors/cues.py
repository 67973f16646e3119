"""Region markers and URL/host cues, read from ``cues.toml`` (data, not code).

The page view uses the region markers to place each link in a menu, the content or a list
of news; detectors use the cues of a link's target (``/eservice``, ``epayment.``) as
supporting evidence for a feature.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from ground.urls import DOCUMENT_EXTENSIONS, SKIP_EXTENSIONS, extension, registered_domain

CUES_FILE = resources.files(__package__).joinpath("cues.toml")

_WORD_SPLIT = re.compile(r"[\s_\-0-9]+")
# WordPress marks each menu item with what it leads to ("menu-item-type-post_type",
# "menu-item-object-page", "menu-item-object-category"): a page or a post it leads to does not make
# the menu a list of posts
_MENU_ITEM_TARGET = re.compile(r"menu-item-(?:type|object)-[\w-]*")
_EXTENSION = re.compile(r"\.[a-z0-9]{1,5}$")
_WORD_GOES_ON = re.compile(r"[^-_0-9]")     # "eservice2", "e-service_th" end the token; "eservicedesk" does not


@dataclass(frozen=True)
class RegionMarkers:
    nav_tags: frozenset[str]
    nav_roles: frozenset[str]
    nav_words: tuple[str, ...]
    listing_words: tuple[str, ...]
    ignore_words: frozenset[str]
    read_more: tuple[str, ...]
    more_items: tuple[str, ...] = ()
    updated_stamps: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()       # written without spaces: "ออกแบบเว็บไซต์โดย", "poweredby"
    credit_companies: tuple[str, ...] = ()  # written without spaces: "บริษัท", "co.,ltd"

    def kind_of_words(self, value: str) -> str | None:
        """'listing', 'nav' or None for an id/class value ("news-list", "topmenu", "col-md-3")."""
        return _kind_cached(self, value)

    def _kind(self, value: str) -> str | None:
        listing, nav = _affix_pattern(self.listing_words), _affix_pattern(self.nav_words)
        found = None
        for word in _WORD_SPLIT.split(_MENU_ITEM_TARGET.sub(" ", value.lower())):
            if len(word) < 3 or word in self.ignore_words:
                continue
            if listing.search(word):
                return "listing"
            if found is None and nav.search(word):
                found = "nav"
        return found


@lru_cache(maxsize=16)
def _affix_pattern(tokens: tuple[str, ...]) -> re.Pattern:
    """A word that begins or ends with one of the tokens."""
    alternatives = "|".join(sorted(map(re.escape, tokens), key=len, reverse=True))
    return re.compile(f"^(?:{alternatives})|(?:{alternatives})$")


@lru_cache(maxsize=1 << 14)         # the same class names repeat on every page of a site
def _kind_cached(markers: "RegionMarkers", value: str) -> str | None:
    return markers._kind(value)


@dataclass(frozen=True)
class Cues:
    paths: tuple[str, ...]
    host_labels: tuple[str, ...]

    def match(self, url: str) -> str | None:
        """The cue a URL's target carries ('/eservice', 'epayment.'), or None."""
        return _cue_cached(self, url)

    def _match(self, url: str) -> str | None:
        where = _cue_places(url)
        return self._match_places(*where) if where is not None else None

    def _match_places(self, label: str, segments: tuple[str, ...]) -> str | None:
        for token in self.host_labels:
            if label == token or (label.startswith(token) and not _WORD_GOES_ON.match(label, len(token))):
                return token + "."
        for segment in segments:
            for token in self.paths:
                if segment == token or (segment.startswith(token) and not _WORD_GOES_ON.match(segment, len(token))):
                    return "/" + token
        return None


def _cue_places(url: str) -> tuple[str, tuple[str, ...]] | None:
    """Where a URL's target may carry a cue: its host's first label (after www) and its path's
    segments without their extension; None for a URL that carries none (not http(s), a document)."""
    try:
        parts = urlsplit(url.lower())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or extension(url) in DOCUMENT_EXTENSIONS \
            or extension(url) in SKIP_EXTENSIONS:
        # a file is named by its own words, not by the folder or host it is kept on: a picture on
        # data.agency (an earthquake map) is no data catalogue
        return None
    host = parts.hostname or ""
    label = host.split(".", 1)[0] if host.count(".") >= 2 else ""
    if label.startswith("www"):
        label = host.split(".")[1] if host.count(".") >= 3 else ""
    # a first label that is the registered domain's own name names an agency, not a part of a
    # site: sso.go.th is the Social Security Office, sso.example.go.th a sign-on (portals named by
    # their whole domain, data.go.th, are in hosts.toml's national registries)
    rest = host.split(".", 1)[1] if host.startswith("www") and host.count(".") >= 3 else host
    if label and rest == registered_domain(host):
        label = ""
    return label, tuple(_EXTENSION.sub("", segment) for segment in parts.path.split("/"))


@lru_cache(maxsize=1 << 14)
def _cue_cached(cues: Cues, url: str) -> str | None:
    return cues._match(url)


def _words(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where}: '{key}' must be a list of strings")
    return tuple(v.strip().lower() for v in value if v.strip())


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> tuple[RegionMarkers, dict[str, Cues], tuple[str, ...]]:
    source = Path(path) if path else CUES_FILE
    try:
        data = tomllib.loads(source.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{source}: cannot read the region markers and URL cues: {exc}") from None
    regions = data.get("regions", {})
    markers = RegionMarkers(
        nav_tags=frozenset(_words(regions, "nav_tags", f"{source} [regions]")),
        nav_roles=frozenset(_words(regions, "nav_roles", f"{source} [regions]")),
        nav_words=_words(regions, "nav_words", f"{source} [regions]"),
        listing_words=_words(regions, "listing_words", f"{source} [regions]"),
        ignore_words=frozenset(_words(regions, "ignore_words", f"{source} [regions]")),
        read_more=_words(regions, "read_more", f"{source} [regions]"),
        more_items=_words(regions, "more_items", f"{source} [regions]"),
        updated_stamps=_words(regions, "updated_stamps", f"{source} [regions]"),
        credits=tuple(w.replace(" ", "") for w in _words(regions, "credits", f"{source} [regions]")),
        credit_companies=tuple(w.replace(" ", "") for w in _words(regions, "credit_companies", f"{source} [regions]")))
    cues = {feature: Cues(paths=_words(entry, "paths", f"{source} [cues.\"{feature}\"]"),
                          host_labels=_words(entry, "host_labels", f"{source} [cues.\"{feature}\"]"))
            for feature, entry in data.get("cues", {}).items()}
    requests = _words(data.get("complaints", {}), "service_requests", f"{source} [complaints]")
    return markers, cues, requests


def region_markers() -> RegionMarkers:
    return load_cues()[0]


def url_cue(feature: str, url: str) -> str | None:
    """The URL/host cue of a feature a link's target carries, or None."""
    return url_cues(url).get(feature)


@lru_cache(maxsize=1 << 14)
def url_cues(url: str) -> dict[str, str]:
    """Every feature's cue that a link's target carries: {feature: '/eservice'}: each feature's
    Cues.match, from one look at each beginning of the URL's host label and path segments."""
    found: dict[str, str] = {}
    where = _cue_places(url)        # the URL is read once for all features
    if where is None:
        return found
    features, labels, paths, longest = _cue_index()
    label, segments = where
    best: dict[int, tuple] = {}     # feature's place -> (0, token's place) for a host label, (1, segment, token's)
    for places, index, key in [(label, labels, ()), *((s, paths, (i,)) for i, s in enumerate(segments))]:
        for end in range(1, min(len(places), longest) + 1):
            tokens = index.get(places[:end])
            if tokens is None or end < len(places) and _WORD_GOES_ON.match(places, end):
                continue
            rank = (1, *key) if key else (0,)
            for feature, position, cue in tokens:
                known = best.get(feature)
                if known is None or (*rank, position) < known[:-1]:
                    best[feature] = (*rank, position, cue)
    for place in sorted(best):              # the catalogue's order, as the features were asked
        found[features[place]] = best[place][-1]
    return found


@lru_cache(maxsize=1)
def _cue_index() -> tuple[list[str], dict, dict, int]:
    """The features with URL cues, in the catalogue's order; {host label token: [(feature's
    place, token's place, cue)]}, the same for path tokens; and the longest token."""
    cues = load_cues()[1]
    labels: dict[str, list] = {}
    paths: dict[str, list] = {}
    for place, entry in enumerate(cues.values()):
        for position, token in enumerate(entry.host_labels):
            labels.setdefault(token, []).append((place, position, token + "."))
        for position, token in enumerate(entry.paths):
            paths.setdefault(token, []).append((place, position, "/" + token))
    longest = max((len(t) for t in [*labels, *paths]), default=0)
    return list(cues), labels, paths, longest


def service_request(norm_text: str) -> bool:
    """Whether a complaint-like text requests a service (a 311 request: "report a pothole",
    "แจ้งซ่อม"), which is an online application, not two-way interaction (FEATURES.md v1.1)."""
    return any(term in norm_text for term in load_cues()[2])
