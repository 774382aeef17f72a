"""Use cases of password recovery: a code sent to the account's phone, typed on its own
page, then a new password on another.

Nothing here tells whether a cédula has an account: asking for a code answers nothing and
takes the same work either way (the SMS leaves from a worker), and a code that does not
work fails the same way whatever the reason. A wrong code says how many tries remain
(``PhoneCode.tries_left``); for a cédula whose account has no code it could have received
(no account, or a text that never left), the same rule counts the tries of a stand-in code
started by the same ask, kept in the cache under a keyed hash of the cédula, so that the
answers follow the same course either way. (They part only in corners: the stand-in is
started afresh by an ask that a real account, over its codes per hour, would not get.)
"""

from __future__ import annotations

from datetime import datetime

from attrs import evolve
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from accounts.models import CodePurpose, CustomUser, IssuedCode
from accounts.phone.codes import CodeRefused, guess_code, send_code_later, spend_code
from accounts.phone.rules.phone_code import CodeState, PhoneCode
from accounts.phone.rules.verified_code import VerifiedCode
from accounts.phone.verification import confirm_phone
from pagina_madre.bootstrap.phone_codes import phone_code_policy

RECOVERY_SMS = (
    "Página Madre: tu código para recuperar tu contraseña es {code}. Vence en {minutes} "
    "minutos. Si no lo pediste, ignora este mensaje."
)


class RecoveryRefused(CodeRefused):
    """As ``CodeRefused``, also when no account holds the cédula, or the pass to choose a
    password is closed."""


def request_recovery_code(*, cedula: str) -> None:
    """Text a code to the phone of the account that holds ``cedula``, if there is one and it
    has not had its share of codes this hour. Both are the worker's to decide, after the
    answer: here the same read, the same rows and the same wake-up whether or not an account
    holds the cédula, so neither the work nor the time it takes tells."""
    account = CustomUser.objects.filter(cedula=cedula, is_active=True)
    user_pk = account.values_list("pk", flat=True).first()
    send_code_later(user_pk=user_pk, purpose=CodePurpose.RECOVERY, message=RECOVERY_SMS)
    _start_stand_in(cedula, timezone.now())


@sensitive_variables("code")
def verify_recovery_code(*, cedula: str, code: str) -> VerifiedCode:
    """Accept the code sent to the account's phone, which also proves the phone: the code
    is spent, and the pass answered lets this browser choose the new password
    (``choose_new_password``). Raises RecoveryRefused, saying the tries left."""
    user = _account(cedula)
    guess = None if user is None else guess_code(user=user, purpose=CodePurpose.RECOVERY, code=code)
    if user is not None and guess is not None and guess.accepted is not None:
        with transaction.atomic():
            if not spend_code(guess.accepted):
                raise RecoveryRefused
            confirm_phone(user=user)
        return VerifiedCode(user_pk=user.pk, code_pk=guess.accepted.pk, verified_at=timezone.now())
    now, policy = timezone.now(), phone_code_policy()
    received = guess.code if guess is not None else None
    if received is None or received.state(now, policy) is CodeState.UNDELIVERED:
        received = _stand_in_guessed_wrong(cedula, now)
    raise RecoveryRefused(None if received is None else received.tries_left(now, policy))


@sensitive_variables("password")
def choose_new_password(*, verified: VerifiedCode, password: str) -> CustomUser:
    """Set the new password of the account whose code ``verified`` accepted. It ends every
    other session (Django's session auth hash). The caller drops the pass: it works once.

    Raises RecoveryRefused when the pass is closed, or its account or code gone (handed
    over meanwhile); ValidationError when the password is not good enough (the pass stays
    for another try)."""
    user = CustomUser.objects.filter(pk=verified.user_pk, is_active=True).first()
    code = IssuedCode.objects.filter(
        pk=verified.code_pk, user_id=verified.user_pk, purpose=CodePurpose.RECOVERY
    )
    if user is None or not verified.is_open(timezone.now()) or not code.exists():
        raise RecoveryRefused
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _account(cedula: str) -> CustomUser | None:
    return CustomUser.objects.filter(cedula=cedula, is_active=True).first()


def _stand_in_key(cedula: str) -> str:
    digest = salted_hmac("accounts.phone.recovery.stand_in", cedula, algorithm="sha256")
    return f"recovery-stand-in:{digest.hexdigest()}"


def _start_stand_in(cedula: str, now: datetime) -> None:
    policy = phone_code_policy()
    _keep_stand_in(cedula, PhoneCode.issue(now, policy))


def _keep_stand_in(cedula: str, code: PhoneCode) -> None:
    stored = {"issued_at": code.issued_at, "attempts": code.attempts}
    cache.set(_stand_in_key(cedula), stored, timeout=phone_code_policy().lifetime.total_seconds())


def _stand_in_guessed_wrong(cedula: str, now: datetime) -> PhoneCode | None:
    """The stand-in code after a wrong guess, as ``guess_code`` treats a real one."""
    stored = cache.get(_stand_in_key(cedula))
    if stored is None:
        return None
    policy = phone_code_policy()
    code = evolve(PhoneCode.issue(stored["issued_at"], policy), attempts=stored["attempts"])
    if code.state(now, policy) is not CodeState.USABLE:
        return code
    wrong = code.guessed_wrong()
    _keep_stand_in(cedula, wrong)
    return wrong
