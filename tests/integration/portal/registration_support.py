"""A person's registration form as the portal's tests fill it in."""

from __future__ import annotations

from typing import Any

PASSWORD = "Clave-segura-2026"


def registration_data(**overrides: Any) -> dict[str, Any]:
    """The form of a valid registration; an override of None leaves that field out."""
    data = {
        "nombre_completo": "María Fernanda López",
        "cedula": "1.234.567.890",
        "telefono": "300 123 4567",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "acepta_politica": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
