"""The private-address rule: an address or name that is not the public internet.

A crawled site must never send the crawler into private address space; the downloader guard
and the DNS resolver both apply this rule (``crawler/middlewares.py``, ``crawler/resolver.py``).
"""

from __future__ import annotations

import ipaddress

# Names that mean "this machine" or a cloud metadata service whatever DNS says.
PRIVATE_NAMES = ("localhost", "localhost.localdomain", "metadata.google.internal", "metadata")


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: IPv4-compatible (::a.b.c.d,
# deprecated but still routed by some stacks), IPv4-translated (::ffff:0:a.b.c.d) and the
# well-known NAT64 prefix (64:ff9b::a.b.c.d), which a NAT64 gateway forwards to that IPv4 address
_EMBEDS_IPV4_LAST_32 = (ipaddress.ip_network("::/96"), ipaddress.ip_network("::ffff:0:0:0/96"),
                        ipaddress.ip_network("64:ff9b::/96"))
# local-use NAT64 (RFC 8215): an operator's own translation prefix, never the public internet
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


def _not_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not ip.is_global or ip.is_multicast


def is_private(address: str) -> bool:
    """Loopback, RFC 1918, link-local (169.254.169.254 metadata), CGNAT, unique-local, site-local,
    multicast, reserved or unspecified: anything that is not the public internet. An IPv6 address
    that carries an IPv4 one (IPv4-mapped or -compatible, NAT64, 6to4, Teredo) is private when
    either is: ``64:ff9b::127.0.0.1`` reaches this machine through a NAT64 gateway."""
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv4Address):
        return _not_public(ip)
    if ip.ipv4_mapped is not None:      # ::ffff:a.b.c.d is that IPv4 address, nothing else
        return _not_public(ip.ipv4_mapped)
    if ip.is_site_local or ip in _LOCAL_NAT64:
        return True
    embedded = [ip.sixtofour, *(ip.teredo or ())]       # 2002:aabb:ccdd::/48; Teredo's server and client
    if any(ip in net for net in _EMBEDS_IPV4_LAST_32):
        embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return _not_public(ip) or any(_not_public(v4) for v4 in embedded if v4 is not None)


def private_name(host: str) -> bool:
    """A host that is private whatever DNS says: a private IP literal or a name for this machine."""
    return host in PRIVATE_NAMES or host.endswith(".localhost") or is_private(host)
