"""The staff's authenticator apps (STAFF_TOTP) in the admin, in the portal's Spanish.

django-otp names its model, fields and sections in English, outside any catalogue, so
the pages are drawn from Spanish columns here. An app is enrolled only by
`manage.py enroll_totp`, which prints its secret once: the admin adds none and shows no
secret, and django-otp's config and QR pages keep refusing everyone
(OTP_ADMIN_HIDE_SENSITIVE_DATA)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice


@admin.display(description="miembro del equipo", ordering="user__nombre_completo")
def holder(device: TOTPDevice) -> str:
    return str(device.user)


@admin.display(description="nombre")
def name(device: TOTPDevice) -> str:
    return device.name


@admin.display(description="lista para usar", boolean=True)
def confirmed(device: TOTPDevice) -> bool:
    return device.confirmed


@admin.display(description="inscrita el", ordering="created_at")
def enrolled_at(device: TOTPDevice) -> datetime | None:
    return device.created_at


@admin.display(description="último uso", ordering="last_used_at")
def last_used_at(device: TOTPDevice) -> datetime | None:
    return device.last_used_at


SHOWN = (holder, name, confirmed, enrolled_at, last_used_at)


class StaffAuthenticatorAdmin(TOTPDeviceAdmin):
    list_display = SHOWN
    list_filter = ()
    fields = SHOWN
    readonly_fields = SHOWN
    search_help_text = "Busca por la cédula del miembro del equipo."

    def get_list_display(self, request: HttpRequest) -> tuple:
        return SHOWN

    def get_fieldsets(self, request: HttpRequest, obj: TOTPDevice | None = None) -> list:
        return [("App de códigos", {"fields": SHOWN})]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False


def register_in_spanish() -> None:
    """Called once the apps are ready (pagina_madre.app_names.StaffTOTPConfig)."""
    TOTPDevice._meta.verbose_name = "app de códigos del equipo"
    TOTPDevice._meta.verbose_name_plural = "apps de códigos del equipo"
    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(TOTPDevice, StaffAuthenticatorAdmin)
