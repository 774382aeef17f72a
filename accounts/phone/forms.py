"""Forms of what goes through the phone: recovering the password, verifying the phone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordMixin

from accounts.identity.forms import ask_for_new_password
from accounts.phone.rules.phone_code import CODE_DIGITS, typed_code
from portal.cedula_input import DIGITS_ONLY, CedulaInput, cedula_field

CODE_ERROR = f"Escribe el código de {CODE_DIGITS} dígitos que te llegó por mensaje de texto."


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
    cedula = cedula_field()


class RecoveryCodeForm(CedulaInput, _CodeMixin, forms.Form):
    cedula = cedula_field()
    code = _code_field()


class NewPasswordForm(SetPasswordMixin, forms.Form):
    """The new password, twice, once the code was accepted (its own page)."""

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
