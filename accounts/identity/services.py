"""Use cases of accounts: what happens when a person registers or changes their details."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import CustomUser
from accounts.phone.codes import send_text, withdraw_codes
from accounts.privacy.consents import accept_policy

# To the number an account leaves: the one who held it may not be the one who changed it.
# Neither the cédula nor the new number: whoever has the old phone now may be anyone.
PHONE_CHANGED_SMS = (
    "Página Madre: el teléfono de tu cuenta se cambió por otro número y cerramos tus otras "
    "sesiones. Si no fuiste tú, reclama tu cuenta en {link}"
)


class CedulaAlreadyRegistered(Exception):
    """Another account took the cédula (possibly a moment ago, in a concurrent request)."""


class PasswordNeeded(Exception):
    """The phone was to change without the account's current password (none, or wrong)."""


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


@sensitive_variables("password")
def update_details(
    *,
    user: CustomUser,
    nombre_completo: str,
    telefono: PhoneNumber,
    password: str,
    claim_link: str,
) -> bool:
    """Save the person's name and phone; True when the phone changed.

    The phone is the key back into the account (recovery texts it), so changing it takes
    the current ``password``: a session alone, stolen or left open, cannot make the account
    someone else's for good. A new number is not the one that was verified, and the codes
    sent to the old one stop working. The old number is told, with ``claim_link`` (absolute:
    it goes in the SMS), and every other session of the account ends.

    Raises PasswordNeeded, changing nothing, when the phone changes without the right
    password (the name alone needs none)."""
    with transaction.atomic():
        stored = CustomUser.objects.select_for_update().only("telefono", "password").get(pk=user.pk)
        old_phone = stored.telefono
        phone_changed = old_phone != telefono
        if phone_changed and not stored.check_password(password):
            raise PasswordNeeded(user.pk)
        user.nombre_completo = nombre_completo
        user.telefono = telefono
        fields = ["nombre_completo", "telefono"]
        if phone_changed:
            user.phone_verified_at = None
            # The same password under a new salt: Django's session auth hash changes, so
            # every session but the caller's (update_session_auth_hash) ends, as a new
            # password ends them.
            user.set_password(password)
            fields += ["phone_verified_at", "password"]
            withdraw_codes(user=user)
        user.save(update_fields=fields)
        if phone_changed:
            send_text(user=user, to=old_phone, message=PHONE_CHANGED_SMS.format(link=claim_link))
    return phone_changed
