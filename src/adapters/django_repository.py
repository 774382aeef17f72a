"""The lookup records in the database, through Django's ORM (``census.CedulaInfo``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet

from accounts.models import CustomUser
from cedula_domain import (
    AnswerSource,
    BlockKind,
    Cancellation,
    Cedula,
    FailureKind,
    LookupRecord,
    LookupStatus,
    PlaceMatch,
    Priority,
    Restriction,
)
from cedula_domain.ports import AddResult
from census.models import MATCH_RELATED, PLACE_FIELDS, CedulaInfo, matched_place_of
from polling_places.models import PollingPlace


class DjangoCedulaRepository:
    def get(self, cedula: Cedula) -> LookupRecord | None:
        row = _rows().filter(cedula=cedula.value).first()
        return to_domain(row) if row else None

    def add(self, record: LookupRecord) -> AddResult:
        user = CustomUser.objects.filter(cedula=record.cedula.value).first()
        if user is None:
            # Only registered people are looked up; the account is gone (or never was).
            return AddResult.NO_ACCOUNT
        try:
            with transaction.atomic():
                CedulaInfo.objects.create(user=user, version=record.version, **from_domain(record))
        except IntegrityError:
            return AddResult.EXISTS
        return AddResult.ADDED

    def save(self, record: LookupRecord) -> bool:
        # One conditional UPDATE: of two writers holding the same version, the database
        # lets exactly one through.
        updated = CedulaInfo.objects.filter(
            cedula=record.cedula.value, version=record.version
        ).update(**from_domain(record), version=F("version") + 1)
        return updated == 1

    def due(self, now: datetime) -> list[Cedula]:
        cedulas = _due(now).values_list("cedula", flat=True)
        return [Cedula(value) for value in cedulas]

    def next_due(self, now: datetime) -> LookupRecord | None:
        # LookupRecord.place_in_line as an ORDER BY (the contract tests prove they agree).
        first = _due(now).select_related(MATCH_RELATED).order_by("priority", "requested_at", "pk")
        row = first.first()
        return to_domain(row) if row else None

    def count_due(self, now: datetime, before: LookupRecord | None = None) -> int:
        due = _due(now)
        if before is not None:
            priority, requested_at = before.place_in_line
            due = due.filter(
                Q(priority__lt=priority) | Q(priority=priority, requested_at__lt=requested_at)
            )
        return due.count()

    def unrequested(self) -> list[Cedula]:
        cedulas = (
            CustomUser.objects.ready_for_lookup()
            .filter(cedula_info__isnull=True)
            .values_list("cedula", flat=True)
        )
        return [Cedula(value) for value in cedulas]

    def purge_evidence(self, cutoff: datetime) -> int:
        # LookupRecord.evidence_expired as one UPDATE (the contract tests prove they agree):
        # a lookup that gave up dates its evidence from its request, any other record from
        # the fetch of its last answer.
        error = LookupStatus.ERROR.value
        given_up = Q(status=error, requested_at__lt=cutoff)
        answered = Q(fetched_at__lt=cutoff) & ~Q(status=error)
        return (
            CedulaInfo.objects.filter(given_up | answered).exclude(evidence="").update(evidence="")
        )

    def without_official_place(self) -> list[Cedula]:
        # A place is stored whole, its departamento never blank (voting_place_of).
        rows = CedulaInfo.objects.exclude(departamento="").filter(polling_place__isnull=True)
        return [Cedula(value) for value in rows.values_list("cedula", flat=True)]


def _rows() -> QuerySet[CedulaInfo]:
    """Rows as ``to_domain`` reads them: with the official place their answer matched."""
    return CedulaInfo.objects.select_related(MATCH_RELATED)


def _due(now: datetime) -> QuerySet[CedulaInfo]:
    """LookupRecord.is_due as a filter, for the people whose data may be processed: whoever
    has yet to accept the current data policy waits, their lookup untouched, until they do."""
    waiting = Q(status=LookupStatus.PENDING.value, next_attempt_at__lte=now)
    abandoned = Q(status=LookupStatus.PROCESSING.value, lease_expires_at__lte=now)
    waiting_for_policy = CustomUser.objects.awaiting_policy().values("pk")
    return CedulaInfo.objects.filter(waiting | abandoned).exclude(user__in=waiting_for_policy)


def to_domain(row: CedulaInfo) -> LookupRecord:
    return LookupRecord(
        cedula=Cedula(row.cedula),
        status=LookupStatus(row.status),
        requested_at=row.requested_at,
        priority=Priority(row.priority),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        lease_expires_at=row.lease_expires_at,
        last_failure_kind=FailureKind(row.last_failure_kind) if row.last_failure_kind else None,
        last_block_kind=BlockKind(row.last_block_kind) if row.last_block_kind else None,
        last_failure_message=row.last_failure_message,
        fetched_at=row.fetched_at,
        voting_place=matched_place_of(row),
        cancellation=None if row.voting_restricted else _cancellation(row),
        restriction=_restriction(row) if row.voting_restricted else None,
        source=AnswerSource(row.source) if row.source else None,
        engine=row.engine,
        evidence=row.evidence,
        version=row.version,
    )


def from_domain(record: LookupRecord) -> dict[str, Any]:
    """The columns of a record, except ``version`` (the repository manages it)."""
    place = record.voting_place
    coordinates = place.coordinates if place else None
    return {
        "cedula": record.cedula.value,
        "status": record.status.value,
        "requested_at": record.requested_at,
        "priority": record.priority.value,
        "attempts": record.attempts,
        "next_attempt_at": record.next_attempt_at,
        "lease_expires_at": record.lease_expires_at,
        "last_failure_kind": record.last_failure_kind.value if record.last_failure_kind else "",
        "last_block_kind": record.last_block_kind.value if record.last_block_kind else "",
        "last_failure_message": record.last_failure_message,
        "fetched_at": record.fetched_at,
        **{name: getattr(place, name) if place else "" for name in PLACE_FIELDS},
        "latitud": coordinates.latitude if coordinates else None,
        "longitud": coordinates.longitude if coordinates else None,
        **_match(place.match if place else None),
        **_novedad(record),
        "source": record.source.value if record.source else "",
        "engine": record.engine,
        "evidence": record.evidence,
    }


def _match(match: PlaceMatch | None) -> dict[str, Any]:
    """The official place an answer matched (its row in the list it belongs to), or why
    none; both blank while it was never matched. A place no longer stored (its list was
    removed) is stored as never matched, to be matched again."""
    official = match.official if match else None
    row = (
        PollingPlace.objects.filter(
            list__election=official.election,
            dd=official.code.dd,
            mm=official.code.mm,
            zz=official.code.zz,
            pp=official.code.pp,
        ).first()
        if official
        else None
    )
    unmatched = match.unmatched if match else None
    return {"polling_place": row, "place_unmatched": unmatched.value if unmatched else ""}


def _novedad(record: LookupRecord) -> dict[str, Any]:
    """The census's novelty: a restriction (the cédula valid, its holder unable to vote)
    or a cancellation share the columns; ``voting_restricted`` tells which."""
    if restriction := record.restriction:
        return {
            "novedad": restriction.reason,
            "resolucion": restriction.resolucion,
            "fecha_novedad": restriction.fecha,
            "voting_restricted": True,
        }
    cancellation = record.cancellation
    return {
        "novedad": cancellation.novedad if cancellation else "",
        "resolucion": cancellation.resolucion if cancellation else "",
        "fecha_novedad": cancellation.fecha if cancellation else "",
        "voting_restricted": False,
    }


def _cancellation(row: CedulaInfo) -> Cancellation | None:
    if not row.novedad:
        return None
    return Cancellation(novedad=row.novedad, resolucion=row.resolucion, fecha=row.fecha_novedad)


def _restriction(row: CedulaInfo) -> Restriction:
    return Restriction(reason=row.novedad, resolucion=row.resolucion, fecha=row.fecha_novedad)
