"""System checks of what accounts promises people: `manage.py check --deploy` refuses a
portal that would go live without saying who runs it (Ley 1581's data controller), and
every check refuses a portal whose pages would not pass the phone gate."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from portal.operator import Operator

PHONE_GATE = "accounts.phone.gate.PhoneVerificationMiddleware"


@register(Tags.security, deploy=True)
def check_operator_identity(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    missing = Operator.from_settings(settings).missing
    if not missing:
        return []
    return [
        Error(
            f"{', '.join(missing)} unset: every page's footer, the landing page and the data "
            "policy leave out who runs the portal and how to reach them.",
            hint="Ley 1581 asks the data controller's name, NIT or cédula, address and an "
            "e-mail for data requests; set them in the environment (see .env.example).",
            id="accounts.E002",
        )
    ]


@register(Tags.security)
def check_phone_gate(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    # The census pages check nothing themselves: without the gate, whoever has not
    # verified their phone would start and finish lookups.
    if PHONE_GATE in settings.MIDDLEWARE:
        return []
    return [
        Error(
            f"{PHONE_GATE} is not in MIDDLEWARE: people who must still verify their phone "
            "(PHONE_VERIFICATION) would reach every page.",
            hint="Add it after accounts.privacy.gate.PolicyAcceptanceMiddleware.",
            id="accounts.E001",
        )
    ]
