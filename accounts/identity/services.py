"""Use cases of accounts: what happens when a person registers or changes their details."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import CustomUser
from accounts.phone.codes import withdraw_codes
from accounts.privacy.consents import accept_policy


class CedulaAlreadyRegistered(Exception):
    """Another account took the cédula (possibly a moment ago, in a concurrent request)."""


def register_person(
    *, cedula: str, nombre_completo: str, telefono: PhoneNumber, password: str
) -> CustomUser:
    """Create the account of a person who accepted the current data policy just now."""
    try:
        with transaction.atomic():
            user = CustomUser.objects.create_user(
                cedula, password, nombre_completo=nombre_completo, telefono=telefono
            )
            accept_policy(user=user, at=timezone.now())
            return user
    except IntegrityError as error:
        raise CedulaAlreadyRegistered(cedula) from error


def update_details(*, user: CustomUser, nombre_completo: str, telefono: PhoneNumber) -> bool:
    """Save the person's name and phone; True when the phone changed. A new number is not
    the one that was verified, and the codes sent to the old one stop working: whoever
    holds that phone now can neither verify the account nor recover its password."""
    with transaction.atomic():
        stored = CustomUser.objects.select_for_update().only("telefono").get(pk=user.pk)
        phone_changed = stored.telefono != telefono
        user.nombre_completo = nombre_completo
        user.telefono = telefono
        fields = ["nombre_completo", "telefono"]
        if phone_changed:
            user.phone_verified_at = None
            fields.append("phone_verified_at")
            withdraw_codes(user=user)
        user.save(update_fields=fields)
    return phone_changed
