"""How the report writes dates, numbers, web addresses and evidence for its reader.

Dates are told in Thailand's time zone; in Thai with the Buddhist-Era year (7 ธ.ค. 2569), as
Thai documents date things. Numbers are grouped the reader's way (Babel's locale data). A Thai
domain name is shown in Thai (IDNA-decoded), never as the punycode a crawler stores. What the
detectors call an element (``<a> .pdf``, ``<form method=post> application``) is told in plain
words ("link to a PDF file", "application form") in the report's language.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import idna
from babel.dates import get_month_names
from babel.numbers import format_decimal

THAILAND = ZoneInfo("Asia/Bangkok")
BUDDHIST_ERA = 543
DASH = "–"


def moment(value) -> datetime | None:
    """A stored ISO timestamp (UTC when it names no zone) in Thailand's time zone, or None."""
    if not value:
        return None
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(THAILAND)


@lru_cache(maxsize=4096)        # a report writes the same nights' dates on every card
def date_text(value, lang: str, with_time: bool = False) -> str:
    """7 Dec 2026 in English, 7 ธ.ค. 2569 in Thai (Buddhist Era), in Thailand's time zone."""
    when = moment(value)
    if when is None:
        return DASH if not value else str(value)
    month = get_month_names("abbreviated", locale=lang)[when.month]
    year = when.year + BUDDHIST_ERA if lang == "th" else when.year
    text = f"{when.day} {month} {year}"
    if with_time:
        text += f" {when:%H:%M}" + (" น." if lang == "th" else "")
    return text


def number_text(value, lang: str, digits: int = 1) -> str:
    """A number grouped for the reader (12,345.6), with at most `digits` decimals; – when missing."""
    if value is None or value != value:            # None, or NaN from a table
        return DASH
    return _grouped(round(float(value), digits), lang, digits)


@lru_cache(maxsize=16384)       # Babel's formatting is slow; reports write the same scores again and again
def _grouped(value: float, lang: str, digits: int) -> str:
    return format_decimal(value, format="#,##0" + ("." + "#" * digits if digits else ""), locale=lang)


def signed_text(value, lang: str, digits: int = 1) -> str:
    """A change with its sign (+7.5, -19; 0 when it rounds to nothing); – when missing."""
    if value is None:
        return DASH
    rounded = round(float(value), digits)
    if rounded == 0:
        return number_text(0, lang, digits)
    return ("+" if rounded > 0 else "-") + number_text(abs(rounded), lang, digits)


def host_text(host: str) -> str:
    """A host name as its owner writes it: xn-- labels decoded (IDNA 2008, else as stored)."""
    if not host or "xn--" not in host.lower():
        return host
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError, ValueError):
        labels = []
        for label in host.split("."):
            try:
                labels.append(idna.decode(label) if label.lower().startswith("xn--") else label)
            except (idna.IDNAError, UnicodeError, ValueError):
                labels.append(label)
        return ".".join(labels)


def url_text(url) -> str:
    """A URL for display: its host decoded; anything that does not parse is shown as given."""
    if not isinstance(url, str) or "xn--" not in url.lower():
        return url or ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return url
    if not host:
        return url
    netloc = parts.netloc.lower().replace(host, host_text(host), 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# a domain name with at least one IDNA label (xn--...), as it appears in free text such as a
# crawl's error detail ("DNS lookup failed: xn--...go.th does not resolve")
_IDN_NAME = re.compile(r"(?<![\w.-])(?:[a-z0-9-]+\.)*xn--[a-z0-9-]+(?:\.[a-z0-9-]+)*(?![\w-])", re.IGNORECASE)


def hosts_decoded(text) -> str:
    """Free text with every IDNA domain name in it decoded (a name that does not decode stays)."""
    if not isinstance(text, str) or "xn--" not in text.lower():
        return text or ""
    return _IDN_NAME.sub(lambda found: host_text(found.group(0)), text)


def url_host(url) -> str:
    """The decoded host of a URL ("" when there is none)."""
    try:
        return host_text(urlsplit(url or "").hostname or "")
    except ValueError:
        return ""


_TAG = re.compile(r"^<([a-z][a-z0-9:-]*)[^>]*>\s*(.*)$", re.IGNORECASE)
_FILE = re.compile(r"^\.([a-z0-9]{2,5})\b", re.IGNORECASE)


def element_kind(element: str | None) -> tuple[str, dict]:
    """What kind of evidence an element string is, as a key of the report's words (`ev_*`) and
    its arguments: ("ev_file_link", {"ext": "PDF"}), ("ev_application_form", {}), ..."""
    element = (element or "").strip()
    if element.startswith("page "):
        if "heading" in element:
            return "ev_heading", {}
        if "language" in element:
            return "ev_page_language", {}
        return "ev_page_text", {}
    match = _TAG.match(element)
    if not match:
        return "ev_other", {}
    tag, rest = match.group(1).lower(), match.group(2).lower()
    if tag in ("a", "area", "option") or "onclick" in element:
        file = _FILE.match(rest)
        if file:
            return "ev_file_link", {"ext": file.group(1).upper()}
        if "profile" in rest:
            return "ev_social_link", {}
        if "language switcher" in rest:
            return "ev_language_switch", {}
        if "control" in rest:
            return "ev_control", {}
        if "mailto" in element:
            return "ev_mail_link", {}
        if tag == "option":
            return "ev_menu_option", {}
        return "ev_link", {}
    if tag == "form":
        for words, key in (("application", "ev_application_form"), ("poll", "ev_poll_form"),
                           ("message", "ev_message_form"), ("status", "ev_status_form")):
            if words in rest:
                return key, {}
        return "ev_form", {}
    if tag in ("video", "audio"):
        return "ev_player", {}
    if tag in ("iframe", "embed", "object"):
        return "ev_embedded", {}
    if tag in ("input", "gcse:search") and ("search" in rest or tag == "gcse:search"):
        return "ev_search_box", {}
    if tag == "script" and "sign-in" in rest:
        return "ev_sign_in", {}
    if "chat" in rest:
        return "ev_chat", {}
    if tag in ("button", "input", "select"):
        return "ev_control", {}
    return "ev_other", {}


def evidence_words(element: str | None, region: str | None, on_home: bool, ui: dict) -> str:
    """The evidence's element and place in plain words: "link in the menu of the home page"."""
    key, args = element_kind(element)
    text = ui[key].format(**args)
    place = ui.get(f"ev_region_{region}") if region else None
    page = ui["ev_home_page"] if on_home else ui["ev_other_page"]
    if place:
        return ui["ev_where_region"].format(what=text, region=place, page=page)
    return ui["ev_where"].format(what=text, page=page)
