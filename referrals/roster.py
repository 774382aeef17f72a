"""The people someone brought, as that person may see them, and their totals.

Who sees what: the referrer sees each person's name, when they registered and how their
census lookup is going (waiting, running, or ended without an answer: the person may need
help finishing it). The result only while that person consents to share (``SharingConsent``):
the voting place, or that the cédula is not in the census, cancelled, or valid but its
holder may not vote (mostly a court's sentence), and who gave that answer. Without consent
every answer reads the same, as a word kept for one answer would tell it (Ley 1581: nothing
of one person reaches another without consent). The cédula never whole, only its last
digits.

The totals of a big roster are counted by the database, in groups of people at one status
who share or not (``StatusCount``); ``seen_status`` turns each group into what the referrer
may see, the same rule as for one person.

A place is counted and shown as the official place its answer matched (``Puesto``): its
code and the list's names, so that "IE San José" and "I.E. SAN JOSE" are one puesto. An
answer that matched none keeps its own text, marked as not verified.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from attrs import frozen

from cedula_domain.answer_source import AnswerSource
from cedula_domain.cedula import Cedula
from cedula_domain.official_place import PlaceCode
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
    # Who gave the answer shown; None when no answer is shown (withheld, or none yet).
    source: AnswerSource | None = None
    # How many people this person brought in turn; None when the viewer may not know.
    brought: int | None = None

    @property
    def puesto(self) -> Puesto | None:
        """Where the person votes as a leader counts it; None while no place is shown."""
        return Puesto.of(self.voting_place) if self.voting_place is not None else None

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
        source: AnswerSource | None = None,
        brought: int | None = None,
    ) -> ReferredPerson:
        place = consent.reveal(voting_place)
        # The source goes with the answer it vouches for: the one the status names, or the
        # place kept while a new lookup runs. Never beside a status that only says how the
        # lookup is going, nor without consent (that someone told us is theirs to share).
        answer_shown = consent.granted and (
            status not in SHOWN_WITHOUT_CONSENT or place is not None
        )
        return cls(
            name=name,
            registered_at=registered_at,
            cedula=cedula.masked,
            status=seen_status(status, shared=consent.granted),
            shares_place=consent.granted,
            voting_place=place,
            source=source if answer_shown else None,
            brought=brought,
        )


def seen_status(status: LookupStatus, *, shared: bool) -> LookupStatus | None:
    """A lookup's status as the referrer sees it: None, the result withheld, unless the
    person shares it or it only says how the lookup is going."""
    return status if shared or status in SHOWN_WITHOUT_CONSENT else None


@frozen(kw_only=True)
class Puesto:
    """A polling station as a leader counts it: the official place an answer matched (its
    code, the list's names), or the answer's own text, not verified against the list."""

    departamento: str
    municipio: str
    puesto: str
    # None: the answer matched no official place (or was never matched).
    code: PlaceCode | None = None

    @property
    def verified(self) -> bool:
        return self.code is not None

    @classmethod
    def of(cls, place: VotingPlace) -> Puesto:
        official = place.match.official if place.match is not None else None
        if official is None:
            return cls(
                departamento=place.departamento, municipio=place.municipio, puesto=place.puesto
            )
        return cls(
            departamento=official.departamento,
            municipio=official.municipio,
            puesto=official.puesto,
            code=official.code,
        )


@frozen(kw_only=True)
class PuestoTotal(Puesto):
    people: int


@frozen
class Roster:
    """Everyone someone brought, as they may see them (the spreadsheet's rows)."""

    people: tuple[ReferredPerson, ...] = ()

    @classmethod
    def of(cls, people: Iterable[ReferredPerson]) -> Roster:
        return cls(tuple(people))


@frozen(kw_only=True)
class StatusCount:
    """How many people, sharing their result or not, have their lookup at ``status``."""

    status: LookupStatus
    shared: bool
    people: int


@frozen(kw_only=True)
class RosterTotals:
    total: int = 0
    # People who do not share their result (nor their place) with the referrer.
    not_shared: int = 0
    # How many people's lookups the referrer sees at each status, in the statuses' order;
    # last (as None), those whose result is withheld. Statuses nobody is at are left out.
    by_status: tuple[tuple[LookupStatus | None, int], ...] = ()
    # People per polling station (a leader plans by puesto), largest first, an official
    # place before a namesake not verified; only the places shared with the referrer.
    by_puesto: tuple[PuestoTotal, ...] = ()
    # The people the roster's people brought (one level down); None when the viewer may
    # not know.
    network: int | None = None

    @classmethod
    def counted(
        cls,
        *,
        statuses: Iterable[StatusCount],
        puestos: Iterable[PuestoTotal],
        network: int | None = None,
    ) -> RosterTotals:
        """The totals of the database's counts: everyone by status and whether they share
        (people without a lookup yet counted at its first status), and the shared places
        by puesto. A puesto's name is only unique in its municipio, so the municipio is
        part of it; an official place is named by its code."""
        counts = tuple(statuses)
        seen: Counter[LookupStatus | None] = Counter()
        for count in counts:
            seen[seen_status(count.status, shared=count.shared)] += count.people
        return cls(
            total=sum(count.people for count in counts),
            not_shared=sum(count.people for count in counts if not count.shared),
            by_status=tuple(
                (status, seen[status]) for status in (*LookupStatus, None) if seen[status]
            ),
            by_puesto=tuple(
                sorted(
                    puestos,
                    key=lambda total: (
                        -total.people,
                        total.departamento,
                        total.municipio,
                        total.puesto,
                        not total.verified,
                        str(total.code),
                    ),
                )
            ),
            network=network,
        )

    def largest_puestos(self, shown: int) -> PuestoSummary:
        """The ``shown`` largest puestos, and how many others there are with how many
        people, so that a page stays short whatever the number of puestos."""
        rest = self.by_puesto[shown:]
        return PuestoSummary(
            largest=self.by_puesto[:shown],
            other_puestos=len(rest),
            other_people=sum(total.people for total in rest),
        )


@frozen(kw_only=True)
class PuestoSummary:
    largest: tuple[PuestoTotal, ...]
    other_puestos: int = 0
    other_people: int = 0

    @property
    def any_unverified(self) -> bool:
        """Whether a puesto listed is not verified against the official list (and so is
        explained)."""
        return not all(total.verified for total in self.largest)
