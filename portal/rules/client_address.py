"""Who is asking, read from what the reverse proxies vouch for: pure, so that every hostile
header is a unit test (portal/client_address.py hands it a request's values).

Each trusted proxy appends the address it received the request from to X-Forwarded-For,
and the nearest one is REMOTE_ADDR. Behind N proxies the client is therefore the Nth entry
from the right, which the farthest proxy wrote; everything to its left came from the client
and proves nothing, so it is never parsed at all: no quotes, no comments, no other headers.

django-ipware was measured and set aside: it honours quoted strings, so a client that sent
`X-Forwarded-For: 6.6.0.1, "` (an unclosed quote) had the entry our proxy appended swallowed
into its string, and picked its own address behind every limit and the lockout. Counting
entries from the right of a plain split needs no library.

When that entry is missing or not an address (a proxy that sent no header, fewer hops than
TRUSTED_PROXY_COUNT, garbage), the one address nobody forged is REMOTE_ADDR, the nearest
proxy: every such client then shares its count. Limits too strict rather than none; and a
correctly counted chain never gets here, since its Nth entry is a proxy's own writing.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, IPv6Network, ip_address

# One subscriber usually holds a whole IPv6 /64: counting single addresses in it would
# give an attacker billions of fresh starts.
IPV6_SUBSCRIBER_PREFIX = 64
# Where no address can be read at all (a misconfigured server), every such client shares
# one count: limits too strict rather than none.
UNKNOWN = "0.0.0.0"

Address = IPv4Address | IPv6Address


def counted_address(*, forwarded_for: str, remote_addr: str, trusted_proxies: int) -> str:
    """The address that limits and lockouts count for a request: the client as the farthest
    of ``trusted_proxies`` proxies saw it (REMOTE_ADDR itself with none); else the nearest
    proxy's REMOTE_ADDR; else UNKNOWN. IPv6 clients count by their /64, IPv4-mapped ones as
    the IPv4 address."""
    vouched = _vouched_client(forwarded_for, trusted_proxies) if trusted_proxies > 0 else None
    address = vouched or _address(remote_addr)
    return _subscriber(address) if address else UNKNOWN


def _vouched_client(forwarded_for: str, proxies: int) -> Address | None:
    # At most proxies + 1 pieces: a header of any length costs the same, and the client's
    # own part stays unread in the first.
    entries = forwarded_for.rsplit(",", proxies)
    if len(entries) < proxies:
        return None
    return _address(_without_port(entries[-proxies].strip()))


def _without_port(entry: str) -> str:
    """Proxies that write a port (Azure's Application Gateway: `203.0.113.7:50123`) or
    brackets (`[2001:db8::7]:443`, RFC 7239's form) are read too; nginx, HAProxy and cloud
    load balancers write the bare address. A bare IPv6 address keeps its last group: with
    no brackets, a port cannot be told from it."""
    if entry.startswith("["):
        host, bracket, port = entry[1:].partition("]")
        return host if bracket and _is_port_or_none(port) else ""
    host, colon, port = entry.partition(":")
    if colon and ":" not in port:
        return host if _is_port_or_none(colon + port) else ""
    return entry


def _is_port_or_none(suffix: str) -> bool:
    """Whether what follows an address is nothing, or a colon and a TCP port."""
    if not suffix:
        return True
    port = suffix.removeprefix(":")
    return port != suffix and port.isascii() and port.isdigit() and int(port) <= 65_535


def _address(text: str) -> Address | None:
    try:
        return ip_address(text)
    except ValueError:
        return None


def _subscriber(address: Address) -> str:
    if isinstance(address, IPv4Address):
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    # From the integer: a zone (fe80::1%eth0) names the proxy's own interface, not who
    # is asking, and its /64 is the subscriber either way.
    network = IPv6Network((int(address), IPV6_SUBSCRIBER_PREFIX), strict=False)
    return str(network.network_address)
