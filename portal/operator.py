"""Who runs the portal and how to reach them: the data controller that Ley 1581 asks every
page to name (name, NIT or cédula, address, an e-mail for data requests, a phone if any).
Read from the OPERATOR_* settings; shown in every page's footer, the landing page and the
data policy.

A setting nobody filled in is never shown to citizens, not even as a placeholder: a page
leaves out what it lacks (or says something neutral), staff read which settings are
pending on every page (``pending_notice``), and ``manage.py check --deploy`` refuses to
call such a portal ready (``accounts.checks``)."""

from __future__ import annotations

from typing import Any

from attrs import frozen

# The settings Ley 1581 needs filled in; OPERATOR_PHONE is optional.
REQUIRED = ("OPERATOR_NAME", "OPERATOR_ID", "OPERATOR_ADDRESS", "OPERATOR_EMAIL")


@frozen
class Operator:
    # Each "" while its setting is unset.
    name: str
    identification: str
    address: str
    email: str
    # Optional: many small operators answer by e-mail only.
    phone: str = ""
    # The required OPERATOR_* settings still unset.
    missing: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Any) -> Operator:
        values = {name: getattr(settings, name, "").strip() for name in REQUIRED}
        return cls(
            name=values["OPERATOR_NAME"],
            identification=values["OPERATOR_ID"],
            address=values["OPERATOR_ADDRESS"],
            email=values["OPERATOR_EMAIL"],
            phone=getattr(settings, "OPERATOR_PHONE", "").strip(),
            missing=tuple(name for name, value in values.items() if not value),
        )

    @property
    def pending_notice(self) -> str:
        """What staff read while settings are missing; "" once every one is set."""
        if not self.missing:
            return ""
        return f"Datos del responsable pendientes: {', '.join(self.missing)}."
