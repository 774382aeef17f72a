"""What came of someone telling us the answer the automatic lookup could not get."""

from __future__ import annotations

import enum

from attrs import frozen


class ReportReason(enum.Enum):
    ACCEPTED = "accepted"
    # An automatic attempt is reading the census right now; its result must not be lost.
    LOOKUP_RUNNING = "lookup_running"
    # The record shows the Registraduría's own answer, which a person's word never replaces.
    REGISTRADURIA_ANSWERED = "registraduria_answered"
    # Only registered people are looked up, and no account holds the cédula (any more).
    NO_ACCOUNT = "no_account"
    # The person is not offered the way forward now (``way_forward``): the automatic
    # lookup may still answer soon, or they already told us during this lookup.
    NOT_OFFERED = "not_offered"


@frozen(kw_only=True)
class ReportDecision:
    reason: ReportReason

    @property
    def accepted(self) -> bool:
        return self.reason is ReportReason.ACCEPTED

    @classmethod
    def accept(cls) -> ReportDecision:
        return cls(reason=ReportReason.ACCEPTED)

    @classmethod
    def lookup_running(cls) -> ReportDecision:
        return cls(reason=ReportReason.LOOKUP_RUNNING)

    @classmethod
    def registraduria_answered(cls) -> ReportDecision:
        return cls(reason=ReportReason.REGISTRADURIA_ANSWERED)

    @classmethod
    def no_account(cls) -> ReportDecision:
        return cls(reason=ReportReason.NO_ACCOUNT)

    @classmethod
    def not_offered(cls) -> ReportDecision:
        return cls(reason=ReportReason.NOT_OFFERED)
