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
    PlaceCode,
    PlaceInLine,
    RefreshDecision,
    VotingPlace,
    WayForward,
)
from census.models import (
    MATCH_COLUMNS,
    MATCH_RELATED,
    PLACE_COLUMNS,
    CedulaInfo,
    matched_place_of,
)
from pagina_madre.bootstrap.census_lookup import lookup_service


def census_waits_for_policy(user: CustomUser) -> bool:
    """Whether nothing was looked up for the person, and nothing will be until they accept
    the data policy, as the worker decides it (``CustomUser.objects.ready_for_lookup``): an
    account made by staff never accepted it. A lookup stored before is theirs, and shown."""
    if CedulaInfo.objects.filter(cedula=user.cedula).exists():
        return False
    return not CustomUser.objects.ready_for_lookup().filter(pk=user.pk).exists()


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
    # With ``match`` read: the official place the answer matched, or why none (None: the
    # answer was never matched, as before any list was loaded).
    voting_place: VotingPlace | None
    # Who gave the answer the lookup holds (None until there is one).
    source: AnswerSource | None


def lookups_of(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> dict[int, PersonLookup]:
    """How the lookup of each of ``people`` (a query of users or of their ids) stands, the
    place it found with the official place it matched, and who gave its answer, by user id;
    one query. Deciding who may see it is the caller's."""
    rows = (
        CedulaInfo.objects.filter(user__in=people)
        .select_related(MATCH_RELATED)
        .only("user_id", "status", "source", *PLACE_COLUMNS, *MATCH_COLUMNS)
    )
    return {
        row.user_id: PersonLookup(
            LookupStatus(row.status),
            matched_place_of(row),
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


class PuestoCount(NamedTuple):
    departamento: str
    municipio: str
    puesto: str
    # The official place's code, its names the list's; None: no official place, the names
    # as the answers gave them.
    code: PlaceCode | None
    people: int


def puesto_counts(*, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]) -> list[PuestoCount]:
    """How many of ``people`` vote at each puesto their lookup found, counted by the
    database: answers that matched an official place by that place, one count whatever was
    typed; the others by their own text, as given. A place is stored whole with its
    departamento never blank (``voting_place_of``), so a blank one means no place."""
    found = CedulaInfo.objects.filter(user__in=people).exclude(departamento="").order_by()
    official = (
        found.filter(polling_place__isnull=False)
        .values_list(
            "polling_place_id",
            "polling_place__departamento",
            "polling_place__municipio",
            "polling_place__puesto",
            "polling_place__dd",
            "polling_place__mm",
            "polling_place__zz",
            "polling_place__pp",
        )
        .annotate(people=Count("pk"))
    )
    as_given = (
        found.filter(polling_place__isnull=True)
        .values_list("departamento", "municipio", "puesto")
        .annotate(people=Count("pk"))
    )
    return [
        *(
            PuestoCount(dep, mun, puesto, PlaceCode(dd, mm, zz, pp), count)
            for _, dep, mun, puesto, dd, mm, zz, pp, count in official
        ),
        *(PuestoCount(dep, mun, puesto, None, count) for dep, mun, puesto, count in as_given),
    ]


def lookup_ages(
    *, people: QuerySet[CustomUser] | QuerySet[dict[str, int]]
) -> list[tuple[Cedula, LookupStatus, datetime]]:
    """Each lookup of ``people`` with its status and when it was requested."""
    rows = CedulaInfo.objects.filter(user__in=people).values_list(
        "cedula", "status", "requested_at"
    )
    return [(Cedula(cedula), LookupStatus(status), at) for cedula, status, at in rows]
