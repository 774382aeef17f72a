"""The people someone brought, as that person may see them, and their totals.

Who sees what: the referrer sees each person's name, when they registered and how their
census lookup is going (waiting, running, or ended without an answer: the person may need
help finishing it). The result only while that person consents to share (``SharingConsent``):
the voting place, or that the cédula is not in the census, cancelled, or valid but its
holder may not vote (mostly a court's sentence). Without consent every answer reads the
same, as a word kept for one answer would tell it (Ley 1581: nothing of one person reaches
another without consent). The cédula never whole, only its last digits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

from cedula_domain.cedula import Cedula
from cedula_domain.record import LookupStatus
from cedula_domain.voting_place import VotingPlace
from referrals.rules.sharing_consent import SharingConsent

# How the lookup is going, never its result: all a referrer sees without consent. Named
# rather than the answers, so that a new answer is withheld until someone decides.
SHOWN_WITHOUT_CONSENT = frozenset(
    {LookupStatus.PENDING, LookupStatus.PROCESSING, LookupStatus.ERROR}
)


@frozen(kw_only=True)
class ReferredPerson:
    name: str
    registered_at: datetime
    cedula: str  # masked
    # None: a result withheld, the person not consenting to share it.
    status: LookupStatus | None
    shares_place: bool
    # Only while shared, and only once the census answered with one.
    voting_place: VotingPlace | None
    # How many people this person brought in turn; None when the viewer may not know.
    brought: int | None = None

    @classmethod
    def seen_by_referrer(
        cls,
        *,
        name: str,
        cedula: Cedula,
        registered_at: datetime,
        status: LookupStatus,
        voting_place: VotingPlace | None,
        consent: SharingConsent,
        brought: int | None = None,
    ) -> ReferredPerson:
        return cls(
            name=name,
            registered_at=registered_at,
            cedula=cedula.masked,
            status=status if consent.granted or status in SHOWN_WITHOUT_CONSENT else None,
            shares_place=consent.granted,
            voting_place=consent.reveal(voting_place),
            brought=brought,
        )


@frozen(kw_only=True)
class PuestoTotal:
    departamento: str
    municipio: str
    puesto: str
    people: int


@frozen
class Roster:
    people: tuple[ReferredPerson, ...] = ()

    @classmethod
    def of(cls, people: Iterable[ReferredPerson]) -> Roster:
        return cls(tuple(people))

    @property
    def total(self) -> int:
        return len(self.people)

    @property
    def not_shared(self) -> int:
        return sum(not person.shares_place for person in self.people)

    @property
    def network(self) -> int:
        """The people this roster's people brought (one level down)."""
        return sum(person.brought or 0 for person in self.people)

    def by_status(self) -> dict[LookupStatus | None, int]:
        """How many people's lookups stand at each status, in the statuses' order; last
        (as None), those whose result is withheld from the viewer."""
        counts = Counter(person.status for person in self.people)
        return {status: counts[status] for status in (*LookupStatus, None) if counts[status]}

    def by_puesto(self) -> tuple[PuestoTotal, ...]:
        """People per polling station (a leader plans by puesto), largest first; only
        the places shared with the viewer. A puesto's name is only unique in its
        municipio, so the municipio is part of it."""
        counts = Counter(
            (place.departamento, place.municipio, place.puesto)
            for person in self.people
            if (place := person.voting_place) is not None
        )
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return tuple(
            PuestoTotal(departamento=dep, municipio=mun, puesto=puesto, people=people)
            for (dep, mun, puesto), people in ordered
        )
