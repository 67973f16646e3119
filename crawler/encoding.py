"""Decoding pages the way Thai government sites actually serve them.

Thai sites use UTF-8, TIS-620 and windows-874, often undeclared and sometimes declared
wrongly (TIS-620 bytes under ``charset=utf-8``, or the reverse). Two facts decide:
text in a single-byte encoding is practically never valid UTF-8 once it has non-ASCII
bytes, and Thai words are *runs* of non-ASCII bytes, while accented Latin text has
isolated ones. windows-874 (``cp874``) is a superset of TIS-620 and of ISO-8859-11, so it
decodes all three.
"""

from __future__ import annotations

import codecs
import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

THAI_SINGLE_BYTE = "cp874"
WESTERN_FALLBACK = "cp1252"
_THAI_ALIASES = {"cp874", "tis-620", "tis620", "iso8859-11", "iso-8859-11", "windows-874", "x-cp874"}


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _THAI_ALIASES or label.replace("_", "-") in _THAI_ALIASES:
        return THAI_SINGLE_BYTE
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _valid(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


# windows-874 punctuation (euro, ellipsis, curly quotes, dashes, nbsp): shared with cp1252, so neutral
_NEUTRAL = b"\x80\x85\x91\x92\x93\x94\x95\x96\x97\xa0"
_HIGH = re.compile(rb"[\x80-\xff]")
_THAI = re.compile(rb"[\xa1-\xfb]")
_RUNS = re.compile(rb"[\x80-\xff]{2,}")


def looks_thai_single_byte(body: bytes) -> bool:
    """True when the non-ASCII bytes form runs in the Thai range of TIS-620."""
    body = body.translate(None, _NEUTRAL)
    high = len(_HIGH.findall(body))
    if high < 4:
        return False
    thai = len(_THAI.findall(body))
    run_bytes = sum(len(run) for run in _RUNS.findall(body))
    return thai >= 0.9 * high and run_bytes >= 0.6 * high


def detect_encoding(body: bytes, content_type: str | None = None) -> str:
    """The codec to decode this HTML body with (a Python codec name)."""
    declared = _codec_name(http_content_type_encoding(content_type or "")) or _codec_name(
        html_body_declared_encoding(body[:4096]))
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if declared in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        return declared
    is_ascii = body.isascii()
    if is_ascii:
        return declared or "utf-8"
    if _valid(body, "utf-8"):
        return "utf-8"
    if looks_thai_single_byte(body):
        return THAI_SINGLE_BYTE
    if declared and declared != "utf-8" and _valid(body, declared):
        return declared
    return declared if declared and declared != "utf-8" else WESTERN_FALLBACK


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, encoding) of an HTML body; undecodable bytes become U+FFFD, never an error."""
    encoding = detect_encoding(body, content_type)
    return body.decode(encoding, errors="replace"), encoding
