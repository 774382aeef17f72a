"""Use cases of accounts: what happens when a person registers."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from phonenumber_field.phonenumber import PhoneNumber

from accounts.consents import accept_policy
from accounts.models import CustomUser


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
