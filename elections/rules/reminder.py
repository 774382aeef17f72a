"""One reminder text: one per person and election, never two.

A sender first claims the person's reminder (a row, unique per person and election: of
two senders, one wins), then hands the text to the SMS service, then writes down what
happened::

    (none)  -claim->  claimed  -accepted->  sent
                               -refused-->  failed

A reminder left claimed is one whose sender stopped between the claim and the answer (a
crash, a kill): the text may have left or not. It is never sent again, which could text
the person twice; it is counted as unknown. A refused one (the service said it did not
leave) is not retried either: the day before leaves no time to find out why.
"""

from __future__ import annotations

import enum


class ReminderStatus(enum.Enum):
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"

    @property
    def is_unknown(self) -> bool:
        return self is ReminderStatus.CLAIMED
