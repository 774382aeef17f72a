"""The circuit breaker of the census source, shared by the whole fleet.

When the site keeps blocking us, nobody asks it for a while; then one lookup probes it,
and an answer lets everyone ask again. When its page keeps not being the page we know, no
waiting makes it so: that is an alarm for operators, and nobody asks until one resumes.
Life of the breaker::

    CLOSED   -``threshold`` blocks in a row->   OPEN until the cooldown ends
    OPEN, cooldown over       -start_probe->    PROBING (one lookup, under a lease)
    PROBING  -an answer->                       CLOSED
    PROBING  -a block->                         OPEN, the cooldown doubled (up to a cap)
    PROBING  -another failure, or its lease ran out->  OPEN, ready for the next probe
    any      -``changed_threshold`` changed pages in a row->  CHANGED (nobody asks)
    CHANGED  -resume (an operator)->            CLOSED
    any      -an answer->                       CLOSED  (an attempt that started earlier)

An operator may pause the source whatever the state, and resume it as it was (a CHANGED
source resumes CLOSED: the operator says the portal knows the page again). Every change
is a new breaker the store saves with a compare-and-set on ``version``.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from attrs import evolve, field, frozen

from cedula_domain.outcomes import Blocked, BlockKind, Outcome, PageChanged, is_terminal


class BreakerState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    PROBING = "probing"
    # The site's page is not the one the portal knows: an alarm only an operator clears.
    CHANGED = "changed"


class Admission(enum.Enum):
    """What the breaker lets a worker do now."""

    ASK = "ask"
    # The cooldown is over: this worker may probe the site with one lookup.
    PROBE = "probe"
    WAIT = "wait"


def _positive(instance: object, attribute: object, value: timedelta) -> None:
    if value <= timedelta(0):
        raise ValueError("cooldowns must be positive")


@frozen(kw_only=True)
class BreakerPolicy:
    threshold: int = field(default=3)
    cooldown: timedelta = field(default=timedelta(minutes=30), validator=_positive)
    max_cooldown: timedelta = field(default=timedelta(hours=6), validator=_positive)
    # Changed pages in a row, across the fleet, that raise the alarm.
    changed_threshold: int = field(default=3)

    @threshold.validator
    @changed_threshold.validator
    def _at_least_one(self, attribute: object, value: int) -> None:
        if value < 1:
            raise ValueError("the breaker thresholds must be at least 1")

    def __attrs_post_init__(self) -> None:
        if self.max_cooldown < self.cooldown:
            raise ValueError("the longest cooldown cannot be shorter than the first")

    def cooldown_after(self, openings: int) -> timedelta:
        """The cooldown of the ``openings``-th opening since the site last answered."""
        return min(self.cooldown * 2 ** max(openings - 1, 0), self.max_cooldown)


@frozen(kw_only=True)
class Breaker:
    state: BreakerState = BreakerState.CLOSED
    blocks_in_a_row: int = 0
    # Openings since the site last answered: each doubles the cooldown.
    openings: int = 0
    opened_at: datetime | None = None
    # OPEN: nobody asks before this time. PROBING: the probe's lease ends then.
    retry_at: datetime | None = None
    # Why it opened, for operators.
    last_block: BlockKind | None = None
    paused: bool = False
    # Who paused it and why, for operators.
    paused_reason: str = ""
    changes_in_a_row: int = 0
    # CHANGED: when the alarm went off. What the last changed page lacked, for operators.
    changed_at: datetime | None = None
    last_change: str = ""
    version: int = 0

    @property
    def refusing(self) -> bool:
        """The site blocks the automatic lookups (a CAPTCHA, a firewall, a bot check):
        nobody asks it, or only a probe does, until the cooldown tells."""
        return self.state in {BreakerState.OPEN, BreakerState.PROBING}

    @property
    def page_changed(self) -> bool:
        return self.state is BreakerState.CHANGED

    def admission(self, now: datetime) -> Admission:
        if self.paused or self.page_changed:
            return Admission.WAIT
        if self.state is BreakerState.CLOSED:
            return Admission.ASK
        if self.retry_at is not None and now < self.retry_at:
            return Admission.WAIT
        return Admission.PROBE

    def start_probe(self, now: datetime, lease: timedelta) -> Breaker:
        return evolve(self, state=BreakerState.PROBING, retry_at=now + lease)

    def release_probe(self, now: datetime) -> Breaker:
        """The probe found nothing to look up: the next one may go at once."""
        if self.state is not BreakerState.PROBING:
            return self
        return evolve(self, state=BreakerState.OPEN, retry_at=now)

    def after(self, outcome: Outcome, now: datetime, policy: BreakerPolicy) -> Breaker:
        """The breaker once an attempt ended in ``outcome``."""
        if is_terminal(outcome):
            return self._closed()
        if isinstance(outcome, PageChanged):
            return self._changed(outcome.missing, now, policy)
        breaker = evolve(self, changes_in_a_row=0)
        if isinstance(outcome, Blocked):
            return breaker._blocked(outcome.block, now, policy)
        return breaker._failed(now)

    def pause(self, reason: str) -> Breaker:
        return evolve(self, paused=True, paused_reason=reason)

    def resume(self) -> Breaker:
        """The operator lets the fleet ask again: a pause ends, and so does the alarm of a
        changed page (the portal was adapted, or the page came back)."""
        resumed = evolve(self, paused=False, paused_reason="")
        return resumed._closed() if self.page_changed else resumed

    def _closed(self) -> Breaker:
        """Everyone may ask, every count starts over (a pause stays as it is)."""
        return evolve(
            self,
            state=BreakerState.CLOSED,
            blocks_in_a_row=0,
            openings=0,
            opened_at=None,
            retry_at=None,
            last_block=None,
            changes_in_a_row=0,
            changed_at=None,
            last_change="",
        )

    def _failed(self, now: datetime) -> Breaker:
        """Not a block, not an answer, not a changed page: the site is down, say."""
        if self.state is BreakerState.PROBING:
            return self.release_probe(now)  # probe again
        if self.state is BreakerState.CLOSED:
            return evolve(self, blocks_in_a_row=0)
        return self

    def _changed(self, missing: str, now: datetime, policy: BreakerPolicy) -> Breaker:
        changes = self.changes_in_a_row + 1
        counted = evolve(self, changes_in_a_row=changes, last_change=missing)
        if self.page_changed:
            return counted
        if changes < policy.changed_threshold:
            return counted._failed(now)
        return evolve(
            counted,
            state=BreakerState.CHANGED,
            blocks_in_a_row=0,
            retry_at=None,
            changed_at=now,
        )

    def _blocked(self, block: BlockKind, now: datetime, policy: BreakerPolicy) -> Breaker:
        blocks = self.blocks_in_a_row + 1
        opens = self.state is BreakerState.PROBING or (
            self.state is BreakerState.CLOSED and blocks >= policy.threshold
        )
        if not opens:
            return evolve(self, blocks_in_a_row=blocks, last_block=block)
        openings = self.openings + 1
        return evolve(
            self,
            state=BreakerState.OPEN,
            blocks_in_a_row=blocks,
            openings=openings,
            opened_at=now,
            retry_at=now + policy.cooldown_after(openings),
            last_block=block,
        )
