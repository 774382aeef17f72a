"""A polling place of the Registraduría's official list (DIVIPOLE), and what an answer
matched in it.

The list is data: it changes with each election and is loaded, never written here. What
the domain knows is its shape: a place is named by its Registraduría codes (``dd``
departamento, ``mm`` municipio, ``zz`` zona, ``pp`` puesto; kept as text, they are not
DANE codes and ``pp`` may hold a letter) within the list of one election.
"""

from __future__ import annotations

import enum

from attrs import frozen

from cedula_domain.voting_place import Coordinates


@frozen
class PlaceCode:
    dd: str
    mm: str
    zz: str
    pp: str

    def __str__(self) -> str:
        return f"{self.dd}-{self.mm}-{self.zz}-{self.pp}"


@frozen(kw_only=True)
class OfficialPlace:
    # The list the place belongs to: one per election (``PollingPlaceList.election``).
    election: str
    code: PlaceCode
    departamento: str
    municipio: str
    puesto: str
    comuna: str = ""
    # Blank for the few places the list gives none.
    direccion: str = ""
    coordinates: Coordinates | None = None


class Unmatched(enum.Enum):
    """Why an answer matched no official place (stored codes; the words are the census
    presenter's)."""

    NO_LIST = "no_list"  # no list is loaded
    MUNICIPIO = "municipio"  # the list has no municipio of that name in that departamento
    PUESTO = "puesto"  # the municipio has no puesto of that name
    AMBIGUOUS = "ambiguous"  # several puestos of the municipio fit the name equally


@frozen
class PlaceMatch:
    """An answer's place in the official list, or why it has none."""

    official: OfficialPlace | None = None
    unmatched: Unmatched | None = None

    @classmethod
    def found(cls, official: OfficialPlace) -> PlaceMatch:
        return cls(official=official)

    @classmethod
    def missing(cls, reason: Unmatched) -> PlaceMatch:
        return cls(unmatched=reason)
