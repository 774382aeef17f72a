"""Who runs the portal and how to reach them: the data controller that Ley 1581 asks every
page to name (name, NIT or cédula, address, an e-mail for data requests, a phone if any).
Read from the OPERATOR_* settings; shown in every page's footer and in the data policy."""

from __future__ import annotations

from typing import Any

from attrs import frozen

# What a page says in place of a setting nobody filled in: plainly a placeholder, so that a
# local run shows where each one goes and nobody mistakes it for a real operator.
PLACEHOLDERS = {
    "OPERATOR_NAME": "[Nombre del operador: falta OPERATOR_NAME]",
    "OPERATOR_ID": "[NIT o cédula: falta OPERATOR_ID]",
    "OPERATOR_ADDRESS": "[Dirección: falta OPERATOR_ADDRESS]",
    "OPERATOR_EMAIL": "[Correo para solicitudes sobre datos: falta OPERATOR_EMAIL]",
}


@frozen
class Operator:
    name: str
    identification: str
    address: str
    email: str
    # Optional: many small operators answer by e-mail only.
    phone: str = ""
    # The OPERATOR_* settings still unset, each shown as its placeholder.
    missing: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Any) -> Operator:
        values = {name: getattr(settings, name, "").strip() for name in PLACEHOLDERS}
        missing = tuple(name for name, value in values.items() if not value)
        shown = {name: value or PLACEHOLDERS[name] for name, value in values.items()}
        return cls(
            name=shown["OPERATOR_NAME"],
            identification=shown["OPERATOR_ID"],
            address=shown["OPERATOR_ADDRESS"],
            email=shown["OPERATOR_EMAIL"],
            phone=getattr(settings, "OPERATOR_PHONE", "").strip(),
            missing=missing,
        )

    @property
    def has_email(self) -> bool:
        """Whether the e-mail is a real one, to be written as a mailto: link."""
        return "OPERATOR_EMAIL" not in self.missing
