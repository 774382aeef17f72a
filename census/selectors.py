"""Reading a person's census lookup for the pages."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from django.db.models import Count, QuerySet

from accounts.models import CustomUser
from cedula_domain import (
    AnswerSource,
    Cedula,
    LookupRecord,
    LookupStatus,
    PlaceInLine,
    RefreshDecision,
    VotingPlace,
    WayForward,
)
from census.models import PLACE_COLUMNS, CedulaInfo, voting_place_of
from pagina_madre.bootstrap.census_lookup import lookup_service


def census_record(user: CustomUser) -> LookupRecord:
    return lookup_service().current(Cedula(user.cedula))


def census_line(user: CustomUser) -> PlaceInLine | None:
    return lookup_service().place_in_line(Cedula(user.cedula))


def census_way_forward(record: LookupRecord) -> WayForward | None:
    """Whether the person may finish their lookup (``record``) themselves now, and why."""
    return lookup_service().way_forward(record)


def census_refresh_decision(user: CustomUser) -> RefreshDecision:
    """Whether "Volver a consultar" would be accepted now, and if not, from when."""
    return lookup_service().refresh_decision(Cedula(user.cedula))


class PersonLookup(NamedTuple):
    status: LookupStatus
    voting_place: VotingPlace | None
    # Who gave the answer the lookup holds (None until there is one).
    source: AnswerSource | None


def lookups_of(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> dict[int, PersonLookup]:
    """How the lookup of each of ``people`` (a query of users or of their ids) stands, the
    place it found and who gave its answer, by user id; one query. Deciding who may see it
    is the caller's."""
    rows = CedulaInfo.objects.filter(user__in=people).only(
        "user_id", "status", "source", *PLACE_COLUMNS
    )
    return {
        row.user_id: PersonLookup(
            LookupStatus(row.status),
            voting_place_of(row),
            AnswerSource(row.source) if row.source else None,
        )
        for row in rows
    }


def lookup_counts(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> dict[LookupStatus, int]:
    """How many of ``people`` have their lookup at each status, counted by the database
    (people without a lookup are not counted). Deciding who may see it is the caller's."""
    rows = (
        CedulaInfo.objects.filter(user__in=people)
        .order_by()
        .values_list("status")
        .annotate(people=Count("pk"))
    )
    return {LookupStatus(status): count for status, count in rows}


def puesto_counts(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> list[tuple[str, str, str, int]]:
    """How many of ``people`` vote at each puesto their lookup found, counted by the
    database: (departamento, municipio, puesto, people). A place is stored whole with its
    departamento never blank (``voting_place_of``), so a blank one means no place."""
    rows = (
        CedulaInfo.objects.filter(user__in=people)
        .exclude(departamento="")
        .order_by()
        .values_list("departamento", "municipio", "puesto")
        .annotate(people=Count("pk"))
    )
    return list(rows)


def lookup_ages(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> list[tuple[Cedula, LookupStatus, datetime]]:
    """Each lookup of ``people`` with its status and when it was requested."""
    rows = CedulaInfo.objects.filter(user__in=people).values_list(
        "cedula", "status", "requested_at"
    )
    return [(Cedula(cedula), LookupStatus(status), at) for cedula, status, at in rows]
