"""Use cases of password recovery: a code sent to the account's phone, then a new password.

Nothing here tells whether a cédula has an account: asking for a code answers nothing and
takes the same work either way (the SMS leaves from a worker), and a code that does not
work fails the same way whatever the reason.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from accounts.models import CodePurpose, CustomUser
from accounts.phone.codes import check_code, send_code_later, spend_code
from accounts.phone.verification import confirm_phone

RECOVERY_SMS = (
    "Página Madre: tu código para recuperar tu contraseña es {code}. Vence en {minutes} "
    "minutos. Si no lo pediste, ignora este mensaje."
)


class RecoveryRefused(Exception):
    """The code is wrong, used, expired or out of tries, or no account holds the cédula."""


def request_recovery_code(*, cedula: str) -> None:
    """Text a code to the phone of the account that holds ``cedula``, if there is one and it
    has not had its share of codes this hour. Both are the worker's to decide, after the
    answer: here the same read, the same row and the same wake-up whether or not an account
    holds the cédula, so neither the work nor the time it takes tells."""
    account = CustomUser.objects.filter(cedula=cedula, is_active=True)
    user_pk = account.values_list("pk", flat=True).first()
    send_code_later(user_pk=user_pk, purpose=CodePurpose.RECOVERY, message=RECOVERY_SMS)


@sensitive_variables("code", "password")
def reset_password_with_code(*, cedula: str, code: str, password: str) -> CustomUser:
    """Set a new password with the code sent to the account's phone, which also proves the
    phone. The new password ends every other session (Django's session auth hash).

    Raises RecoveryRefused, or ValidationError when the password is not good enough: the
    code is then kept for another try (a wrong code is not)."""
    user = _account(cedula)
    row = None if user is None else check_code(user=user, purpose=CodePurpose.RECOVERY, code=code)
    if user is None or row is None:
        raise RecoveryRefused
    validate_password(password, user)
    with transaction.atomic():
        if not spend_code(row):
            raise RecoveryRefused
        user.set_password(password)
        user.save(update_fields=["password"])
        confirm_phone(user=user)
    return user


def _account(cedula: str) -> CustomUser | None:
    return CustomUser.objects.filter(cedula=cedula, is_active=True).first()
