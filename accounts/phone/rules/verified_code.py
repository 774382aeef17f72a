"""A recovery code typed right: the browser that typed it may choose the account's new
password, once, for a short while.

The code is spent as it is accepted (a code works once), so what carries on to the page
of the new password is this pass, kept in that browser's session only::

    code accepted -> pass open (``lifetime``) -new password chosen-> gone (single use)
                                              -time passes->         closed: start again

It names the account and the code it came from, so that an account handed over meanwhile
(its codes deleted) or a stale pass is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from attrs import frozen

# Enough to type a new password twice, and think of one.
PASS_LIFETIME = timedelta(minutes=10)


@frozen(kw_only=True)
class VerifiedCode:
    user_pk: int
    code_pk: int
    verified_at: datetime
    lifetime: timedelta = PASS_LIFETIME

    def is_open(self, now: datetime) -> bool:
        return self.verified_at <= now < self.verified_at + self.lifetime

    def as_session(self) -> dict[str, Any]:
        """What a session stores (JSON): no code, only which row it was."""
        return {
            "user": self.user_pk,
            "code": self.code_pk,
            "verified_at": self.verified_at.isoformat(),
        }

    @classmethod
    def from_session(cls, stored: object) -> VerifiedCode | None:
        """The pass a session holds, or None when it holds none or something else."""
        if not isinstance(stored, Mapping):
            return None
        try:
            verified_at = datetime.fromisoformat(stored["verified_at"])
            user_pk, code_pk = int(stored["user"]), int(stored["code"])
        except (KeyError, TypeError, ValueError):
            return None
        if verified_at.tzinfo is None:
            return None
        return cls(user_pk=user_pk, code_pk=code_pk, verified_at=verified_at)
