"""Where the census browser may go: a pure rule, applied by the egress proxy and the page driver.

A hostile or hijacked census page may send the browser to the worker's own machine or
network (the portal's internal endpoints, a cloud metadata service). So every destination
other than the configured census origin must resolve to public addresses only — every
address the name resolves to, since any of them may be the one connected to — and speak
HTTP(S). The census origin itself is trusted as configured, whatever its address: tests
and demos run it on loopback.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from attrs import frozen

DEFAULT_PORTS = {"http": 80, "https": 443}


def is_public(address: str) -> bool:
    """True for an address on the public Internet; loopback, private, link-local,
    shared (CGNAT), reserved, multicast and unspecified addresses are not. An IPv6 address
    that carries an IPv4 one is judged by that IPv4 address alone (see ``embedded_ipv4``)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        carried = embedded_ipv4(ip)
        if carried is not None:
            return all(map(_is_public_ip, carried))
    return _is_public_ip(ip)


def _is_public_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast


# The IPv6 forms that reach an IPv4 address: the host's own stack (mapped, compatible,
# translated), a NAT64 translator, a 6to4 or Teredo relay. Python's ``is_global`` judges
# most of them by their IPv6 prefix, which says nothing of the IPv4 address behind it
# (64:ff9b::10.0.0.1 is "global"), and its tables differ between patch releases; so the
# forms are decoded here, the same on every Python.
_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")  # RFC 4291
_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # SIIT, RFC 2765
_COMPATIBLE = ipaddress.IPv6Network("::/96")  # RFC 4291, deprecated but still routed
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052, the well-known prefix
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")  # RFC 3056
_TEREDO = ipaddress.IPv6Network("2001::/32")  # RFC 4380
# Inside the local-use NAT64 prefix the operator picks a longer prefix, and its length
# says where the IPv4 address sits (RFC 6052, 2.2); nobody outside can tell which.
_NAT64_LOCAL_LENGTHS = (48, 56, 64, 96)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, ...] | None:
    """The IPv4 addresses that ``ip`` would reach, or None when it carries none. Every
    one must be public for ``ip`` to be: a Teredo address names its server and (XORed)
    its client; a local-use NAT64 address, each place its IPv4 address may sit."""
    packed = ip.packed
    if any(ip in net for net in (_MAPPED, _TRANSLATED, _COMPATIBLE, _NAT64)):
        return (ipaddress.IPv4Address(packed[12:]),)
    if ip in _NAT64_LOCAL:
        return tuple(_rfc6052_ipv4(packed, length) for length in _NAT64_LOCAL_LENGTHS)
    if ip in _SIX_TO_FOUR:
        return (ipaddress.IPv4Address(packed[2:6]),)
    if ip in _TEREDO:
        server = ipaddress.IPv4Address(packed[4:8])
        client = ipaddress.IPv4Address(bytes(byte ^ 0xFF for byte in packed[12:]))
        return (server, client)
    return None


def _rfc6052_ipv4(packed: bytes, prefix_length: int) -> ipaddress.IPv4Address:
    """The IPv4 address a translator with a prefix of this length reads: the 32 bits
    after the prefix, skipping bits 64 to 71 (RFC 6052's "u" octet) below /96."""
    if prefix_length == 96:
        return ipaddress.IPv4Address(packed[12:])
    start = prefix_length // 8
    return ipaddress.IPv4Address((packed[:8] + packed[9:])[start : start + 4])


@frozen
class Origin:
    """Scheme, host and port: what a browser means by "the same site"."""

    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> Origin:
        """The origin of an ``http``/``https`` URL; ValueError for anything else."""
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"not an http(s) URL with a host: {url!r}")
        port = parts.port  # raises ValueError for a port out of range
        return cls(scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme])

    def holds(self, url: str) -> bool:
        """Whether ``url`` is on this origin."""
        try:
            return Origin.of(url) == self
        except ValueError:
            return False

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def __str__(self) -> str:
        return f"{self.scheme}://{self.netloc}"


def origin_text(url: str) -> str:
    """What may be said of a URL the browser was sent to: its origin, never its path or
    query (they may carry tokens); the scheme alone when it is not HTTP(S)."""
    try:
        return str(Origin.of(url))
    except ValueError:
        return f"{urlsplit(url).scheme or 'unknown'}:"


@frozen
class EgressRule:
    census: Origin
    # Other origins trusted like the census, whatever their address: a portal's answer API
    # on another host, when it runs where a replica does.
    also: tuple[Origin, ...] = ()

    @property
    def trusted(self) -> tuple[Origin, ...]:
        return (self.census, *self.also)

    def allows(self, *, scheme: str, host: str, port: int, addresses: Iterable[str]) -> bool:
        """Whether the browser may connect to ``host``:``port`` for ``scheme``, the name
        having resolved to ``addresses`` (the ones the connection will then use)."""
        scheme = scheme.lower()
        if Origin(scheme, host.lower(), port) in self.trusted:
            return True
        resolved = list(addresses)
        return scheme in DEFAULT_PORTS and bool(resolved) and all(map(is_public, resolved))
