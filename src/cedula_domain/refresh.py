"""When a person may ask to look their cédula up again."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import frozen

from cedula_domain.answer_source import AnswerSource
from cedula_domain.record import LookupRecord, LookupStatus


class RefreshReason(enum.Enum):
    ALLOWED = "allowed"
    IN_PROGRESS = "in_progress"
    TOO_SOON = "too_soon"
    # Only registered people are looked up, and no account holds the cédula (any more).
    NO_ACCOUNT = "no_account"


@frozen(kw_only=True)
class RefreshDecision:
    allowed: bool
    reason: RefreshReason
    # When the person may ask again; None when allowed or while a lookup is running.
    available_at: datetime | None = None

    @classmethod
    def allow(cls) -> RefreshDecision:
        return cls(allowed=True, reason=RefreshReason.ALLOWED)

    @classmethod
    def in_progress(cls) -> RefreshDecision:
        return cls(allowed=False, reason=RefreshReason.IN_PROGRESS)

    @classmethod
    def too_soon(cls, available_at: datetime) -> RefreshDecision:
        return cls(allowed=False, reason=RefreshReason.TOO_SOON, available_at=available_at)

    @classmethod
    def no_account(cls) -> RefreshDecision:
        return cls(allowed=False, reason=RefreshReason.NO_ACCOUNT)


@frozen(kw_only=True)
class RefreshPolicy:
    """Each refresh costs a visit to the census site, so a person gets one per interval.

    Only a lookup the Registraduría answered uses up the interval. One that ended
    without its answer (ERROR, or finished by what the person or an operator read on the
    site) may be asked again at once: refusing would leave the person with nothing from
    the Registraduría for an hour, and the site is spared anyway, since every attempt of
    the new lookup still waits for the fleet's pace and for the breaker, which stops all
    lookups while the site blocks them.
    """

    interval: timedelta = timedelta(hours=1)

    def decide(self, record: LookupRecord, now: datetime) -> RefreshDecision:
        if not record.status.is_final:
            return RefreshDecision.in_progress()
        if record.status is LookupStatus.ERROR or record.source is not AnswerSource.REGISTRADURIA:
            return RefreshDecision.allow()
        # Measured from requested_at so an operator's refresh also counts against it.
        available_at = record.requested_at + self.interval
        if now < available_at:
            return RefreshDecision.too_soon(available_at)
        return RefreshDecision.allow()
