"""Use cases of accounts: what happens when a person registers."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import CustomUser
from accounts.policy import POLICY_VERSION


class CedulaAlreadyRegistered(Exception):
    """Another account took the cédula (possibly a moment ago, in a concurrent request)."""


def register_person(
    *, cedula: str, nombre_completo: str, telefono: PhoneNumber, password: str
) -> CustomUser:
    """Create the account of a person who accepted the current data policy just now."""
    try:
        with transaction.atomic():
            return CustomUser.objects.create_user(
                cedula,
                password,
                nombre_completo=nombre_completo,
                telefono=telefono,
                politica_aceptada_en=timezone.now(),
                politica_version=POLICY_VERSION,
            )
    except IntegrityError as error:
        raise CedulaAlreadyRegistered(cedula) from error
