"""System checks of what accounts promises people: `manage.py check --deploy` warns when
the portal would go live without saying who runs it (Ley 1581's data controller)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

from pagina_madre.operator import Operator


@register(Tags.security, deploy=True)
def check_operator_identity(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    missing = Operator.from_settings(settings).missing
    if not missing:
        return []
    return [
        Warning(
            f"{', '.join(missing)} unset: every page's footer and the data policy show a "
            "placeholder instead of who runs the portal and how to reach them.",
            hint="Ley 1581 asks the data controller's name, NIT or cédula, address and an "
            "e-mail for data requests; set them in the environment (see .env.example).",
            id="accounts.W001",
        )
    ]
