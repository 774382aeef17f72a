"""Whoever must still verify their phone (``accounts.phone.requirement``) does so before
using the portal: until then every page leads to the verification page, so that no page
of the census or of referrals checks it by itself.

The pages that stay open are those that get a person to verification or out of the
portal: verification itself, the profile (where a wrong number is corrected, and the
password changed), password recovery (which proves the phone too), logging out, the data
policy and the rights over one's data (seeing, downloading, deleting it, and withdrawing
the authorisation to share it, on the profile), the admin and the health checks.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from accounts.phone.requirement import phone_verification_due
from portal.page_gate import PageGate

OPEN_VIEWS = frozenset(
    {
        "accounts:phone_verification",
        "accounts:profile",
        "accounts:change_password",
        "accounts:recovery",
        "accounts:recovery_code",
        "accounts:recovery_password",
        "accounts:logout",
        "accounts:data_policy",
        "accounts:accept_policy",
        "accounts:my_data",
        "accounts:my_data_json",
        "accounts:forget_me",
        "referrals:sharing",
        "operations:health",
        "census:fleet_status",
        # The app's manifest and service worker hold nothing of anyone (census.web_app).
        "census:manifest",
        "census:service_worker",
    }
)


class PhoneVerificationMiddleware(PageGate):
    open_views = OPEN_VIEWS

    def owes(self, request: HttpRequest) -> bool:
        return phone_verification_due(user=request.user)

    def destination(self, request: HttpRequest) -> str:
        return reverse("accounts:phone_verification")
