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
    shared (CGNAT), reserved, multicast and unspecified addresses are not."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it maps.
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


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
