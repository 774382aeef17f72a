"""The second factor of staff (STAFF_TOTP=1): a TOTP device per staff member, enrolled
by an operator, whose codes the admin's login asks for (pagina_madre.admin_site)."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import CustomUser

DEVICE_NAME = "Administración"


class CannotEnroll(Exception):
    """Why no device was enrolled, in the operator's words."""


@transaction.atomic
def enroll_staff_totp(*, cedula: str, replace: bool = False) -> TOTPDevice:
    """A new confirmed TOTP device for the staff member with this cédula. One at a time:
    ``replace`` removes the ones they had (a lost phone)."""
    user = CustomUser.objects.filter(cedula=cedula).first()
    if user is None or not user.is_staff:
        raise CannotEnroll(f"No hay un miembro del equipo (is_staff) con la cédula {cedula}.")
    existing = TOTPDevice.objects.devices_for_user(user, confirmed=None)
    if existing.exists() and not replace:
        raise CannotEnroll(
            "Esa persona ya tiene un dispositivo TOTP. Usa --replace para cambiarlo "
            "(los códigos del anterior dejan de servir)."
        )
    existing.delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
