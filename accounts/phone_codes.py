"""Codes sent by SMS to an account's phone: issued, sent, checked and spent.

The rules (lifetime, tries, codes per hour, single use) are ``cedula_domain.phone_code``'s;
this module keeps codes as rows, only as a keyed hash: a copy of the database alone does
not give them away, and a six-digit code is too short for an unkeyed hash to hide it.
"""

from __future__ import annotations

import enum
import logging
import math
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import CodePurpose, CustomUser, IssuedCode
from adapters.sms import SmsNotSent
from cedula_domain.phone_code import (
    CodeNotUsable,
    CodeState,
    PhoneCode,
    PhoneCodePolicy,
    random_code,
    typed_code,
)
from pagina_madre.sms import sms_sender

logger = logging.getLogger(__name__)

POLICY = PhoneCodePolicy()
LIFETIME_MINUTES = int(POLICY.lifetime.total_seconds() // 60)
CODE_RETENTION_HOURS = math.ceil(POLICY.retention / timedelta(hours=1))


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
    row = _latest(user, purpose)
    if row is None or _as_domain(row).state(timezone.now(), POLICY) is not CodeState.USABLE:
        return None
    digits = typed_code(code)
    if digits is None or not constant_time_compare(row.code_hash, _hash(user, purpose, digits)):
        IssuedCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        return None
    return row


def spend_code(row: IssuedCode) -> bool:
    """Use a code that ``check_code`` accepted. False when it can no longer be used: it
    expired meanwhile, or a concurrent request used it first (one UPDATE decides)."""
    now = timezone.now()
    try:
        _as_domain(row).use(now, POLICY)
    except CodeNotUsable:
        return False
    unused = IssuedCode.objects.filter(pk=row.pk, used_at__isnull=True)
    return unused.update(used_at=now) == 1


def withdraw_codes(*, user: CustomUser) -> None:
    """Codes sent to a number the account no longer has stop working now
    (``PhoneCode.withdrawn``, applied to all of the account's codes at once)."""
    now = timezone.now()
    IssuedCode.objects.filter(user=user, expires_at__gt=now).update(expires_at=now)


def forget_old_codes(now: datetime) -> int:
    """Delete the codes nothing needs any more (``PhoneCodePolicy.forgotten_before``)."""
    deleted, _ = IssuedCode.objects.filter(issued_at__lt=POLICY.forgotten_before(now)).delete()
    return deleted


def _issue(*, user: CustomUser, purpose: CodePurpose, limited: bool) -> str | None:
    now = timezone.now()
    with transaction.atomic():
        # Locking the account makes concurrent requests count one after the other.
        CustomUser.objects.select_for_update().filter(pk=user.pk).first()
        if limited:
            recent = IssuedCode.objects.filter(
                user=user, purpose=purpose, issued_at__gt=POLICY.window_start(now)
            ).count()
            if not POLICY.may_issue(issued_in_window=recent):
                return None
        code = random_code()
        issued = PhoneCode.issue(now, POLICY)
        IssuedCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash=_hash(user, purpose, code),
            issued_at=issued.issued_at,
            expires_at=issued.expires_at,
        )
    return code


def _latest(user: CustomUser, purpose: CodePurpose) -> IssuedCode | None:
    # Only the latest code counts: a new one retires those before it.
    codes = IssuedCode.objects.filter(user=user, purpose=purpose)
    return codes.order_by("-issued_at", "-pk").first()


def _as_domain(row: IssuedCode) -> PhoneCode:
    return PhoneCode(
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        attempts=row.attempts,
        used_at=row.used_at,
    )


def _hash(user: CustomUser, purpose: CodePurpose, code: str) -> str:
    # Bound to the account and the purpose: a verification code never resets a password.
    value = f"{user.pk}:{purpose.value}:{code}"
    return salted_hmac("accounts.phone_codes", value, algorithm="sha256").hexdigest()
