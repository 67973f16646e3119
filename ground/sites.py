"""Reading the sites file: one agency website a row.

Required columns are ``site_id`` and ``url``; ``name`` is expected, and every other
column (ministry, province, tier, agency_type, ...) is kept as metadata. A bad row is
reported with its line number and the problem, and the good rows still run.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import ipaddress
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import tldextract
from w3lib.url import safe_url_string

from .urls import registered_domain

REQUIRED_COLUMNS = ("site_id", "url")
KNOWN_COLUMNS = ("site_id", "url", "name", "domains")
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
    domains: tuple[str, ...] = ()      # other domains the agency owns: in its scope, never "another agency"


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
    notes: list[str] = field(default_factory=list)    # how the file was read, where not as plain UTF-8 CSV


_SCHEME_TYPO = re.compile(r"(?i)^(https?)(?::/?(?!/)|//|:{2,}//|:///+)")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_DOMAINS_SPLIT = re.compile(r"[\s,;]+")
_psl = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)   # the snapshot tldextract ships


def _check_host(host: str) -> str | None:
    """Why a URL's host (as urlsplit gives it, lower case) cannot be crawled, or None."""
    if not host:
        return "has no host"
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return f"has an invalid IPv6 address {host!r}"
        return None
    labels = host.rstrip(".").split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return f"has an invalid host name {host!r}"
    return None


def normalise_url(raw: str) -> tuple[str | None, str | None]:
    """Return (url, problem): the one check of a sites-file URL, for check-sites and crawl alike.

    A bare host such as ``www.moph.go.th`` gets ``http://``; a URL that cannot be crawled
    (another scheme, a mistyped ``http//``, a bad port or host) gets a problem instead."""
    url = raw.strip()
    shown = url[:200]
    if not url:
        return None, "no url"
    if "://" not in url or _SCHEME_TYPO.match(url):
        typo = _SCHEME_TYPO.match(url)
        if typo:
            return None, (f"url {shown!r} has a mistyped scheme: write {typo.group(1).lower()}:// "
                          "followed by the host")
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in ("file", "ftp", "javascript", "data", "mailto"):
            return None, f"url scheme {scheme!r} cannot be crawled (only http and https)"
        url = "http://" + url
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https"):
        return None, f"url scheme {scheme.lower()!r} cannot be crawled (only http and https)"
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if not authority or authority.startswith(":") or " " in authority:
        return None, f"url {shown!r} has no valid host"
    try:
        parts = urlsplit(scheme.lower() + "://" + rest)
        port = parts.port
    except ValueError as exc:
        return None, f"url {shown!r} is not a valid URL ({_url_problem(exc)})"
    if port == 0:
        return None, f"url {shown!r} has port 0 (a port is a number from 1 to 65535)"
    problem = _check_host(parts.hostname or "")
    if problem and not (parts.hostname or "").isascii():
        problem = None          # a Thai or other IDN host: checked once in its xn-- form below
    if problem:
        return None, f"url {shown!r} {problem}"
    try:
        safe = safe_url_string(scheme.lower() + "://" + rest)
        problem = _check_host(urlsplit(safe).hostname or "")
    except (ValueError, UnicodeError) as exc:
        return None, f"url {shown!r} is not a valid URL ({_url_problem(exc)})"
    if problem:
        return None, f"url {shown!r} {problem}"
    return safe, None


def _url_problem(exc: Exception) -> str:
    text = str(exc)
    if "Port" in text or "port" in text:
        return "a port is a number from 1 to 65535"
    return text or type(exc).__name__


def site_key(url: str) -> tuple:
    """What makes two listed URLs the same site: host, port and path, whatever the scheme's
    spelling, a default port or a trailing slash (http and https of one address are one site)."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    if port in (80, 443):
        port = None
    return ((parts.hostname or "").rstrip("."), port, parts.path.rstrip("/"), parts.query)


def parse_domains(raw: str) -> tuple[tuple[str, ...], str | None]:
    """The `domains` column: other domains an agency owns, space-separated. Returns (domains, problem)."""
    domains: list[str] = []
    for token in _DOMAINS_SPLIT.split(raw.strip()):
        if not token:
            continue
        host = token.lower()
        if "://" in host:
            host = urlsplit(host).hostname or ""
        host = host.split("/", 1)[0].strip(".")
        try:
            host = host.encode("idna").decode("ascii") if not host.isascii() else host
        except UnicodeError:
            return (), f"domains: {token[:100]!r} is not a domain name"
        if not host or _check_host(host) or "." not in host or ":" in host:
            return (), f"domains: {token[:100]!r} is not a domain name (write names such as moph.go.th, space-separated)"
        try:
            ipaddress.ip_address(host)
            return (), f"domains: {token[:100]!r} is an address, not a domain name"
        except ValueError:
            pass
        parts = _psl(host)
        # a name under a suffix the list does not know (moph.internal, an intranet) is the agency's
        # own as written; a name that is itself a public suffix (go.th, gov.uk) is everybody's
        if parts.suffix and not parts.top_domain_under_public_suffix:
            return (), (f"domains: {token[:100]!r} is a public suffix shared by many organisations, "
                        "not an agency's own domain")
        if host not in domains:
            domains.append(host)
    return tuple(domains), None


def _looks_thai(text: str) -> bool:
    """Whether text decoded as cp874 reads as Thai: every Thai vowel sign or tone mark follows a
    Thai letter or another sign (Latin-1 or another code page decoded as cp874 breaks this)."""
    thai = False
    previous = ""
    for ch in text:
        if "\u0e31" == ch or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e":
            if not ("\u0e01" <= previous <= "\u0e4e"):
                return False
        if "\u0e01" <= ch <= "\u0e5b":
            thai = True
        previous = ch
    return thai


def _decode(data: bytes, path: str) -> tuple[str, str | None]:
    """The file's text and, where it was not UTF-8, a note saying how it was read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), f"{path}: read as UTF-16 text (Excel's 'Unicode Text')"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_thai(text):
        return text, (f"{path}: the file is not UTF-8; read it as Thai Windows text (cp874/TIS-620), "
                      "as Thai Excel saves CSV")
    line = data[:start].count(b"\n") + 1
    raise SitesFileError(
        f"{path}:{line}: the file is not UTF-8 text (byte 0x{data[start]:02X}) nor Thai cp874/TIS-620; "
        "save it as 'CSV UTF-8' (Excel) and try again"
    ) from None


def _delimiter(first_line: str) -> str:
    """Excel saves 'CSV' with ';' where the decimal separator is a comma, and 'Unicode Text'
    with tabs: the header row tells which, since it must name site_id and url."""
    def names(sep: str) -> set[str]:
        return {c.strip().strip('"').strip().lower() for c in first_line.split(sep)}
    for sep in (",", ";", "\t"):
        if set(REQUIRED_COLUMNS) <= names(sep):
            return sep
    return ","


def read_sites(path: str | Path) -> SitesFile:
    """Parse and check a sites file. Raises SitesFileError only when nothing can run."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SitesFileError(f"{path}: cannot read the sites file: {exc.strerror}") from None
    notes: list[str] = []
    text, note = _decode(data, path)
    if note:
        notes.append(note)
    if "\x00" in text:
        raise SitesFileError(f"{path}: the file contains NUL bytes; it is not a CSV text file")
    csv.field_size_limit(MAX_FIELD_CHARS)
    delimiter = _delimiter(text.lstrip("\ufeff").split("\n", 1)[0])
    if delimiter != ",":
        notes.append(f"{path}: columns are separated by {'tabs' if delimiter == chr(9) else repr(delimiter)}, "
                     "not commas (as Excel saves CSV in some regional settings); read it that way")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise SitesFileError(f"{path}: the file is empty; expected a header row with site_id,url,name") from None
    except csv.Error as exc:
        raise SitesFileError(f"{path}:1: cannot read the header row: {exc}") from None
    columns = [c.strip().lstrip("\ufeff").strip().lower() for c in header]
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
    seen_urls: dict[tuple, tuple[int, str]] = {}
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
        domains, problem = parse_domains(values.get("domains", ""))
        if problem:
            errors.append(RowError(line, site_id, problem))
            continue
        key = site_key(url)
        if key in seen_urls:
            first_line, first_id = seen_urls[key]
            errors.append(RowError(line, site_id, f"the same site as line {first_line} (site_id {first_id!r}): "
                                                  f"{url} is listed twice; this row is skipped"))
            continue
        seen[site_id] = line
        seen_urls[key] = (line, site_id)
        metadata = {k: v for k, v in values.items() if k not in KNOWN_COLUMNS and k}
        sites.append(Site(site_id=site_id, url=url, name=values.get("name", ""), metadata=metadata, line=line,
                          domains=domains))
    return SitesFile(path=path, sites=sites, errors=errors, sha1=hashlib.sha1(data).hexdigest(), notes=notes)


# Site lists shipped with egovscan (ground/sitelists/, sources in its README.md): a name, its
# file, and the rows built from a pattern rather than read in a source (added on request).
SITE_LISTS = {"thailand": ("thailand.csv", "thailand-inferred.csv")}
LIST_FILTERS = ("tier", "ministry", "province")


def site_list(name: str, with_inferred: bool = False, **filters: tuple[str, ...]) -> str:
    """A shipped site list as sites-file CSV text, optionally only the rows whose tier, ministry
    or province is one of the values given (compared without case or surrounding spaces)."""
    if name not in SITE_LISTS:
        raise SitesFileError(f"no site list named {name!r}; the lists are: {', '.join(sorted(SITE_LISTS))}")
    unknown = sorted(set(filters) - set(LIST_FILTERS))
    if unknown:
        raise ValueError(f"site lists filter by {', '.join(LIST_FILTERS)}, not {', '.join(unknown)}")
    folder = Path(__file__).with_name("sitelists")
    main_file, inferred = SITE_LISTS[name]
    rows: list[dict] = []
    header: list[str] = []
    for file in (main_file, inferred) if with_inferred else (main_file,):
        with open(folder / file, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = header or list(reader.fieldnames or ())
            rows.extend(reader)
    wanted = {k: {v.strip().casefold() for v in values} for k, values in filters.items() if values}
    kept = [r for r in rows if all((r.get(k) or "").strip().casefold() in vs for k, vs in wanted.items())]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    return out.getvalue()


@lru_cache(maxsize=1)
def _listed_hosts() -> tuple[str, ...]:
    """The host of every agency's address in the shipped site lists."""
    folder = Path(__file__).with_name("sitelists")
    hosts = []
    for files in SITE_LISTS.values():
        for file in files:
            with open(folder / file, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    host = urlsplit((row.get("url") or "").strip()).hostname
                    if host:
                        hosts.append(host)
    return tuple(hosts)


@lru_cache(maxsize=1)
def listed_agency_domains() -> frozenset[str]:
    """The registered domains of every agency in the shipped site lists. Thai public
    organisations and state enterprises live under .or.th, .co.th or a domain of their own
    (gistda.or.th, egat.co.th, tourismthailand.org), suffixes that private bodies share."""
    return frozenset(registered_domain(host) for host in _listed_hosts())


# a web server's name before an agency's domain: www.ddc.moph.go.th, ww2.ayutthaya.go.th, www2.pathumthani.go.th
_WEB_HOST = re.compile(r"^w{2,3}\d*\.")


@lru_cache(maxsize=4096)
def bare_domain(host: str) -> str:
    """A domain without its web server's name: what an agency's listed or declared host covers.
    The name stays where the rest is shorter than a registered domain: www.gov.uk is GOV.UK's
    own host under the public suffix gov.uk, not all of gov.uk."""
    host = host.lower().rstrip(".")
    rest = _WEB_HOST.sub("", host)
    registered = registered_domain(host)
    return rest if rest != host and (rest == registered or rest.endswith("." + registered)) else host


@lru_cache(maxsize=1)
def listed_agency_hosts() -> frozenset[str]:
    """The hosts of every agency in the shipped site lists, without their web server's name
    (ddc.moph.go.th, moph.go.th, ayutthaya.go.th)."""
    return frozenset(bare_domain(host) for host in _listed_hosts())


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@lru_cache(maxsize=65536)
def _listed_unit(host: str) -> str:
    registered = registered_domain(host)
    listed = listed_agency_hosts()
    labels = host.split(".")
    for i in range(len(labels) - 1):            # the longest first
        candidate = ".".join(labels[i:])
        if len(candidate) <= len(registered):
            break
        if candidate in listed:
            return candidate
    return registered


def agency_unit(host: str, declared: tuple[str, ...] | frozenset[str] = ()) -> str:
    """The agency a host belongs to. A domain the sites file declares (its `domains` column) is
    the agency's with its subdomains, as written: the longest one the host equals or lies under.
    Otherwise the longest agency host of the shipped site lists the host equals or lies under,
    when that is deeper than its registered domain: Thai ministries host their departments on
    subdomains (ddc.moph.go.th, fda.moph.go.th under moph.go.th), each an agency of its own.
    Otherwise the registered domain (www.pea.co.th and epay.pea.co.th are pea.co.th)."""
    host = host.lower().rstrip(".")
    mine = [d for d in (bare_domain(d) for d in declared) if _under(host, d)]
    if mine:
        return max(mine, key=len)
    return _listed_unit(host)


@lru_cache(maxsize=65536)
def is_other_agency(host: str, site_hosts: tuple[str, ...], declared: tuple[str, ...] = ()) -> bool:
    """Whether a link to ``host`` leads to another agency than the site's: neither under a domain
    the site declares nor of the agency unit of any of the site's own hosts (the page's host, the
    listed URL's, its canonical address). One rule for every part that asks."""
    host = (host or "").lower().rstrip(".")
    if not host:
        return False
    if any(_under(host, bare_domain(d)) for d in declared):
        return False
    unit = agency_unit(host, declared)
    return all(agency_unit(h, declared) != unit for h in site_hosts if h)


def is_listed_agency_host(host: str) -> bool:
    """Whether a host is under the domain of an agency of the shipped site lists."""
    return registered_domain(host.lower().rstrip(".")) in listed_agency_domains()


def split_sites(sites_file: SitesFile, parts: int) -> list[list[Site]]:
    """A sites file's sites in `parts` parts for crawlers that share nothing (Scrapyd jobs on
    several nodes): every site once, the sites of one host in one part (its politeness is then
    one crawler's), parts as even as whole hosts allow, each in the file's order. The same file
    and number always give the same parts."""
    if parts < 1:
        raise ValueError(f"parts must be 1 or more, not {parts}")
    hosts: dict[str, list[Site]] = {}
    for site in sites_file.sites:
        hosts.setdefault((urlsplit(site.url).hostname or "").rstrip("."), []).append(site)
    if parts > len(hosts):
        raise ValueError(f"{sites_file.path}: {parts} parts but only {len(hosts)} hosts; "
                         "a host's sites stay in one part, so ask for at most that many")
    chosen: list[list[Site]] = [[] for _ in range(parts)]
    for host, sites in sorted(hosts.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        min(chosen, key=len).extend(sites)        # the first of the smallest parts
    return [sorted(part, key=lambda s: s.line) for part in chosen]


def write_sites(path: str | Path, sites: list[Site]) -> None:
    """A sites file of these sites (UTF-8 with a BOM, as Excel reads Thai CSV): site_id, url,
    name, domains where any site has them, then the metadata columns."""
    extra: dict[str, None] = {}
    for site in sites:
        extra.update(dict.fromkeys(site.metadata))
    columns = ["site_id", "url", "name"] + (["domains"] if any(s.domains for s in sites) else []) + list(extra)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for site in sites:
            row = {"site_id": site.site_id, "url": site.url, "name": site.name, "domains": " ".join(site.domains),
                   **site.metadata}
            writer.writerow([row.get(c, "") for c in columns])


def shard_sites(path: str | Path, parts: int, out_dir: str | Path | None = None) -> tuple[list[Path], SitesFile]:
    """Write a sites file's parts (split_sites) as NAME-part-01-of-04.csv ... in out_dir (default:
    beside it); returns their paths and the file as read (its bad rows are in no part)."""
    sites_file = read_sites(path)
    split = split_sites(sites_file, parts)
    folder = Path(out_dir) if out_dir else Path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, part in enumerate(split, 1):
        target = folder / f"{Path(path).stem}-part-{index:02d}-of-{parts:02d}.csv"
        write_sites(target, part)
        written.append(target)
    return written, sites_file
