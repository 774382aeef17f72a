"""Reading the official lists of polling places: the current one, its departamentos, the
municipios of a departamento, the puestos of a municipio that fit what a person typed, and
one place. What a person chooses from is always the current list (the one published last).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Case, IntegerField, Q, Value, When

from cedula_domain.place_names import name_key
from polling_places.models import CURRENT_FIRST, PollingPlace, PollingPlaceList


class Division(NamedTuple):
    """A departamento or a municipio of a list: its Registraduría code and its name."""

    code: str
    name: str


class PuestoSearch(NamedTuple):
    """The first puestos that fit what was typed, best first, and how many fit in all."""

    places: list[PollingPlace]
    total: int


def current_list() -> PollingPlaceList | None:
    """The list answers are chosen from and matched to; None while none is loaded."""
    return PollingPlaceList.objects.order_by(*CURRENT_FIRST).first()


def list_of_election(*, election: str) -> PollingPlaceList | None:
    return PollingPlaceList.objects.filter(election=election).first()


def departamentos(*, places: PollingPlaceList) -> list[Division]:
    rows = (
        PollingPlace.objects.filter(list=places)
        .order_by("departamento_key", "dd")
        .values_list("dd", "departamento")
        .distinct()
    )
    return [Division(*row) for row in rows]


def municipios(*, places: PollingPlaceList, departamento: str) -> list[Division]:
    """The municipios of the departamento whose code is ``departamento`` (none for a code
    the list does not have)."""
    rows = (
        PollingPlace.objects.filter(list=places, dd=departamento)
        .order_by("municipio_key", "mm")
        .values_list("mm", "municipio")
        .distinct()
    )
    return [Division(*row) for row in rows]


def puestos(
    *, places: PollingPlaceList, departamento: str, municipio: str, typed: str = "", limit: int
) -> PuestoSearch:
    """The puestos of a municipio (codes) whose name has every word typed at the start of
    one of its words ("san jo" finds "I.E. SAN JOSE"; compared as ``name_key`` compares
    names), those whose name starts with it first, then by name; at most ``limit``."""
    query = PollingPlace.objects.filter(list=places, dd=departamento, mm=municipio)
    key = name_key(typed)
    for word in key.split():
        query = query.filter(Q(puesto_key__startswith=word) | Q(puesto_key__contains=f" {word}"))
    order = ["puesto_key", "zz", "pp"]
    if key:
        first = When(puesto_key__startswith=key, then=Value(0))
        query = query.annotate(later=Case(first, default=Value(1), output_field=IntegerField()))
        order.insert(0, "later")
    found = list(query.order_by(*order)[:limit])
    total = len(found) if len(found) < limit else query.count()
    return PuestoSearch(found, total)


def polling_place(*, place_id: int, places: PollingPlaceList) -> PollingPlace | None:
    """The place of that id in ``places``; None when that list has no such place."""
    return PollingPlace.objects.filter(list=places, pk=place_id).first()
