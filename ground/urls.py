"""What every floor reads of URLs and links: a URL's file extension, the document extensions,
a host's registered domain, whether a host is a government's, a link text cleaned for storing and showing, the page a URL names."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract
from w3lib.url import canonicalize_url

DOCUMENT_EXTENSIONS = frozenset(
    "pdf doc docx docm xls xlsx xlsm ppt pptx pps ppsx odt ods odp rtf txt csv tsv xml json "
    "kml kmz shp geojson rdf ttl zip rar 7z gz tar mp4 m4v mp3 m4a wav wma wmv avi mov flv mkv "
    "webm ogg ogv epub".split())
SKIP_EXTENSIONS = frozenset(
    "jpg jpeg png gif bmp svg webp ico tif tiff css js woff woff2 ttf eot exe msi dmg apk iso "
    "swf".split())
# the documents row of a home page's style sheet that the crawl fetched for the technology checks
STYLESHEET_EXTENSION = "css"
LINK_TEXT_CHARS = 300

_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    parts = _extract(host)
    return parts.top_domain_under_public_suffix or host


def clean_text(value: str, limit: int = LINK_TEXT_CHARS) -> str:
    # str.split() splits on exactly the characters \s matches in a str pattern (str.isspace),
    # so this is re.sub(r"\s+", " ", value).strip() without the regular expression
    return " ".join(value.split())[:limit] if value else ""


@lru_cache(maxsize=65536)
def extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


# a folder's index file is the folder: /about/index.html is the page /about/ serves
_INDEX_FILE = re.compile(r"/(?:index|default)\.(?:html?|shtml|php|aspx?|jsp)$", re.IGNORECASE)


def same_page(url: str) -> str:
    """A key equal for URLs naming one page: scheme and host in lower case, default port, query
    order and fragment dropped (w3lib's canonical form), a folder's index file as the folder
    (`/` and `/index.html`, `/news/` and `/news/default.aspx`)."""
    if not url:
        return url
    canonical = canonicalize_url(url)
    parts = urlsplit(canonical)
    path = _INDEX_FILE.sub("/", parts.path) or "/"
    netloc = parts.netloc
    if (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        netloc = netloc.rsplit(":", 1)[0]
    return parts._replace(netloc=netloc, path=path).geturl()


# government hosts: the civil and military second-level labels of a country (.go.th and Thailand's
# armed forces under .mi.th, .gov.uk, .gob.mx, .gouv.fr, .govt.nz, .gv.at, .gc.ca, .mil.id), the
# bare .gov and .mil, and the governments that use a domain of their own. .or.th and .ac.th also
# hold private bodies and say nothing
_GOVERNMENT_LABEL = re.compile(r"(?:^|\.)(?:go|gov|govt|gob|gouv|gub|gv|gc|mil)(?:\.[a-z]{2})?$")
# nic.in: the National Informatics Centre hosts Indian government sites only (sakala.kar.nic.in);
# the UK's public-sector registries take only their bodies: the NHS (nhs.uk), the police forces
# (police.uk) and Parliament (parliament.uk)
_GOVERNMENT_SUFFIXES = (".mi.th", ".europa.eu", ".admin.ch", ".bund.de", ".nic.in", ".nhs.uk", ".police.uk", ".parliament.uk")
# the United States' locality domains (RFC 1480): a state's agencies under state.<st>.us, its
# cities, counties and towns under ci./co./town./vil.<place>.<st>.us; the same tree also holds
# school districts (k12), libraries (lib) and private names, which say nothing
_US_LOCALITY = re.compile(r"(?:^|\.)(?:state\.[a-z]{2}|(?:ci|co|town|vil|twp)\.[a-z0-9-]+\.[a-z]{2})\.us$")


def is_government_host(host: str) -> bool:
    """Whether a host is under a government domain (www.moph.go.th, www.rtarf.mi.th, www.gov.uk)."""
    host = host.lower().rstrip(".")
    return bool(_GOVERNMENT_LABEL.search(host)) or f".{host}".endswith(_GOVERNMENT_SUFFIXES) or \
        bool(_US_LOCALITY.search(host))
