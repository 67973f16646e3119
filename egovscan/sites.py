"""Reading the sites file: one agency website a row.

Required columns are ``site_id`` and ``url``; ``name`` is expected, and every other
column (ministry, province, tier, agency_type, ...) is kept as metadata. A bad row is
reported with its line number and the problem, and the good rows still run.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from w3lib.url import safe_url_string

REQUIRED_COLUMNS = ("site_id", "url")
KNOWN_COLUMNS = ("site_id", "url", "name")
MAX_FIELD_CHARS = 10_000


class SitesFileError(Exception):
    """The sites file as a whole cannot be used (missing, unreadable, no header)."""


@dataclass(frozen=True)
class Site:
    site_id: str
    url: str
    name: str = ""
    metadata: dict = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class RowError:
    line: int
    site_id: str
    problem: str

    def format(self, path: str) -> str:
        who = f" (site_id {self.site_id!r})" if self.site_id else ""
        return f"{path}:{self.line}{who}: {self.problem}"


@dataclass
class SitesFile:
    path: str
    sites: list[Site]
    errors: list[RowError]
    sha1: str


def normalise_url(raw: str) -> tuple[str | None, str | None]:
    """Return (url, problem). A bare host such as ``www.moph.go.th`` gets ``http://``."""
    url = raw.strip()
    if not url:
        return None, "no url"
    if "://" not in url:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in ("file", "ftp", "javascript", "data", "mailto"):
            return None, f"url scheme {scheme!r} cannot be crawled (only http and https)"
        url = "http://" + url
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https"):
        return None, f"url scheme {scheme.lower()!r} cannot be crawled (only http and https)"
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if not host or host.startswith(":") or " " in host:
        return None, f"url {raw.strip()!r} has no valid host"
    return safe_url_string(scheme.lower() + "://" + rest), None


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SitesFileError(
            f"{path}:{line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02X}); "
            "save it as 'CSV UTF-8' (Excel) and try again"
        ) from None


def read_sites(path: str | Path) -> SitesFile:
    """Parse and check a sites file. Raises SitesFileError only when nothing can run."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SitesFileError(f"{path}: cannot read the sites file: {exc.strerror}") from None
    text = _decode(data, path)
    if "\x00" in text:
        raise SitesFileError(f"{path}: the file contains NUL bytes; it is not a CSV text file")
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise SitesFileError(f"{path}: the file is empty; expected a header row with site_id,url,name") from None
    except csv.Error as exc:
        raise SitesFileError(f"{path}:1: cannot read the header row: {exc}") from None
    columns = [c.strip().lower() for c in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise SitesFileError(
            f"{path}:1: the header has no {' or '.join(missing)} column "
            f"(found: {', '.join(repr(c) for c in columns) or 'nothing'}); "
            "the first row must name the columns, e.g. site_id,url,name"
        )
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        raise SitesFileError(f"{path}:1: the header repeats column(s) {', '.join(dupes)}")

    sites: list[Site] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = reader.line_num
            errors.append(RowError(line, "", f"unreadable CSV line: {exc}"))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = dict(zip(columns, (cell.strip() for cell in row)))
        site_id = values.get("site_id", "")
        if len(row) > len(columns):
            errors.append(RowError(line, site_id, f"row has {len(row)} fields but the header has {len(columns)} (a stray comma or unquoted text?)"))
            continue
        if not site_id:
            errors.append(RowError(line, "", "no site_id"))
            continue
        if any(ch in site_id for ch in "/\\") or site_id in (".", ".."):
            errors.append(RowError(line, site_id, "site_id must not contain '/' or '\\'"))
            continue
        if any(ch < " " or ch == "\x7f" for ch in site_id):
            errors.append(RowError(line, site_id, "site_id must not contain tabs, line breaks or other control characters"))
            continue
        if site_id in seen:
            errors.append(RowError(line, site_id, f"duplicate site_id (first used on line {seen[site_id]}); this row is skipped"))
            continue
        url, problem = normalise_url(values.get("url", ""))
        if problem:
            errors.append(RowError(line, site_id, problem))
            continue
        seen[site_id] = line
        metadata = {k: v for k, v in values.items() if k not in KNOWN_COLUMNS and k}
        sites.append(Site(site_id=site_id, url=url, name=values.get("name", ""), metadata=metadata, line=line))
    return SitesFile(path=path, sites=sites, errors=errors, sha1=hashlib.sha1(data).hexdigest())
