"""What the use-case tests of CedulaLookup share: people, blocks and breakers at START,
and how a worker takes a wake-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fakes import (
    START,
)

from cedula_domain import (
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Cedula,
    CedulaLookup,
    LookupRecord,
)

HOUR = timedelta(hours=1)
COOLDOWN = timedelta(minutes=30)
OTHER = Cedula.parse("79123456")
FIREWALL = Blocked(block=BlockKind.FIREWALL, support_id="99")
CAPTCHA = Blocked(block=BlockKind.CAPTCHA)
# The site blocked three lookups in a row at START: nobody asks it for a cooldown.
OPENED = Breaker(
    state=BreakerState.OPEN,
    blocks_in_a_row=3,
    openings=1,
    opened_at=START,
    retry_at=START + COOLDOWN,
    last_block=BlockKind.FIREWALL,
    version=3,
)
# The page changed three times in a row at START: nobody asks until an operator resumes.
ALARMED = Breaker(
    state=BreakerState.CHANGED,
    changes_in_a_row=3,
    changed_at=START,
    last_change="#documento",
    version=3,
)


def deliver(queue, worker: CedulaLookup) -> LookupRecord | None:
    """A worker takes a wake-up off the queue (one sent now, or one scheduled earlier whose
    time came) and runs it."""
    queue.backlog = max(queue.backlog - 1, 0)
    return worker.run_next()


class TurnAfter:
    """A pace that gives the turn once ``meanwhile`` has run: what the rest of the fleet
    did while this worker waited for it."""

    def __init__(self, meanwhile: Callable[[], object]) -> None:
        self.meanwhile = meanwhile

    def wait_turn(self) -> bool:
        self.meanwhile()
        return True
