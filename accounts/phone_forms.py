"""Forms of what goes through the phone: recovering the password, verifying the phone,
claiming a cédula someone else registered."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordMixin

from accounts.cedula_input import CedulaInput
from accounts.forms import (
    CEDULA_REQUIRED,
    DIGITS_ONLY,
    NAME_REQUIRED,
    _NombreCompletoMixin,
    _phone_field,
    ask_for_new_password,
    policy_label,
)
from cedula_domain.phone_code import CODE_DIGITS, typed_code

CODE_ERROR = f"Escribe el código de {CODE_DIGITS} dígitos que te llegó por mensaje de texto."


def _cedula_field() -> forms.CharField:
    return forms.CharField(
        label="Cédula",
        max_length=20,
        error_messages={"required": CEDULA_REQUIRED},
        widget=forms.TextInput(attrs={**DIGITS_ONLY, "autocomplete": "username"}),
    )


def _code_field() -> forms.CharField:
    return forms.CharField(
        label="Código",
        max_length=CODE_DIGITS + 4,
        error_messages={"required": CODE_ERROR},
        widget=forms.TextInput(
            attrs={**DIGITS_ONLY, "autocomplete": "one-time-code", "maxlength": CODE_DIGITS + 4}
        ),
    )


class _CodeMixin:
    cleaned_data: dict[str, Any]

    def clean_code(self) -> str:
        code = typed_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(CODE_ERROR)
        return code


class RecoveryRequestForm(CedulaInput, forms.Form):
    cedula = _cedula_field()


class RecoveryCodeForm(CedulaInput, _CodeMixin, SetPasswordMixin, forms.Form):
    cedula = _cedula_field()
    code = _code_field()
    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1="Nueva contraseña", label2="Repite la nueva contraseña"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ask_for_new_password(self, "new_password1", "new_password2")

    def clean(self) -> dict[str, Any]:
        self.validate_passwords("new_password1", "new_password2")
        return super().clean()


class PhoneCodeForm(_CodeMixin, forms.Form):
    code = _code_field()


class ClaimForm(CedulaInput, _NombreCompletoMixin, forms.Form):
    cedula = _cedula_field()
    nombre_completo = forms.CharField(
        label="Tu nombre completo",
        max_length=150,
        error_messages={"required": NAME_REQUIRED},
    )
    telefono = _phone_field()
    message = forms.CharField(
        label="Cuéntanos qué pasó",
        max_length=1000,
        error_messages={"required": "Cuéntanos qué pasó con tu cédula."},
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text="Por ejemplo, desde cuándo no puedes registrarte. No escribas contraseñas.",
    )
    acepta_politica = forms.BooleanField(
        error_messages={"required": "Debes aceptar la política de datos para enviar el reclamo."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nombre_completo"].widget.attrs["autocomplete"] = "name"
        self.fields[
            "telefono"
        ].help_text = "Te escribiremos a este número; si te entregamos la cuenta, será su teléfono."
        self.fields["acepta_politica"].label = policy_label()
