"""Whoever accepted an older version of the data policy accepts the current one before
using the portal (``PolicyConsent.must_accept``). Until then every page leads to the
acceptance page, which says what changed; the pages that exercise their rights stay open
(seeing, downloading and deleting their data need no new acceptance), and so do the
policy itself, logging out, the admin and the health checks."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from accounts.privacy import policy
from accounts.privacy.consents import must_accept_policy
from portal.page_gate import PageGate

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
        # The app's manifest and service worker hold nothing of anyone (census.web_app).
        "census:manifest",
        "census:service_worker",
    }
)
# The version this session's person was found to have accepted, so that each request does
# not read the ledger again.
SESSION_KEY = "accepted_policy"


class PolicyAcceptanceMiddleware(PageGate):
    open_views = OPEN_VIEWS

    def owes(self, request: HttpRequest) -> bool:
        accepted = f"{request.user.pk}:{policy.current_version()}"
        if request.session.get(SESSION_KEY) == accepted:
            return False
        if must_accept_policy(user=request.user):
            return True
        request.session[SESSION_KEY] = accepted
        return False

    def destination(self, request: HttpRequest) -> str:
        url = reverse("accounts:accept_policy")
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return url
