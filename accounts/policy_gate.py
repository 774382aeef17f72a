"""Whoever accepted an older version of the data policy accepts the current one before
using the portal (``PolicyConsent.must_accept``). Until then every page leads to the
acceptance page, which says what changed; the pages that exercise their rights stay open
(seeing, downloading and deleting their data need no new acceptance), and so do the
policy itself, logging out, the admin and the health checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import policy
from accounts.consents import must_accept_policy

OPEN_VIEWS = frozenset(
    {
        "accounts:accept_policy",
        "accounts:data_policy",
        "accounts:logout",
        "accounts:my_data",
        "accounts:my_data_json",
        "accounts:forget_me",
        "operations:health",
        "census:fleet_status",
    }
)
OPEN_NAMESPACES = frozenset({"admin"})
# The version this session's person was found to have accepted, so that each request does
# not read the ledger again.
SESSION_KEY = "accepted_policy"


class PolicyAcceptanceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or match.view_name in OPEN_VIEWS or match.namespace in OPEN_NAMESPACES:
            return None
        accepted = f"{request.user.pk}:{policy.current_version()}"
        if request.session.get(SESSION_KEY) == accepted:
            return None
        if not must_accept_policy(user=request.user):
            request.session[SESSION_KEY] = accepted
            return None
        return _to_acceptance(request)


def _to_acceptance(request: HttpRequest) -> HttpResponse:
    url = reverse("accounts:accept_policy")
    if request.method == "GET" and not request.headers.get("HX-Request"):
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    if request.headers.get("HX-Request"):
        # htmx would swap the page into the card: the whole page goes there instead.
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)
