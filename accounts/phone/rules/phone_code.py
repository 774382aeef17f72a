"""A six-digit code sent by SMS: it proves that whoever types it holds the account's phone.

Life of a code (only the latest code of an account and purpose counts: issuing one
retires the ones before it)::

    issued          -wrong guess->   issued, one attempt fewer
    issued, in time -right guess->   used (once: a used code never works again)
    issued          -time passes->   expired
    issued          -max attempts->  spent
    issued          -phone changed-> expired (withdrawn: it went to a number the account
                                     no longer has)
    issued          -SMS refused->   undelivered (it never works, and does not count)

An account gets at most ``max_per_window`` codes per ``window``, so guessing is bounded
too: a few codes an hour, a few tries each, out of a million. A code whose text the SMS
service refused gave nobody anything to guess with: it does not count, so the person may
ask for another at once.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from attrs import evolve, field, frozen, validators

CODE_DIGITS = 6


class CodeState(enum.Enum):
    USABLE = "usable"
    USED = "used"
    EXPIRED = "expired"
    SPENT = "spent"
    UNDELIVERED = "undelivered"


class CodeText(enum.Enum):
    """Where the text that carries a code is, as the person waiting for it is told."""

    # A worker has not sent it yet.
    WAITING = "waiting"
    SENT = "sent"
    # The SMS service refused it: the code never works, another may be asked for.
    NOT_SENT = "not_sent"


def code_text(*, undelivered_at: datetime | None, waiting: bool) -> CodeText:
    """``undelivered_at``: when the SMS service refused the code's text (``PhoneCode``'s);
    ``waiting``: its text is still queued (a worker sending it keeps it until it is sent)."""
    if undelivered_at is not None:
        return CodeText.NOT_SENT
    if waiting:
        return CodeText.WAITING
    return CodeText.SENT


class CodeNotUsable(Exception):
    """Only a usable code can be used."""


@frozen(kw_only=True)
class PhoneCodePolicy:
    lifetime: timedelta = field(
        default=timedelta(minutes=10), validator=validators.gt(timedelta(0))
    )
    max_attempts: int = field(default=5, validator=validators.ge(1))
    max_per_window: int = field(default=3, validator=validators.ge(1))
    window: timedelta = field(default=timedelta(hours=1), validator=validators.gt(timedelta(0)))

    def window_start(self, now: datetime) -> datetime:
        """Codes issued since then count against the account's allowance."""
        return now - self.window

    def may_issue(self, *, issued_in_window: int) -> bool:
        return issued_in_window < self.max_per_window

    @property
    def retention(self) -> timedelta:
        """How long a code is kept: while it may work or count against the allowance."""
        return max(self.lifetime, self.window)

    def forgotten_before(self, now: datetime) -> datetime:
        """Codes issued before then are needed by nothing any more: they are deleted."""
        return now - self.retention


@frozen(kw_only=True)
class PhoneCode:
    issued_at: datetime
    expires_at: datetime
    attempts: int = 0
    used_at: datetime | None = None
    # When the SMS service refused its text.
    undelivered_at: datetime | None = None

    @classmethod
    def issue(cls, now: datetime, policy: PhoneCodePolicy) -> PhoneCode:
        return cls(issued_at=now, expires_at=now + policy.lifetime)

    def state(self, now: datetime, policy: PhoneCodePolicy) -> CodeState:
        if self.undelivered_at is not None:
            return CodeState.UNDELIVERED
        if self.used_at is not None:
            return CodeState.USED
        if self.attempts >= policy.max_attempts:
            return CodeState.SPENT
        if now >= self.expires_at:
            return CodeState.EXPIRED
        return CodeState.USABLE

    def tries_left(self, now: datetime, policy: PhoneCodePolicy) -> int | None:
        """How many more wrong guesses the code takes before it is spent: 0 once spent;
        None when it no longer works for another reason (used, expired, undelivered),
        where tries no longer matter."""
        state = self.state(now, policy)
        if state is CodeState.SPENT:
            return 0
        if state is CodeState.USABLE:
            return policy.max_attempts - self.attempts
        return None

    def guessed_wrong(self) -> PhoneCode:
        return evolve(self, attempts=self.attempts + 1)

    def withdrawn(self, now: datetime) -> PhoneCode:
        """The code stops working now; it still counts against the account's allowance,
        or changing the phone back and forth would send codes without limit."""
        return evolve(self, expires_at=min(self.expires_at, now))

    def undelivered(self, now: datetime) -> PhoneCode:
        """The SMS service refused the code's text: the code never works (even had the
        text reached the phone after all) and stops counting against the allowance."""
        return evolve(self, undelivered_at=now)

    @property
    def counts_against_allowance(self) -> bool:
        """Every code sent counts, withdrawn ones too (or changing the phone back and forth
        would send codes without limit); one whose text never left does not."""
        return self.undelivered_at is None

    def use(self, now: datetime, policy: PhoneCodePolicy) -> PhoneCode:
        state = self.state(now, policy)
        if state is not CodeState.USABLE:
            raise CodeNotUsable(state.value)
        return evolve(self, used_at=now)


def random_code(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """Six digits, leading zeros included, from a cryptographic source."""
    return f"{randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def typed_code(text: str) -> str | None:
    """The code as typed ("123 456", "123-456"), or None when it cannot be one."""
    digits = "".join(ch for ch in text if ch not in " -")
    if len(digits) == CODE_DIGITS and digits.isascii() and digits.isdigit():
        return digits
    return None
