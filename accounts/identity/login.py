"""Logging in with a cédula typed the way people write it ("1.234.567")."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format

from accounts.identity.lockout import lockout_policy, tries_left_to_tell
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
    """The same box at login and at registration: ticked, the session lasts
    SESSION_COOKIE_AGE (settings.accounts)."""
    return forms.BooleanField(label="Recordarme en este dispositivo", required=False)


def duration_words(span: timedelta) -> str:
    """A wait as people say it: "1 hora", "30 minutos", "1 hora y 30 minutos"."""
    hours, minutes = divmod(round(span.total_seconds() / 60), 60)
    parts = [f"{hours} hora{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minuto{'s' if minutes != 1 else ''}")
    return " y ".join(parts)


def tries_left_words(tries: int, cooloff: timedelta) -> str:
    """Said after a failed login from the third on (``LockoutPolicy.tries_left_to_tell``):
    the same for every cédula, with an account or without."""
    left = "Te queda 1 intento" if tries == 1 else f"Te quedan {tries} intentos"
    return (
        f"{left}; después tendrás que esperar {duration_words(cooloff)} para volver a "
        "intentarlo. Si no recuerdas tu contraseña, puedes crear una nueva con "
        "«¿Olvidaste tu contraseña?»."
    )


# "7 de diciembre" (Django's date format: "d" and "e" escaped to be written as they are).
DAY_OF_MONTH = r"j \d\e F"


def retry_time_words(ends_at: datetime, now: datetime) -> str:
    """When a lockout ends, in the portal's time (TIME_ZONE, Colombia's): "a las 16:40",
    "mañana a las 00:30", or with the date when later still."""
    local, today = timezone.localtime(ends_at), timezone.localdate(now)
    at = f"a las {local:%H:%M}"
    if local.date() == today:
        return at
    if local.date() == today + timedelta(days=1):
        return f"mañana {at}"
    return f"el {date_format(local, DAY_OF_MONTH)} {at}"


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

    def get_invalid_login_error(self) -> ValidationError:
        """The refusal, and from the third failure the tries left before the wait. axes
        counted this failure as the cédula was authenticated, whether or not it has an
        account, so the words tell nothing about that."""
        error = super().get_invalid_login_error()
        if self.request is None:
            return error
        cedula = self.cleaned_data.get("username") or ""
        left = tries_left_to_tell(request=self.request, cedula=cedula)
        if left is None:
            return error
        cooloff = lockout_policy(self.request, {"username": cedula}).cooloff
        return ValidationError(
            f"{self.error_messages['invalid_login']} {tries_left_words(left, cooloff)}",
            code="invalid_login",
        )
