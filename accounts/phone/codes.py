"""Codes sent by SMS to an account's phone: issued, queued, checked and spent.

The rules (lifetime, tries, codes per hour, single use, withdrawal) are
``accounts.phone.rules.phone_code``'s, with the policy the composition root builds: every
change to a stored code is the rule's decision, written back. This module keeps codes as
rows, only as a keyed hash: a copy of the database alone does not give them away, and a
six-digit code is too short for an unkeyed hash to hide it.

No request waits on the SMS service: a request reserves the code (it counts, and retires
the codes before it) and writes an ``OutgoingText``; a worker draws the code and sends it
(``accounts.phone.texts``), so the code is never stored in the clear either. When the SMS
service refuses it, the worker marks the code undelivered (``code_not_sent``): it never
works and does not count, and the person waiting for it is told (``latest_code_text``).
"""

from __future__ import annotations

import enum
import math
from datetime import datetime, timedelta

from attrs import frozen
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import CodePurpose, CustomUser, IssuedCode, OutgoingText
from accounts.phone.rules.phone_code import (
    CodeNotUsable,
    CodeState,
    CodeText,
    PhoneCode,
    code_text,
    random_code,
    typed_code,
)
from pagina_madre.bootstrap.phone_codes import phone_code_policy
from pagina_madre.bootstrap.sms import wake_text_sender

LIFETIME_MINUTES = int(phone_code_policy().lifetime.total_seconds() // 60)
CODE_RETENTION_HOURS = math.ceil(phone_code_policy().retention / timedelta(hours=1))


class Delivery(enum.Enum):
    """What a request asking for a code learns at once. Whether its text then left is the
    worker's to learn, after the request (``latest_code_text``)."""

    # On its way: a worker texts it moments later.
    SENT = "sent"
    # The account had its share of codes for now (PhoneCodePolicy.max_per_window).
    LIMITED = "limited"


def send_code(
    *, user: CustomUser, purpose: CodePurpose, message: str, limited: bool = True
) -> Delivery:
    """Issue a code and text it to the account's phone (the number it has now). ``message``
    has a ``{code}`` (and may have a ``{minutes}``) placeholder. Staff hand-overs are not
    ``limited``. The text leaves from a worker; if it cannot, its code does not count."""
    row = issue_code(user=user, purpose=purpose, message=message, limited=limited)
    return Delivery.LIMITED if row is None else Delivery.SENT


def issue_code(
    *, user: CustomUser, purpose: CodePurpose, message: str, limited: bool = True
) -> IssuedCode | None:
    """``send_code``, answering the code's row (None: the account had its share), for a
    caller that follows its text."""
    with transaction.atomic():
        row = reserve_code(user=user, purpose=purpose, limited=limited)
        if row is not None:
            _queue(user=user, phone=user.telefono, message=message, code=row, until=row.expires_at)
    return row


def latest_code_text(*, user: CustomUser, purpose: CodePurpose) -> CodeText | None:
    """Where the text of the account's latest code for ``purpose`` is (only the latest
    counts); None when it has none."""
    waiting = OutgoingText.objects.filter(code=OuterRef("pk"))
    row = (
        IssuedCode.objects.filter(user=user, purpose=purpose)
        .annotate(text_waiting=Exists(waiting))
        .order_by("-issued_at", "-pk")
        .first()
    )
    if row is None:
        return None
    return code_text(undelivered_at=row.undelivered_at, waiting=row.text_waiting)


def code_not_sent(code_pk: int) -> None:
    """The text of the code ``code_pk`` could not be sent (the SMS service refused it, or
    it waited past its time): the code never works (``PhoneCode.undelivered``) and does
    not count, and is kept, until it is forgotten like any other, so that its account can
    be told."""
    with transaction.atomic():
        row = IssuedCode.objects.select_for_update().filter(pk=code_pk).first()
        if row is None:  # forgotten meanwhile, with its account
            return
        row.undelivered_at = _as_domain(row).undelivered(timezone.now()).undelivered_at
        # Its code was drawn as the text left: nothing may match it any more.
        row.code_hash = ""
        row.save(update_fields=["undelivered_at", "code_hash"])


def send_code_later(*, user_pk: int | None, purpose: CodePurpose, message: str) -> None:
    """Text a code to the account ``user_pk`` (None: no account) as ``send_code`` would,
    but issued by the worker, within the account's allowance. The row written is the same
    whether or not there is an account: a request that asks for it tells nothing by the
    work it does, and never waits on the SMS service."""
    until = timezone.now() + phone_code_policy().lifetime
    _queue(user=user_pk, phone="", message=message, purpose=purpose, until=until)


def send_text(*, user: CustomUser, to: PhoneNumber | str, message: str) -> None:
    """Text ``message`` as written, no code, to ``to`` (any number, such as the one the
    account just left), from a worker. It is about ``user``'s account: forgetting the
    account before it leaves drops it."""
    until = timezone.now() + phone_code_policy().retention
    _queue(user=user, phone=to, message=message, until=until)


class CodeRefused(Exception):
    """A typed code that was not accepted: wrong, used, expired or out of tries.
    ``tries_left``: how many more wrong guesses the code takes (0: spent), or None when
    tries do not matter any more (no code that could still work)."""

    def __init__(self, tries_left: int | None = None) -> None:
        super().__init__(tries_left)
        self.tries_left = tries_left


@frozen
class Guess:
    """What a typed code did: ``accepted``, the account's latest code's row when it was
    that code and usable; ``code``, that latest code after the guess (None: none)."""

    accepted: IssuedCode | None
    code: PhoneCode | None


def guess_code(*, user: CustomUser, purpose: CodePurpose, code: str) -> Guess:
    """The account's latest code for ``purpose`` as ``accepted`` when ``code`` is it and it
    may still be used; a wrong guess costs that code one try. The latest code as the guess
    left it, for a page that says how many tries remain (``PhoneCode.tries_left``)."""
    with transaction.atomic():
        # Locked: guesses at once are judged and counted one after the other, so none is
        # tried against a code whose last try another guess has just used.
        row = _latest_locked(user, purpose)
        if row is None:
            return Guess(None, None)
        stored = _as_domain(row)
        if stored.state(timezone.now(), phone_code_policy()) is not CodeState.USABLE:
            return Guess(None, stored)
        digits = typed_code(code)
        # A code not drawn yet (its text still waiting) has no hash: nothing matches it.
        expected = "" if digits is None else _hash(user.pk, purpose, digits)
        if not expected or not constant_time_compare(row.code_hash, expected):
            wrong = stored.guessed_wrong()
            _write(row, wrong)
            return Guess(None, wrong)
    return Guess(row, stored)


def spend_code(row: IssuedCode) -> bool:
    """Use a code that ``guess_code`` accepted. False when it can no longer be used: it
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
    # The texts of codes never sent go with them: they count apart.
    _, deleted = IssuedCode.objects.filter(issued_at__lt=forgotten_before).delete()
    return deleted.get(IssuedCode._meta.label, 0)


def reserve_code(*, user: CustomUser, purpose: CodePurpose, limited: bool) -> IssuedCode | None:
    """A new code row for the account, counted and retiring the ones before it, or None
    when the account had its share. Its code is drawn only when its text leaves
    (``draw_code``): until then no code matches it."""
    now = timezone.now()
    policy = phone_code_policy()
    with transaction.atomic():
        # Locking the account makes concurrent requests count one after the other.
        CustomUser.objects.select_for_update().filter(pk=user.pk).first()
        if limited:
            recent = IssuedCode.objects.filter(
                user=user, purpose=purpose, issued_at__gt=policy.window_start(now)
            )
            # One hour's rows, few: the rule, not the query, says which of them count.
            counted = sum(1 for row in recent if _as_domain(row).counts_against_allowance)
            if not policy.may_issue(issued_in_window=counted):
                return None
        issued = PhoneCode.issue(now, policy)
        return IssuedCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash="",
            issued_at=issued.issued_at,
            expires_at=issued.expires_at,
        )


def draw_code(row: IssuedCode) -> str | None:
    """The code of ``row``, drawn now and stored as its hash (a code drawn before for it,
    by a worker that then died, stops matching); None when the row is gone."""
    code = random_code()
    hashed = _hash(row.user_id, CodePurpose(row.purpose), code)
    return code if IssuedCode.objects.filter(pk=row.pk).update(code_hash=hashed) else None


def _queue(
    *,
    user: CustomUser | int | None,
    phone: PhoneNumber | str,
    message: str,
    until: datetime,
    purpose: CodePurpose | None = None,
    code: IssuedCode | None = None,
) -> None:
    owner = {"user": user} if isinstance(user, CustomUser) else {"user_id": user}
    OutgoingText.objects.create(
        **owner,
        phone=phone,
        message=message,
        purpose=purpose or "",
        code=code,
        send_before=until,
    )
    # After the commit: a worker woken sooner would find nothing. The wake-up carries
    # nothing, the rows say what is due; one lost (the broker down) leaves the text to the
    # sweep, a minute later, and the request answers all the same.
    transaction.on_commit(wake_text_sender, robust=True)


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
        undelivered_at=row.undelivered_at,
    )


def _write(row: IssuedCode, code: PhoneCode) -> None:
    """Store what the rule decided about ``row``'s code (its issue time never changes)."""
    row.expires_at = code.expires_at
    row.attempts = code.attempts
    row.used_at = code.used_at
    row.save(update_fields=["expires_at", "attempts", "used_at"])


def _hash(user_pk: int, purpose: CodePurpose, code: str) -> str:
    # Bound to the account and the purpose: a verification code never resets a password.
    value = f"{user_pk}:{purpose.value}:{code}"
    return salted_hmac("accounts.phone.codes", value, algorithm="sha256").hexdigest()
