"""Where a citizen votes, as the census reports it."""

from __future__ import annotations

from attrs import frozen


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
