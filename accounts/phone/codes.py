"""Codes sent by SMS to an account's phone: issued, sent, checked and spent.

The rules (lifetime, tries, codes per hour, single use, withdrawal) are
``accounts.phone.rules.phone_code``'s, with the policy the composition root builds: every
change to a stored code is the rule's decision, written back. This module keeps codes as
rows, only as a keyed hash: a copy of the database alone does not give them away, and a
six-digit code is too short for an unkeyed hash to hide it.
"""

from __future__ import annotations

import enum
import logging
import math
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import CodePurpose, CustomUser, IssuedCode
from accounts.phone.rules.phone_code import (
    CodeNotUsable,
    CodeState,
    PhoneCode,
    random_code,
    typed_code,
)
from pagina_madre.bootstrap.phone_codes import phone_code_policy
from pagina_madre.bootstrap.sms import SmsNotSent, sms_sender

logger = logging.getLogger(__name__)

LIFETIME_MINUTES = int(phone_code_policy().lifetime.total_seconds() // 60)
CODE_RETENTION_HOURS = math.ceil(phone_code_policy().retention / timedelta(hours=1))


class Delivery(enum.Enum):
    SENT = "sent"
    # The account had its share of codes for now (PhoneCodePolicy.max_per_window).
    LIMITED = "limited"
    # The SMS service refused or failed; the code was withdrawn and does not count.
    FAILED = "failed"


def send_code(
    *, user: CustomUser, purpose: CodePurpose, message: str, limited: bool = True
) -> Delivery:
    """Issue a code and text it to the account's phone. ``message`` has a ``{code}`` (and
    may have a ``{minutes}``) placeholder. Staff hand-overs are not ``limited``."""
    code = _issue(user=user, purpose=purpose, limited=limited)
    if code is None:
        return Delivery.LIMITED
    text = message.format(code=code, minutes=LIFETIME_MINUTES)
    try:
        sms_sender().send(user.telefono, text)
    except SmsNotSent as error:
        logger.error("SMS with a %s code not sent: %s", purpose.value, error)
        IssuedCode.objects.filter(user=user, code_hash=_hash(user, purpose, code)).delete()
        return Delivery.FAILED
    return Delivery.SENT


def check_code(*, user: CustomUser, purpose: CodePurpose, code: str) -> IssuedCode | None:
    """The account's latest code for ``purpose`` when ``code`` is it and it may still be
    used; otherwise None, and a wrong guess costs that code one try."""
    with transaction.atomic():
        # Locked: guesses at once are judged and counted one after the other, so none is
        # tried against a code whose last try another guess has just used.
        row = _latest_locked(user, purpose)
        if row is None:
            return None
        stored = _as_domain(row)
        if stored.state(timezone.now(), phone_code_policy()) is not CodeState.USABLE:
            return None
        digits = typed_code(code)
        if digits is None or not constant_time_compare(row.code_hash, _hash(user, purpose, digits)):
            _write(row, stored.guessed_wrong())
            return None
    return row


def spend_code(row: IssuedCode) -> bool:
    """Use a code that ``check_code`` accepted. False when it can no longer be used: it
    expired meanwhile, or a concurrent request used it first (one UPDATE decides)."""
    try:
        used = _as_domain(row).use(timezone.now(), phone_code_policy())
    except CodeNotUsable:
        return False
    unused = IssuedCode.objects.filter(pk=row.pk, used_at__isnull=True)
    return unused.update(used_at=used.used_at) == 1


def withdraw_codes(*, user: CustomUser) -> None:
    """Codes sent to a number the account no longer has stop working now
    (``PhoneCode.withdrawn``, for each of the account's codes)."""
    now = timezone.now()
    with transaction.atomic():
        for row in IssuedCode.objects.select_for_update().filter(user=user):
            stored = _as_domain(row)
            withdrawn = stored.withdrawn(now)
            if withdrawn != stored:
                _write(row, withdrawn)


def forget_old_codes(now: datetime) -> int:
    """Delete the codes nothing needs any more (``PhoneCodePolicy.forgotten_before``)."""
    forgotten_before = phone_code_policy().forgotten_before(now)
    deleted, _ = IssuedCode.objects.filter(issued_at__lt=forgotten_before).delete()
    return deleted


def _issue(*, user: CustomUser, purpose: CodePurpose, limited: bool) -> str | None:
    now = timezone.now()
    policy = phone_code_policy()
    with transaction.atomic():
        # Locking the account makes concurrent requests count one after the other.
        CustomUser.objects.select_for_update().filter(pk=user.pk).first()
        if limited:
            recent = IssuedCode.objects.filter(
                user=user, purpose=purpose, issued_at__gt=policy.window_start(now)
            ).count()
            if not policy.may_issue(issued_in_window=recent):
                return None
        code = random_code()
        issued = PhoneCode.issue(now, policy)
        IssuedCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash=_hash(user, purpose, code),
            issued_at=issued.issued_at,
            expires_at=issued.expires_at,
        )
    return code


def _latest_locked(user: CustomUser, purpose: CodePurpose) -> IssuedCode | None:
    # Only the latest code counts: a new one retires those before it.
    codes = IssuedCode.objects.select_for_update().filter(user=user, purpose=purpose)
    return codes.order_by("-issued_at", "-pk").first()


def _as_domain(row: IssuedCode) -> PhoneCode:
    return PhoneCode(
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        attempts=row.attempts,
        used_at=row.used_at,
    )


def _write(row: IssuedCode, code: PhoneCode) -> None:
    """Store what the rule decided about ``row``'s code (its issue time never changes)."""
    row.expires_at = code.expires_at
    row.attempts = code.attempts
    row.used_at = code.used_at
    row.save(update_fields=["expires_at", "attempts", "used_at"])


def _hash(user: CustomUser, purpose: CodePurpose, code: str) -> str:
    # Bound to the account and the purpose: a verification code never resets a password.
    value = f"{user.pk}:{purpose.value}:{code}"
    return salted_hmac("accounts.phone.codes", value, algorithm="sha256").hexdigest()
