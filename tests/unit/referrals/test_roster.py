from __future__ import annotations

import pytest
from attrs import evolve
from fakes import FOUND, PLACE, START

from cedula_domain import (
    Cancellation,
    Cancelled,
    Cedula,
    LookupStatus,
    NotEnabled,
    NotFound,
    VotingPlace,
    status_of,
)
from referrals.roster import PuestoTotal, ReferredPerson, Roster
from referrals.rules.sharing_consent import SharingConsent

SHARED = SharingConsent.never_given().grant(START)
NOT_SHARED = SharingConsent.never_given()
CORFERIAS = ("BOGOTA D.C.", "BOGOTA D.C.", "CORFERIAS")
OTHER_PLACE = evolve(PLACE, puesto="COLEGIO SAN BARTOLOME", mesa="3")


def seen(
    consent: SharingConsent = SHARED,
    status: LookupStatus = LookupStatus.FOUND,
    place: VotingPlace | None = PLACE,
    brought: int | None = None,
) -> ReferredPerson:
    return ReferredPerson.seen_by_referrer(
        name="Beto Pérez",
        cedula=Cedula("1234567890"),
        registered_at=START,
        status=status,
        voting_place=place if status is LookupStatus.FOUND else None,
        consent=consent,
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


def test_withheld_results_are_counted_last_and_apart() -> None:
    barred = LookupStatus.NOT_ENABLED
    roster = Roster.of(
        [
            seen(NOT_SHARED, status=barred),
            seen(status=barred),
            seen(),
            seen(NOT_SHARED),
            seen(NOT_SHARED, status=LookupStatus.ERROR),
        ]
    )

    assert list(roster.by_status().items()) == [
        (LookupStatus.FOUND, 1),
        (barred, 1),
        (LookupStatus.ERROR, 1),
        (None, 2),
    ]


def test_totals_count_each_status_in_order_and_leave_out_the_empty_ones() -> None:
    roster = Roster.of(
        [
            seen(status=LookupStatus.NOT_FOUND),
            seen(),
            seen(status=LookupStatus.PENDING),
            seen(NOT_SHARED),
        ]
    )

    assert list(roster.by_status().items()) == [
        (LookupStatus.PENDING, 1),
        (LookupStatus.FOUND, 1),
        (LookupStatus.NOT_FOUND, 1),
        (None, 1),
    ]
    assert roster.total == 4
    assert roster.not_shared == 1


def test_totals_by_puesto_count_only_shared_places_largest_first() -> None:
    roster = Roster.of(
        [seen(place=OTHER_PLACE), seen(), seen(), seen(NOT_SHARED), seen(status=LookupStatus.ERROR)]
    )

    assert roster.by_puesto() == (
        PuestoTotal(
            departamento=CORFERIAS[0], municipio=CORFERIAS[1], puesto=CORFERIAS[2], people=2
        ),
        PuestoTotal(
            departamento="BOGOTA D.C.",
            municipio="BOGOTA D.C.",
            puesto="COLEGIO SAN BARTOLOME",
            people=1,
        ),
    )


def test_a_puesto_of_the_same_name_in_another_municipio_is_another_puesto() -> None:
    elsewhere = evolve(PLACE, departamento="CUNDINAMARCA", municipio="SOACHA")

    totals = Roster.of([seen(), seen(place=elsewhere)]).by_puesto()

    assert [(total.municipio, total.people) for total in totals] == [
        ("BOGOTA D.C.", 1),
        ("SOACHA", 1),
    ]


def test_the_network_one_level_down_adds_what_each_person_brought() -> None:
    assert Roster.of([seen(brought=3), seen(brought=0), seen(brought=None)]).network == 3


def test_an_empty_roster_has_no_totals() -> None:
    roster = Roster()

    assert (roster.total, roster.not_shared, roster.network) == (0, 0, 0)
    assert roster.by_status() == {}
    assert roster.by_puesto() == ()
