"""Use cases of PHONE_VERIFICATION: a new account proves its phone with a code by SMS."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import CodePurpose, CustomUser
from accounts.phone.codes import (
    CodeRefused,
    Delivery,
    guess_code,
    latest_code_text,
    send_code,
    spend_code,
)
from accounts.phone.requirement import phone_verification_due
from accounts.phone.rules.phone_code import CodeText
from accounts.signals import phone_verified
from pagina_madre.bootstrap.phone_codes import phone_code_policy

VERIFICATION_SMS = (
    "Página Madre: tu código para verificar tu teléfono es {code}. Vence en {minutes} minutos."
)


def send_verification_code(*, user: CustomUser) -> Delivery:
    return send_code(user=user, purpose=CodePurpose.VERIFICATION, message=VERIFICATION_SMS)


def verification_text(*, user: CustomUser) -> CodeText | None:
    """Where the text of the person's latest verification code is: on its way, sent, or
    refused by the SMS service (then they may ask for another at once); None: no code."""
    return latest_code_text(user=user, purpose=CodePurpose.VERIFICATION)


def ask_for_verification(*, user: CustomUser) -> bool:
    """Text a code to a person who must verify their phone (a new account, a new number);
    whether they must. The phone gate then leads them to the verification page."""
    if not phone_verification_due(user=user):
        return False
    send_verification_code(user=user)
    return True


def verify_phone(*, user: CustomUser, code: str) -> None:
    """Verify the phone with ``code``, the latest one sent, still good. Raises CodeRefused,
    saying the tries left."""
    guess = guess_code(user=user, purpose=CodePurpose.VERIFICATION, code=code)
    if guess.accepted is None:
        latest = guess.code
        raise CodeRefused(
            None if latest is None else latest.tries_left(timezone.now(), phone_code_policy())
        )
    with transaction.atomic():
        if not spend_code(guess.accepted):
            raise CodeRefused
        confirm_phone(user=user)


def confirm_phone(*, user: CustomUser) -> None:
    """Record that the person holds the phone (once), and say so to whoever waits for it."""
    if user.phone_verified_at is not None:
        return
    user.phone_verified_at = timezone.now()
    user.save(update_fields=["phone_verified_at"])
    phone_verified.send(sender=CustomUser, user=user)
