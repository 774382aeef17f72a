"""Reading a person's census lookup for the pages."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from accounts.models import CustomUser
from cedula_domain import (
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


def lookups_of(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> dict[int, tuple[LookupStatus, VotingPlace | None]]:
    """How the lookup of each of ``people`` (a query of users or of their ids) stands, and
    the place it found, by user id; one query. Deciding who may see it is the caller's."""
    rows = CedulaInfo.objects.filter(user__in=people).only("user_id", "status", *PLACE_COLUMNS)
    return {row.user_id: (LookupStatus(row.status), voting_place_of(row)) for row in rows}


def lookup_ages(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> list[tuple[Cedula, LookupStatus, datetime]]:
    """Each lookup of ``people`` with its status and when it was requested."""
    rows = CedulaInfo.objects.filter(user__in=people).values_list(
        "cedula", "status", "requested_at"
    )
    return [(Cedula(cedula), LookupStatus(status), at) for cedula, status, at in rows]
