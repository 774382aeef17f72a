"""What operators read about the whole fleet's lookups: the queue, the outcomes, the source."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Min, Q

from cedula_domain import Admission, BlockKind, Breaker, LookupStatus
from census.models import CedulaInfo, LookupAttempt
from census.presenter import (
    BLOCK_WORDS,
    BREAKER_WORDS,
    OUTCOME_WORDS,
    PAUSED_WORDS,
    words_of_engine,
)
from pagina_madre.bootstrap.census_lookup import census_config, lookup_service, newest_snapshot

WINDOWS = {"hora": timedelta(hours=1), "dia": timedelta(days=1)}


def fleet_status(now: datetime) -> dict[str, Any]:
    """One reading of the fleet, as the staff page and /salud/censo/ show it."""
    waiting = Q(status=LookupStatus.PENDING.value, next_attempt_at__lte=now)
    lookups = CedulaInfo.objects.aggregate(
        due=Count("pk", filter=waiting),
        oldest_due=Min("requested_at", filter=waiting),
        running=Count(
            "pk", filter=Q(status=LookupStatus.PROCESSING.value, lease_expires_at__gt=now)
        ),
        retrying=Count("pk", filter=Q(status=LookupStatus.PENDING.value, next_attempt_at__gt=now)),
    )
    oldest = lookups.pop("oldest_due")
    interval_s = census_config().min_interval_s
    return {
        "at": now.isoformat(),
        **lookups,
        "oldest_wait_s": round((now - oldest).total_seconds()) if oldest else 0,
        "outcomes": {name: _outcomes(now - span) for name, span in WINDOWS.items()},
        "source": _source(lookup_service().source_state(), now),
        # The newest snapshot of a changed page or a block (CENSUS_SNAPSHOT_DIR), if any.
        "snapshot": _snapshot(),
        "configured_per_minute": round(60 / interval_s, 2) if interval_s else None,
        "effective_per_minute": _last_hour_per_minute(now),
    }


def _outcomes(since: datetime) -> list[dict[str, Any]]:
    rows = (
        LookupAttempt.objects.filter(finished_at__gte=since)
        .values("outcome", "block", "engine")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    return [
        {
            **row,
            "words": OUTCOME_WORDS.get(row["outcome"], row["outcome"]),
            "block_words": BLOCK_WORDS[BlockKind(row["block"])] if row["block"] else "",
            "engine_words": words_of_engine(row["engine"]),
        }
        for row in rows
    ]


def _last_hour_per_minute(now: datetime) -> float:
    attempts = LookupAttempt.objects.filter(finished_at__gte=now - WINDOWS["hora"]).count()
    return round(attempts / 60, 2)


def _source(breaker: Breaker, now: datetime) -> dict[str, Any]:
    return {
        "state": breaker.state.value,
        "words": PAUSED_WORDS if breaker.paused else BREAKER_WORDS[breaker.state],
        "asking": breaker.admission(now) is not Admission.WAIT,
        "paused": breaker.paused,
        "paused_reason": breaker.paused_reason,
        "blocks_in_a_row": breaker.blocks_in_a_row,
        "openings": breaker.openings,
        "opened_at": breaker.opened_at.isoformat() if breaker.opened_at else None,
        "retry_at": breaker.retry_at.isoformat() if breaker.retry_at else None,
        "last_block": BLOCK_WORDS[breaker.last_block] if breaker.last_block else None,
        # The alarm: the page changed, and nobody asks until an operator resumes.
        "page_changed": breaker.page_changed,
        "changes_in_a_row": breaker.changes_in_a_row,
        "changed_at": breaker.changed_at.isoformat() if breaker.changed_at else None,
        "last_change": breaker.last_change,
    }


def _snapshot() -> dict[str, Any] | None:
    snapshot = newest_snapshot()
    if snapshot is None:
        return None
    return {
        "name": snapshot.name,
        "taken_at": snapshot.taken_at.isoformat(),
        "files": list(snapshot.files),
    }
