"""A cédula typed by a person ("1.234.567") as the digits the portal stores, or the
person's words on what is wrong with it: one rule for every form and the model."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from cedula_domain.cedula import Cedula, InvalidCedula


def cedula_digits(text: str) -> str:
    try:
        return Cedula.parse(text).value
    except InvalidCedula as error:
        raise ValidationError(str(error), code="invalid") from error


class CedulaInput:
    """For a form with a ``cedula`` field."""

    cleaned_data: dict[str, Any]

    def clean_cedula(self) -> str:
        return cedula_digits(self.cleaned_data["cedula"])
