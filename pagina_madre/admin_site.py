"""The admin site: Django's, or with STAFF_TOTP on, django-otp's, which lets in only staff
who proved a code from an enrolled TOTP device as they logged in. Read on every request,
so the setting needs no other change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.models import Device

from portal.operator import Operator
from portal.rate_limits import enforce_limit

_OTP_LOGIN_TEMPLATE = OTPAdminSite.login_template


class StaffOTPLoginForm(OTPAdminAuthenticationForm):
    """Password and code in one step: staff have a single device (enroll_totp sees to it),
    so the code is checked against it without asking which one."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Escribe el código que muestra tu aplicación de autenticación.",
        "invalid_token": "El código no es correcto: escribe el que muestra ahora tu aplicación.",
        "n_failed_attempts": ngettext_lazy(
            "Por %(failure_count)d intento fallido la verificación está en pausa; "
            "inténtalo de nuevo en un momento.",
            "Por %(failure_count)d intentos fallidos la verificación está en pausa; "
            "inténtalo de nuevo en un momento.",
            "failure_count",
        ),
        "verification_not_allowed": "La verificación del código está en pausa por ahora.",
        "device_required": "Escoge el dispositivo con el que generas el código.",
    }

    def _chosen_device(self, user: Any) -> Device | None:
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        return devices[0] if len(devices) == 1 else None


class PortalAdminSite(OTPAdminSite):
    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    @property  # type: ignore[override]
    def login_form(self) -> type[AdminAuthenticationForm]:
        return StaffOTPLoginForm if settings.STAFF_TOTP else AdminAuthenticationForm

    @property  # type: ignore[override]
    def login_template(self) -> str | None:
        return _OTP_LOGIN_TEMPLATE if settings.STAFF_TOTP else None

    @method_decorator(never_cache)
    @login_not_required
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Another door to the same accounts: its attempts count with the portal's login.
        if request.method == "POST":
            enforce_limit(request, group="login", rate_setting="LOGIN_RATE")
        return super().login(request, extra_context)

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        # Where staff work: which OPERATOR_* settings citizens' pages leave out for now.
        pending = Operator.from_settings(settings).pending_notice
        if pending:
            messages.warning(request, pending)
        return super().index(request, extra_context)

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.STAFF_TOTP:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
