"""Who is asking: the one reading of the client's address, for every limit, the lockout and
the audit trail. Any client can write X-Forwarded-For, so it counts only behind
TRUSTED_PROXY_COUNT reverse proxies; how it is read is portal/rules/client_address.py.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from portal.rules.client_address import counted_address


def client_address(request: HttpRequest) -> str:
    """The client's address as limits and lockouts count it (django-axes calls this too)."""
    return counted_address(
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR") or "",
        remote_addr=request.META.get("REMOTE_ADDR") or "",
        trusted_proxies=settings.TRUSTED_PROXY_COUNT,
    )


def by_client_address(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: one count per client address."""
    return client_address(request)
