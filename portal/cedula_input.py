"""A cédula typed by a person ("1.234.567") as the digits the portal stores, or the
person's words on what is wrong with it: one rule for every form and the model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cedula_domain.cedula import Cedula, InvalidCedula

# A field of digits: the phone's number pad, and the portal's script that drops what is not
# a digit as it is typed (dots and spaces are still accepted by the server).
DIGITS_ONLY = {"inputmode": "numeric", "data-digits-only": ""}
CEDULA_REQUIRED = "Escribe tu número de cédula."


def cedula_field() -> forms.CharField:
    """The cédula as every form asks for it: whose own cédula it is, so the browser may
    fill it in as the account's username."""
    return forms.CharField(
        label="Cédula",
        max_length=20,
        error_messages={"required": CEDULA_REQUIRED},
        widget=forms.TextInput(attrs={**DIGITS_ONLY, "autocomplete": "username"}),
    )


def cedula_digits(text: str) -> str:
    try:
        return Cedula.parse(text).value
    except InvalidCedula as error:
        raise ValidationError(str(error), code="invalid") from error


class CedulaInput:
    """For a form with a ``cedula`` field (``cedula_field()``)."""

    cleaned_data: dict[str, Any]

    def clean_cedula(self) -> str:
        return cedula_digits(self.cleaned_data["cedula"])
