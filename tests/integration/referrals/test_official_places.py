"""A leader counts real places: two answers that matched one official place are one puesto
on /referidos/ and in its spreadsheet, whatever each typed; an answer that matched none is
shown apart, by its own text, and marked as not verified against the official list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from attrs import evolve
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus, PlaceCode, VotingPlace
from cedula_domain.place_matching import MatchCounts
from integration.portal.census_support import store
from integration.referrals.referral_support import (
    brought,
    item_of,
    make_person,
    many_brought_by,
    matched,
    my_link,
    official_place,
    spreadsheet_rows,
)
from pagina_madre.bootstrap.census_lookup import lookup_service
from referrals.models import Leader, SharingConsentEntry
from referrals.selectors import PEOPLE_PER_PAGE, roster_totals

pytestmark = pytest.mark.django_db

# What Beto typed before the list was loaded, and what Carla chose from it: the same row
# of the 2026 list.
TYPED = VotingPlace(
    departamento="Antioquia",
    municipio="Medellín",
    puesto="IE Fe y Alegría San José",
    direccion="",
    mesa="4",
)
CHOSEN = evolve(
    TYPED, departamento="ANTIOQUIA", municipio="MEDELLIN", puesto="I.E.FE Y ALEGRIA SAN JOSE"
)
OFFICIAL = ("ANTIOQUIA", "MEDELLIN", "I.E.FE Y ALEGRIA SAN JOSE")
CODE = "01-001-13-05"
# A place the list does not have.
NOT_LISTED = evolve(TYPED, puesto="Colegio Nuevo Amanecer", mesa="2")
NOT_VERIFIED = "Sin verificar en la lista oficial"


def answered(person: CustomUser, place: VotingPlace) -> None:
    store(person, status=LookupStatus.FOUND, voting_place=place, source=AnswerSource.PERSON)
    SharingConsentEntry.objects.create(
        referral=person.referral, change="granted", at=datetime.now(UTC)
    )


@pytest.fixture
def ana() -> CustomUser:
    ana = make_person("1020304050", "Ana María Ríos")
    Leader.objects.create(person=ana, meta=10)
    return ana


@pytest.fixture
def ana_client(ana: CustomUser) -> Client:
    client = Client()
    client.force_login(ana, backend="django.contrib.auth.backends.ModelBackend")
    my_link(client)  # her link is issued on her first visit
    return client


@pytest.fixture
def her_people(ana: CustomUser, ana_client: Client) -> None:
    """Beto typed the place, Carla chose it from the list, Dora's is not on it; all share."""
    san_jose = official_place(CODE, *OFFICIAL, direccion="CALLE 86 # 92-60")
    beto = make_person("43210987", "Beto Pérez")
    carla = make_person("72123456", "Carla Gómez")
    dora = make_person("1098765432", "Dora Díaz")
    brought(ana, beto, carla, dora)
    for person, place in ((beto, TYPED), (carla, CHOSEN), (dora, NOT_LISTED)):
        answered(person, place)
    matched(beto, san_jose)
    matched(carla, san_jose)
    matched(dora, None, unmatched="puesto")


def puesto_items(page: str) -> list[str]:
    listed = page[page.index('data-testid="por-puesto"') :].split("</ul>")[0]
    return [item.split("</li>")[0] for item in listed.split("<li")[1:]]


def test_two_answers_of_one_official_place_are_one_puesto_in_the_totals(ana, her_people):
    totals = roster_totals(referrer=ana, with_network=True)

    assert [
        (total.puesto, total.code, total.people, total.verified) for total in totals.by_puesto
    ] == [
        ("I.E.FE Y ALEGRIA SAN JOSE", PlaceCode("01", "001", "13", "05"), 2, True),
        ("Colegio Nuevo Amanecer", None, 1, False),
    ]


def test_the_leader_sees_one_row_for_the_official_place_and_the_other_apart_and_marked(
    ana_client: Client, her_people
):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    official, not_listed = puesto_items(page)
    assert "I.E.FE Y ALEGRIA SAN JOSE" in official
    assert f"MEDELLIN, ANTIOQUIA · código {CODE}" in official
    assert '<span class="badge text-bg-primary rounded-pill">2</span>' in official
    assert NOT_VERIFIED not in official
    assert "Colegio Nuevo Amanecer" in not_listed
    assert NOT_VERIFIED in not_listed
    assert '<span class="badge text-bg-primary rounded-pill">1</span>' in not_listed
    assert 'data-testid="nota-sin-verificar"' in page
    assert TYPED.puesto not in page


def test_each_person_reads_the_official_place_or_their_own_text_marked(
    ana_client: Client, her_people
):
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    where = " · ".join(OFFICIAL)
    for name, mesa in (("Beto Pérez", "4"), ("Carla Gómez", "4")):
        item = item_of(page, name)
        assert f"{where} · mesa {mesa}" in item
        assert f"Puesto oficial, código {CODE}" in item
        assert NOT_VERIFIED not in item
    dora = item_of(page, "Dora Díaz")
    assert "Antioquia · Medellín · Colegio Nuevo Amanecer · mesa 2" in dora
    assert NOT_VERIFIED in dora
    assert "código" not in dora


def test_the_spreadsheet_names_one_official_place_with_its_code(ana_client: Client, her_people):
    rows = {
        row["Nombre"]: row
        for row in spreadsheet_rows(ana_client.get(reverse("referrals:export")).content)
    }

    def place(name: str) -> tuple[str, ...]:
        row = rows[name]
        return (row["Departamento"], row["Municipio"], row["Puesto"], row["Código del puesto"])

    assert place("Beto Pérez") == place("Carla Gómez") == (*OFFICIAL, CODE)
    assert place("Dora Díaz") == (
        "Antioquia",
        "Medellín",
        "Colegio Nuevo Amanecer",
        "sin verificar",
    )
    assert len({place(name) for name in rows}) == 2
    assert [rows[name]["Mesa"] for name in ("Beto Pérez", "Dora Díaz")] == ["4", "2"]


def test_an_official_name_that_looks_like_a_formula_is_written_as_text(
    ana: CustomUser, ana_client: Client
):
    """The list is a file from outside: its names are no safer than what people type."""
    elena = make_person("52000000", "Elena Mora")
    brought(ana, elena)
    answered(elena, TYPED)
    matched(elena, official_place("01-001-13-06", "ANTIOQUIA", "MEDELLIN", "=1+2"))

    (row,) = spreadsheet_rows(ana_client.get(reverse("referrals:export")).content)

    assert (row["Puesto"], row["Código del puesto"]) == ("'=1+2", "01-001-13-06")


def test_a_place_withheld_has_no_code_either(ana: CustomUser, ana_client: Client, her_people):
    SharingConsentEntry.objects.create(
        referral=CustomUser.objects.get(cedula="43210987").referral,
        change="withdrawn",
        at=datetime.now(UTC),
    )

    rows = {
        row["Nombre"]: row
        for row in spreadsheet_rows(ana_client.get(reverse("referrals:export")).content)
    }
    page = ana_client.get(reverse("referrals:my_people")).content.decode()

    assert rows["Beto Pérez"]["Código del puesto"] == "no compartido"
    assert CODE not in item_of(page, "Beto Pérez")
    assert '<span class="badge text-bg-primary rounded-pill">1</span>' in puesto_items(page)[0]


def test_official_places_cost_no_query_per_person(
    ana: CustomUser, ana_client: Client, django_assert_max_num_queries
):
    places = [
        official_place(f"01-001-13-{index:02d}", "ANTIOQUIA", "MEDELLIN", f"PUESTO {index}")
        for index in range(5)
    ]
    for index, person in enumerate(many_brought_by(ana, 2 * PEOPLE_PER_PAGE)):
        matched(person, places[index % 5])

    with django_assert_max_num_queries(15):
        page = ana_client.get(reverse("referrals:my_people")).content.decode()
    with django_assert_max_num_queries(6):
        rows = spreadsheet_rows(ana_client.get(reverse("referrals:export")).content)

    assert len(puesto_items(page)) == 5
    assert page.count("Puesto oficial, código 01-001-13-") == PEOPLE_PER_PAGE // 2
    assert {row["Código del puesto"] for row in rows} == {
        "no compartido",
        *(place.code for place in places),
    }


def test_once_the_list_is_loaded_and_old_answers_matched_the_leader_sees_one_row(
    ana: CustomUser, ana_client: Client, polling_place_list
):
    """The issue's case on the shipped 2026 list: Beto typed "IE San José" before there was
    a list; Carla chose the place from it (the form sends its code)."""
    beto = make_person("43210987", "Beto Pérez")
    carla = make_person("72123456", "Carla Gómez")
    brought(ana, beto, carla)
    typed = VotingPlace(
        departamento="Antioquia",
        municipio="Angelópolis",
        puesto="IE San José",
        direccion="",
        mesa="3",
    )
    chosen = evolve(
        typed,
        departamento="ANTIOQUIA",
        municipio="ANGELOPOLIS",
        puesto="I.E SAN JOSE",
        direccion="CALLE 9 N. 14 -03",
        coddivipol="010220000",
    )
    answered(beto, typed)
    answered(carla, chosen)

    assert lookup_service().match_stored_places() == MatchCounts(matched=2, unmatched=0)

    page = ana_client.get(reverse("referrals:my_people")).content.decode()
    (row,) = puesto_items(page)
    assert "I.E SAN JOSE" in row
    assert "ANGELOPOLIS, ANTIOQUIA · código 01-022-00-00" in row
    assert '<span class="badge text-bg-primary rounded-pill">2</span>' in row
    codes = {
        line["Código del puesto"]
        for line in spreadsheet_rows(ana_client.get(reverse("referrals:export")).content)
    }
    assert codes == {"01-022-00-00"}
