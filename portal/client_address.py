"""Who is asking: the one reading of the client's address, for every limit and lockout.

Any client can write X-Forwarded-For, so it counts only behind TRUSTED_PROXY_COUNT
reverse proxies, each of which appends the address it received the request from. The
client is then the last address the farthest proxy appended; everything to its left came
from the client and proves nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

# One subscriber usually holds a whole IPv6 /64: counting single addresses in it would
# give an attacker billions of fresh starts.
IPV6_SUBSCRIBER_PREFIX = 64
# Where no address can be read (a misconfigured server), every such client shares one
# count: limits too strict rather than none at all.
UNKNOWN = "0.0.0.0"


def client_address(request: HttpRequest) -> str:
    """The client's address as limits and lockouts count it (django-axes calls this too)."""
    address = _forwarded_client(request) or request.META.get("REMOTE_ADDR", "")
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return UNKNOWN
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        network = ipaddress.ip_network(f"{parsed}/{IPV6_SUBSCRIBER_PREFIX}", strict=False)
        return str(network.network_address)
    return str(parsed)


def by_client_address(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: one count per client address."""
    return client_address(request)


def _forwarded_client(request: HttpRequest) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies == 0:
        return None
    # ipware counts the proxies named inside the header; the nearest one is REMOTE_ADDR,
    # not in it. Only that header is read, never the others ipware knows (X-Real-IP,
    # CF-Connecting-IP...), which our proxies do not vouch for.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address
