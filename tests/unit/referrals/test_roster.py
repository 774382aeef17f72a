from __future__ import annotations

import pytest
from attrs import evolve
from fakes import FOUND, PLACE, START

from cedula_domain import (
    AnswerSource,
    Cancellation,
    Cancelled,
    Cedula,
    LookupStatus,
    NotEnabled,
    NotFound,
    OfficialPlace,
    PlaceCode,
    PlaceMatch,
    Unmatched,
    VotingPlace,
    status_of,
)
from referrals.roster import (
    Puesto,
    PuestoTotal,
    ReferredPerson,
    Roster,
    RosterTotals,
    StatusCount,
    seen_status,
)
from referrals.rules.sharing_consent import SharingConsent

SHARED = SharingConsent.never_given().grant(START)
NOT_SHARED = SharingConsent.never_given()
CORFERIAS = ("BOGOTA D.C.", "BOGOTA D.C.", "CORFERIAS")
OTHER_PLACE = evolve(PLACE, puesto="COLEGIO SAN BARTOLOME", mesa="3")
# A row of the 2026 list, and what two people may have answered for it.
SAN_JOSE = OfficialPlace(
    election="congreso-2026",
    code=PlaceCode("01", "001", "13", "05"),
    departamento="ANTIOQUIA",
    municipio="MEDELLIN",
    puesto="I.E.FE Y ALEGRIA SAN JOSE",
    direccion="CALLE 86 # 92-60",
)
TYPED = VotingPlace(
    departamento="Antioquia",
    municipio="Medellín",
    puesto="IE Fe y Alegría San José",
    direccion="",
    mesa="4",
    match=PlaceMatch.found(SAN_JOSE),
)
CHOSEN = evolve(
    TYPED, departamento="ANTIOQUIA", municipio="MEDELLIN", puesto="I.E.FE Y ALEGRIA SAN JOSE"
)


def seen(
    consent: SharingConsent = SHARED,
    status: LookupStatus = LookupStatus.FOUND,
    place: VotingPlace | None = PLACE,
    brought: int | None = None,
    source: AnswerSource | None = AnswerSource.REGISTRADURIA,
) -> ReferredPerson:
    return ReferredPerson.seen_by_referrer(
        name="Beto Pérez",
        cedula=Cedula("1234567890"),
        registered_at=START,
        status=status,
        voting_place=place if status is LookupStatus.FOUND else None,
        consent=consent,
        source=source,
        brought=brought,
    )


@pytest.mark.parametrize(
    ("cedula", "masked"),
    [
        ("1234567890", "****7890"),
        ("12345678", "****5678"),
        ("1234567", "****567"),
        ("123", "****3"),
    ],
)
def test_a_cedula_shows_at_most_its_last_four_digits_and_never_half_of_it(
    cedula: str, masked: str
) -> None:
    assert Cedula(cedula).masked == masked


def test_a_referrer_sees_the_place_of_a_person_who_shares_it() -> None:
    person = seen(SHARED)

    assert person.shares_place
    assert person.voting_place == PLACE
    assert person.cedula == "****7890"
    assert (person.name, person.registered_at, person.status) == (
        "Beto Pérez",
        START,
        LookupStatus.FOUND,
    )


def test_a_referrer_sees_no_place_and_no_result_of_a_person_who_does_not_share() -> None:
    person = seen(NOT_SHARED)

    assert not person.shares_place
    assert person.voting_place is None
    assert person.status is None


# One of each answer the census gives.
ANSWERS = [
    status_of(answer)
    for answer in (
        FOUND,
        NotFound(),
        Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte")),
        NotEnabled(reason="Vigente con pérdida o suspensión de los derechos políticos"),
    )
]


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda status: status.value)
def test_every_answer_reaches_the_referrer_only_with_consent(answer: LookupStatus) -> None:
    assert seen(SHARED, status=answer).status is answer
    assert seen(NOT_SHARED, status=answer).status is None
    assert seen(SHARED.withdraw(START), status=answer).status is None


@pytest.mark.parametrize(
    "progress",
    [status for status in LookupStatus if status not in ANSWERS],
    ids=lambda status: status.value,
)
def test_how_the_lookup_is_going_reaches_the_referrer_without_consent(
    progress: LookupStatus,
) -> None:
    assert seen(NOT_SHARED, status=progress).status is progress


@pytest.mark.parametrize("source", list(AnswerSource), ids=lambda source: source.value)
@pytest.mark.parametrize("answer", ANSWERS, ids=lambda status: status.value)
def test_who_gave_an_answer_reaches_the_referrer_with_the_answer_and_only_with_consent(
    answer: LookupStatus, source: AnswerSource
) -> None:
    assert seen(SHARED, status=answer, source=source).source is source
    assert seen(NOT_SHARED, status=answer, source=source).source is None
    assert seen(SHARED.withdraw(START), status=answer, source=source).source is None


def test_the_source_of_a_place_kept_while_a_new_lookup_runs_is_shown_beside_the_place() -> None:
    """A person told where they vote while their lookup waits: the place is theirs."""
    waiting = ReferredPerson.seen_by_referrer(
        name="Beto Pérez",
        cedula=Cedula("1234567890"),
        registered_at=START,
        status=LookupStatus.PENDING,
        voting_place=PLACE,
        consent=SHARED,
        source=AnswerSource.PERSON,
    )

    assert (waiting.status, waiting.voting_place, waiting.source) == (
        LookupStatus.PENDING,
        PLACE,
        AnswerSource.PERSON,
    )


@pytest.mark.parametrize(
    "progress",
    [status for status in LookupStatus if status not in ANSWERS],
    ids=lambda status: status.value,
)
def test_no_source_is_shown_beside_a_status_that_only_says_how_the_lookup_is_going(
    progress: LookupStatus,
) -> None:
    """An answer kept from before (not a place) is not shown, so neither is its source."""
    assert seen(SHARED, status=progress, source=AnswerSource.PERSON).source is None
    assert seen(NOT_SHARED, status=progress, source=AnswerSource.PERSON).source is None


@pytest.mark.parametrize("status", list(LookupStatus), ids=lambda status: status.value)
def test_a_status_counted_reads_as_one_persons_status_with_or_without_consent(
    status: LookupStatus,
) -> None:
    for consent in (SHARED, NOT_SHARED):
        assert seen_status(status, shared=consent.granted) == seen(consent, status=status).status


def counted(*groups: tuple[LookupStatus, bool, int], puestos=(), network=None) -> RosterTotals:
    return RosterTotals.counted(
        statuses=[
            StatusCount(status=status, shared=shared, people=people)
            for status, shared, people in groups
        ],
        puestos=puestos,
        network=network,
    )


def puesto(name: str, people: int, municipio: str = "BOGOTA D.C.") -> PuestoTotal:
    return PuestoTotal(departamento="BOGOTA D.C.", municipio=municipio, puesto=name, people=people)


def test_withheld_results_are_counted_last_and_apart() -> None:
    barred = LookupStatus.NOT_ENABLED
    totals = counted(
        (barred, False, 1),
        (barred, True, 1),
        (LookupStatus.FOUND, True, 1),
        (LookupStatus.FOUND, False, 1),
        (LookupStatus.ERROR, False, 1),
    )

    assert totals.by_status == (
        (LookupStatus.FOUND, 1),
        (barred, 1),
        (LookupStatus.ERROR, 1),
        (None, 2),
    )


def test_totals_count_each_status_in_order_and_leave_out_the_empty_ones() -> None:
    totals = counted(
        (LookupStatus.NOT_FOUND, True, 4),
        (LookupStatus.FOUND, True, 3),
        (LookupStatus.PENDING, True, 0),
        (LookupStatus.PENDING, False, 2),
        (LookupStatus.FOUND, False, 5),
        (LookupStatus.PENDING, False, 1),
    )

    assert totals.by_status == (
        (LookupStatus.PENDING, 3),
        (LookupStatus.FOUND, 3),
        (LookupStatus.NOT_FOUND, 4),
        (None, 5),
    )
    assert totals.total == 15
    assert totals.not_shared == 8


def test_totals_by_puesto_are_largest_first_then_by_municipio_and_name() -> None:
    totals = counted(
        puestos=[puesto("B", 1), puesto("C", 2), puesto("A", 1, "SOACHA"), puesto("A", 1)]
    )

    assert [(total.puesto, total.municipio, total.people) for total in totals.by_puesto] == [
        ("C", "BOGOTA D.C.", 2),
        ("A", "BOGOTA D.C.", 1),
        ("B", "BOGOTA D.C.", 1),
        ("A", "SOACHA", 1),
    ]


def test_the_largest_puestos_are_listed_and_the_others_summed_up() -> None:
    totals = counted(puestos=[puesto("A", 5), puesto("B", 4), puesto("C", 2), puesto("D", 1)])

    summary = totals.largest_puestos(2)

    assert [total.puesto for total in summary.largest] == ["A", "B"]
    assert (summary.other_puestos, summary.other_people) == (2, 3)
    everything = totals.largest_puestos(4)
    assert (len(everything.largest), everything.other_puestos, everything.other_people) == (
        4,
        0,
        0,
    )


def test_the_network_is_told_only_when_the_viewer_may_know_it() -> None:
    assert counted(network=3).network == 3
    assert counted().network is None


def test_a_roster_keeps_its_people_in_order() -> None:
    first, second = seen(), seen(NOT_SHARED)

    assert Roster.of(iter([first, second])).people == (first, second)


def test_an_empty_roster_has_no_totals() -> None:
    totals = counted()

    assert (totals.total, totals.not_shared) == (0, 0)
    assert totals.by_status == ()
    assert totals.by_puesto == ()
    assert totals.largest_puestos(20).largest == ()


def test_a_place_that_matched_an_official_one_is_that_place_whatever_was_typed() -> None:
    assert Puesto.of(TYPED) == Puesto.of(CHOSEN)
    assert Puesto.of(TYPED) == Puesto(
        departamento="ANTIOQUIA",
        municipio="MEDELLIN",
        puesto="I.E.FE Y ALEGRIA SAN JOSE",
        code=PlaceCode("01", "001", "13", "05"),
    )
    assert Puesto.of(TYPED).verified


@pytest.mark.parametrize(
    "match",
    [None, PlaceMatch.missing(Unmatched.PUESTO), PlaceMatch.missing(Unmatched.NO_LIST)],
    ids=["never matched", "no such puesto", "no list"],
)
def test_a_place_without_an_official_one_keeps_its_text_and_is_not_verified(
    match: PlaceMatch | None,
) -> None:
    puesto = Puesto.of(evolve(PLACE, puesto="Colegio Nuevo", match=match))

    assert (puesto.departamento, puesto.municipio, puesto.puesto) == (
        PLACE.departamento,
        PLACE.municipio,
        "Colegio Nuevo",
    )
    assert puesto.code is None
    assert not puesto.verified


def test_a_referrer_sees_the_official_puesto_only_with_the_place() -> None:
    assert seen(SHARED, place=TYPED).puesto == Puesto.of(TYPED)
    assert seen(NOT_SHARED, place=TYPED).puesto is None


def test_an_official_puesto_comes_before_a_namesake_not_verified() -> None:
    code = SAN_JOSE.code
    official = PuestoTotal(
        departamento="BOGOTA D.C.", municipio="BOGOTA D.C.", puesto="A", code=code, people=1
    )

    totals = counted(puestos=[puesto("A", 1), official])

    assert [total.verified for total in totals.by_puesto] == [True, False]


def test_the_puestos_listed_say_whether_one_of_them_is_not_verified() -> None:
    code = SAN_JOSE.code
    official = PuestoTotal(
        departamento="BOGOTA D.C.", municipio="BOGOTA D.C.", puesto="A", code=code, people=2
    )
    totals = counted(puestos=[official, puesto("B", 1)])

    assert not totals.largest_puestos(1).any_unverified
    assert totals.largest_puestos(2).any_unverified
