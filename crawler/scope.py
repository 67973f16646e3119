"""What belongs to a site: its host plus the subdomains of its agency's domain.

The agency's domain is its registered domain, unless the shipped site lists name a deeper
host as an agency of its own (ground.sites.agency_unit): Thai ministries host departments on
their subdomains. ``www.moph.go.th`` covers ``eservice.moph.go.th`` and ``moph.go.th`` but
not ``ddc.moph.go.th`` (the Department of Disease Control) nor ``dga.go.th``;
``www.ddc.moph.go.th`` covers ``e-service.ddc.moph.go.th`` but not its ministry. The sites
file's `domains` are the agency's as written, with their subdomains. A site given by IP
address or ``localhost`` is that host and port only. The public-suffix list is the snapshot
tldextract ships; nothing is fetched.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from ground.sites import agency_unit, bare_domain


def _is_ip_or_local(host: str) -> bool:
    if host in ("localhost",) or host.endswith(".localhost") or "." not in host:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


ORIGINS_KEPT = 4096


class SiteScope:
    def __init__(self, start_url: str, own_domains: tuple[str, ...] = ()):
        self.domains: set[str] = set()     # declared: each with every subdomain
        self.units: set[str] = set()       # the agencies of the start address and its redirects
        self.exact: set[tuple[str, int | None]] = set()
        # the answer depends only on the scheme and the authority, the part of a URL before
        # its third "/" (which may carry a query, still the same authority): menus repeat on
        # every page, so answers are kept per origin (a few hundred a site) until the scope widens
        self._answers: dict[str, bool] = {}
        self.add(start_url)
        for domain in own_domains:          # the agency's other domains (the sites file's `domains`), as written
            host = domain.lower().strip(".")
            if _is_ip_or_local(host):
                self.add(f"http://{domain}/")
            elif host:
                self.domains.add(bare_domain(host))    # www.x.go.th declares x.go.th

    def add(self, url: str) -> None:
        """Widen the scope to a URL's site (used when the homepage redirects to a new domain)."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not host:
            return
        self._answers.clear()
        if _is_ip_or_local(host):
            self.exact.add((host, _port(parts) or _default_port(parts.scheme)))
        else:
            self.units.add(agency_unit(host))

    def __contains__(self, url: str) -> bool:
        origin = "/".join(url.split("/", 3)[:3])
        answer = self._answers.get(origin)
        if answer is None:
            if len(self._answers) >= ORIGINS_KEPT:
                self._answers.clear()
            answer = self._answers[origin] = self._decide(url)
        return answer

    def _decide(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        if not host:
            return False
        if (host, _port(parts) or _default_port(parts.scheme)) in self.exact:
            return True
        if _is_ip_or_local(host):
            return False
        if any(host == d or host.endswith("." + d) for d in self.domains):
            return True
        # under an agency of the site's, and not a deeper agency of its own (a ministry's department)
        return (any(host == u or host.endswith("." + u) for u in self.units)
                and agency_unit(host) in self.units)


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
