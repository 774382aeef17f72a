"""Logging in with a cédula typed the way people write it ("1.234.567")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest

from cedula_domain.cedula import Cedula, InvalidCedula
from portal.cedula_input import CEDULA_REQUIRED, DIGITS_ONLY


def normalised_cedula(text: str) -> str:
    """The cédula's digits, or the text unchanged when it cannot be a cédula (it will
    simply fail to authenticate, with the same message as a wrong password)."""
    try:
        return Cedula.parse(text).value
    except InvalidCedula:
        return text.strip()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """django-axes counts failures per cédula, whatever its formatting."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalised_cedula(str(raw))


def axes_client_str(
    username: str | None,
    ip_address: str | None,
    user_agent: str,
    path_info: str,
    request: HttpRequest,
) -> str:
    """How django-axes names a client in its log lines: by address and page, never by the
    cédula, which stays out of logs."""
    return f"{{ip_address: {ip_address!r}, path_info: {path_info!r}}}"


def remember_me_field() -> forms.BooleanField:
    """The same box at login and at registration: ticked, the session lasts 14 days."""
    return forms.BooleanField(label="Recordarme en este dispositivo", required=False)


class CedulaLoginForm(AuthenticationForm):
    remember_me = remember_me_field()

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "La cédula o la contraseña no son correctas.",
        "inactive": "Esta cuenta está desactivada.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Cédula"
        self.fields["username"].max_length = 20
        self.fields["username"].widget.attrs.update({**DIGITS_ONLY, "autocomplete": "username"})
        self.fields["username"].widget.attrs["maxlength"] = 20
        self.fields["username"].error_messages["required"] = CEDULA_REQUIRED
        self.fields["password"].error_messages["required"] = "Escribe tu contraseña."
        # A form sent back opens on its error summary instead.
        if self.is_bound:
            self.fields["username"].widget.attrs.pop("autofocus", None)

    def clean_username(self) -> str:
        return normalised_cedula(self.cleaned_data["username"])
