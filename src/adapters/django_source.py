"""What the fleet shares about the census site, in the database every worker reaches."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from cedula_domain import (
    AttemptTimes,
    Blocked,
    BlockKind,
    Breaker,
    BreakerState,
    Outcome,
    outcome_name,
)
from census.models import LAST_CHANGE_LENGTH, LookupAttempt, SourceState

# The one row of SourceState.
_ROW = 1


class DjangoSourceRepository:
    def breaker(self) -> Breaker:
        row = SourceState.objects.filter(pk=_ROW).first()
        return _to_domain(row) if row else Breaker()

    def save_breaker(self, breaker: Breaker) -> bool:
        # One conditional UPDATE, or the INSERT of the first row: of two writers holding
        # the same version, the database lets exactly one through.
        columns = _from_domain(breaker)
        if breaker.version == 0 and not SourceState.objects.filter(pk=_ROW).exists():
            try:
                with transaction.atomic():
                    SourceState.objects.create(pk=_ROW, version=1, **columns)
            except IntegrityError:
                return False
            return True
        updated = SourceState.objects.filter(pk=_ROW, version=breaker.version).update(
            **columns, version=F("version") + 1
        )
        return updated == 1

    def log_attempt(self, outcome: Outcome, times: AttemptTimes) -> None:
        block = outcome.block.value if isinstance(outcome, Blocked) else ""
        LookupAttempt.objects.create(
            due_at=times.due_at,
            started_at=times.started_at,
            finished_at=times.finished_at,
            outcome=outcome_name(outcome),
            block=block,
            engine=outcome.engine,
        )

    def recent_attempts(self, since: datetime, limit: int) -> list[AttemptTimes]:
        # Attempts logged before their times were kept (a deployment's first hour) have no
        # start: they are left out of the measure.
        rows = (
            LookupAttempt.objects.filter(finished_at__gte=since, started_at__isnull=False)
            .order_by("-finished_at")
            .values_list("due_at", "started_at", "finished_at")[:limit]
        )
        return [
            AttemptTimes(due_at=due_at, started_at=started_at, finished_at=finished_at)
            for due_at, started_at, finished_at in rows
        ]

    def forget_attempts(self, cutoff: datetime) -> int:
        deleted, _ = LookupAttempt.objects.filter(finished_at__lt=cutoff).delete()
        return deleted


def _to_domain(row: SourceState) -> Breaker:
    return Breaker(
        state=BreakerState(row.state),
        blocks_in_a_row=row.blocks_in_a_row,
        openings=row.openings,
        opened_at=row.opened_at,
        retry_at=row.retry_at,
        last_block=BlockKind(row.last_block) if row.last_block else None,
        paused=row.paused,
        paused_reason=row.paused_reason,
        changes_in_a_row=row.changes_in_a_row,
        changed_at=row.changed_at,
        last_change=row.last_change,
        version=row.version,
    )


def _from_domain(breaker: Breaker) -> dict[str, object]:
    return {
        "state": breaker.state.value,
        "blocks_in_a_row": breaker.blocks_in_a_row,
        "openings": breaker.openings,
        "opened_at": breaker.opened_at,
        "retry_at": breaker.retry_at,
        "last_block": breaker.last_block.value if breaker.last_block else "",
        "paused": breaker.paused,
        "paused_reason": breaker.paused_reason,
        "changes_in_a_row": breaker.changes_in_a_row,
        "changed_at": breaker.changed_at,
        "last_change": breaker.last_change[:LAST_CHANGE_LENGTH],
    }
