"""Where a citizen votes, as the census reports it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from cedula_domain.official_place import PlaceMatch


@frozen
class Coordinates:
    latitude: float
    longitude: float


@frozen(kw_only=True)
class VotingPlace:
    departamento: str
    municipio: str
    puesto: str
    direccion: str
    mesa: str
    coddivipol: str = ""
    coordinates: Coordinates | None = None
    # The puesto's code within its municipio and its zona, where a portal shows them
    # (eleccionescolombia's ``stand_code`` and ``zone``): they serve the match, and are
    # not stored (the match is).
    puesto_code: str = ""
    zona: str = ""
    # The official polling place this answer is, once matched to the list; None before.
    match: PlaceMatch | None = None
