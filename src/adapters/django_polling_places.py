"""The official lists of polling places in the database (``polling_places.PollingPlace``),
as the matching rule asks for them."""

from __future__ import annotations

from collections.abc import Iterable

from cedula_domain import Candidates, OfficialPlace, VotingPlace, code_named, name_key
from census.models import official_place_of
from polling_places.models import CURRENT_FIRST, PollingPlace, PollingPlaceList


class DjangoPollingPlaces:
    def candidates(self, place: VotingPlace) -> Candidates | None:
        current = PollingPlaceList.objects.order_by(*CURRENT_FIRST).first()
        if current is None:
            return None
        places = PollingPlace.objects.filter(list=current)
        of_municipio = places.filter(municipio_key=name_key(place.municipio))
        code = code_named(place.coddivipol)
        named = places.filter(dd=code.dd, mm=code.mm, zz=code.zz, pp=code.pp) if code else []
        return Candidates(
            of_municipio=_official(of_municipio, current),
            named_by_code=next(iter(_official(named, current)), None),
        )


def _official(rows: Iterable[PollingPlace], current: PollingPlaceList) -> tuple[OfficialPlace, ...]:
    listed = list(rows)
    for row in listed:
        # Every place is of the current list: read once, not once per place.
        row.list = current
    return tuple(official_place_of(row) for row in listed)
