"""Which place of the official list an answer's place is: the matching rule.

An answer (a portal's, a person's, an operator's) names its place in words, sometimes with
a code. The rule, in order:

1. A ``coddivipol`` of 9 characters is the place's dd+mm+zz+pp: the place it names is the
   answer's (the report form sends it for a place chosen from the list).
2. Otherwise the municipio: the list's places whose municipio has the answer's name key,
   in the departamentos the answer's departamento fits (the same words, or one a shortening
   of the other: "VALLE DEL CAUCA" is the list's "VALLE"); an exact departamento goes
   before a shortened one. None left: ``Unmatched.MUNICIPIO``.
3. Then the puesto, compared as ``puesto_words`` writes it, by the closest of three
   likenesses: the same words; the same distinctive words (kind and small words aside:
   "COLEGIO SANTA LIBRADA" is "IE SANTA LIBRADA"); the distinctive words of one the start of
   the other's, two words at least ("IE San José" is "I.E. SAN JOSE C I P"). Where a portal
   gives the puesto's code within the municipio (eleccionescolombia), places of that code go
   first. The one place that fits best is the answer's; none: ``Unmatched.PUESTO``.

A wrong match is worse than none: when two places fit equally well, the answer is
``Unmatched.AMBIGUOUS``, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from attrs import Factory, define, frozen

from cedula_domain.official_place import OfficialPlace, PlaceCode, PlaceMatch, Unmatched
from cedula_domain.place_names import (
    departamento_words,
    distinctive_words,
    name_key,
    puesto_words,
)
from cedula_domain.ports import PollingPlaces
from cedula_domain.voting_place import VotingPlace

# dd (2) + mm (3) + zz (2) + pp (2).
CODE_LENGTH = 9
# Fewer distinctive words than this never fit by their start alone: "SAN" would fit half
# the list.
SHORTEST_START = 2

Choice = TypeVar("Choice")
# How closely a place fits, lower closer; None: it does not.
Rank = tuple[int, ...]


@frozen
class Candidates:
    """What the current list holds for an answer: the places of every municipio of the
    answer's municipio name key (whatever their departamento), and the place its
    ``coddivipol`` names, if any."""

    of_municipio: tuple[OfficialPlace, ...] = ()
    named_by_code: OfficialPlace | None = None


@frozen
class MatchCounts:
    """What matching stored answers came to."""

    matched: int = 0
    unmatched: int = 0


@define
class AskedOnce:
    """The list's candidates asked once per municipio and code: matching many stored
    answers against one list reads each municipio once, not once per answer."""

    places: PollingPlaces
    asked: dict[tuple[str, PlaceCode | None], Candidates | None] = Factory(dict)

    def candidates(self, place: VotingPlace) -> Candidates | None:
        key = (name_key(place.municipio), code_named(place.coddivipol))
        if key not in self.asked:
            self.asked[key] = self.places.candidates(place)
        return self.asked[key]


def code_named(coddivipol: str) -> PlaceCode | None:
    """The place code an answer's ``coddivipol`` is, when it is a whole one
    (dd+mm+zz+pp); None for anything else a portal sends there."""
    code = coddivipol.strip().upper()
    if len(code) != CODE_LENGTH:
        return None
    return PlaceCode(dd=code[:2], mm=code[2:5], zz=code[5:7], pp=code[7:])


def match_place(place: VotingPlace, candidates: Candidates | None) -> PlaceMatch:
    """The official place ``place`` is, or why none; ``candidates`` None: no list."""
    if candidates is None:
        return PlaceMatch.missing(Unmatched.NO_LIST)
    if candidates.named_by_code is not None:
        return PlaceMatch.found(candidates.named_by_code)
    municipio = _in_departamento(place, candidates.of_municipio)
    if not municipio:
        return PlaceMatch.missing(Unmatched.MUNICIPIO)
    best = _best(municipio, lambda official: _puesto_likeness(place, official))
    if not best:
        return PlaceMatch.missing(Unmatched.PUESTO)
    if len(best) > 1:
        return PlaceMatch.missing(Unmatched.AMBIGUOUS)
    return PlaceMatch.found(best[0])


def _in_departamento(
    place: VotingPlace, of_municipio: Iterable[OfficialPlace]
) -> list[OfficialPlace]:
    """The places of the one municipio of that name in the departamento the answer
    names; none when its departamento fits no such municipio or fits two equally."""
    answer = departamento_words(place.departamento)
    fitting = _best(of_municipio, lambda official: _departamento_fit(answer, official))
    municipios = {(official.code.dd, official.code.mm) for official in fitting}
    return fitting if len(municipios) == 1 else []


def _departamento_fit(answer: tuple[str, ...], official: OfficialPlace) -> Rank | None:
    listed = departamento_words(official.departamento)
    if answer == listed:
        return (0,)
    if _starts(listed, answer) or _starts(answer, listed):
        return (1,)
    return None


def _puesto_likeness(place: VotingPlace, official: OfficialPlace) -> Rank | None:
    """How closely the official place fits the answer's puesto, lower closer (its code
    first, where the portal gave one), or None when it does not fit."""
    likeness = _name_likeness(puesto_words(place.puesto), puesto_words(official.puesto))
    if likeness is None:
        return None
    return (0 if _code_fits(place, official) else 1, *likeness)


def _name_likeness(answer: tuple[str, ...], listed: tuple[str, ...]) -> Rank | None:
    if answer == listed:
        return (0,)
    answer_core, listed_core = distinctive_words(answer), distinctive_words(listed)
    if answer_core and answer_core == listed_core:
        return (1,)
    shorter, longer = sorted((answer_core, listed_core), key=len)
    if len(shorter) >= SHORTEST_START and longer[: len(shorter)] == shorter:
        return (2,)
    return None


def _code_fits(place: VotingPlace, official: OfficialPlace) -> bool:
    """The portal's puesto code (and zona, when given) is the official place's."""
    code = official.code
    zona = _code_part(place.zona)
    return bool(place.puesto_code) and (
        _code_part(place.puesto_code) == code.pp and zona in ("", code.zz)
    )


def _code_part(text: str) -> str:
    """A code as the list writes it: two characters ("2" is "02"); blank stays blank."""
    key = name_key(text).replace(" ", "")
    return key.zfill(2) if key else ""


def _starts(words: tuple[str, ...], start: tuple[str, ...]) -> bool:
    """``start`` (fewer words) begins ``words``, its last word perhaps cut short ("NORTE
    DE SAN")."""
    if not start or len(start) > len(words):
        return False
    *whole, last = start
    return list(words[: len(whole)]) == whole and words[len(whole)].startswith(last)


def _best(choices: Iterable[Choice], rank: Callable[[Choice], Rank | None]) -> list[Choice]:
    """The choices that rank lowest (None: never), all of them when several tie."""
    ranked = [(score, choice) for choice in choices if (score := rank(choice)) is not None]
    if not ranked:
        return []
    lowest = min(score for score, _ in ranked)
    return [choice for score, choice in ranked if score == lowest]
