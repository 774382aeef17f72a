"""The card says how to get to the place: "Cómo llegar" leads to its point on a public map
(a plain link; nothing of the map on our pages), and the address comes from the official
list when the answer had none."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from attrs import evolve
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import (
    AnswerSource,
    Coordinates,
    LookupStatus,
    OfficialPlace,
    PlaceCode,
    PlaceMatch,
    Unmatched,
)
from census.models import CedulaInfo
from census.presenter import directions_url, place_address
from integration.portal.census_support import PLACE, store
from polling_places.models import PollingPlace, PollingPlaceList

pytestmark = pytest.mark.django_db

# The Registraduría's answer without an address or a point, as some portals give it.
BARE = evolve(
    PLACE,
    departamento="ANTIOQUIA",
    municipio="MEDELLIN",
    puesto="INST.EDUC. LA CANDELARIA",
    direccion="",
    coordinates=None,
)
OFFICIAL = OfficialPlace(
    election="congreso-2026",
    code=PlaceCode("01", "001", "01", "02"),
    departamento="ANTIOQUIA",
    municipio="MEDELLIN",
    puesto="INST.EDUC. LA CANDELARIA",
    direccion="CL 106 # 32-100",
    coordinates=Coordinates(latitude=6.2935183, longitude=-75.5424117),
)
CANDELARIA_MAP = (
    "https://www.openstreetmap.org/?mlat=6.293518&mlon=-75.542412#map=17/6.293518/-75.542412"
)


def found(person: CustomUser, place) -> None:
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=place,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime.now(UTC),
    )


def card(client: Client) -> str:
    return client.get(reverse("census:card")).text


# The words


def test_the_way_there_is_the_answer_s_own_point_else_the_official_place_s():
    own = evolve(BARE, coordinates=Coordinates(latitude=6.2, longitude=-75.57))

    assert directions_url(own) == (
        "https://www.openstreetmap.org/?mlat=6.200000&mlon=-75.570000#map=17/6.200000/-75.570000"
    )
    assert directions_url(evolve(BARE, match=PlaceMatch.found(OFFICIAL))) == CANDELARIA_MAP
    assert directions_url(evolve(own, match=PlaceMatch.found(OFFICIAL))) == directions_url(own)


@pytest.mark.parametrize(
    "place",
    [
        None,
        BARE,
        evolve(BARE, match=PlaceMatch.missing(Unmatched.PUESTO)),
        evolve(BARE, match=PlaceMatch.found(evolve(OFFICIAL, coordinates=None))),
    ],
    ids=["no place", "no point", "unmatched", "official place without a point"],
)
def test_no_way_there_without_a_point(place):
    assert directions_url(place) == ""


def test_the_address_is_the_answer_s_else_the_official_place_s():
    assert place_address(evolve(BARE, match=PlaceMatch.found(OFFICIAL))) == "CL 106 # 32-100"
    assert place_address(evolve(BARE, direccion="KR 1", match=PlaceMatch.found(OFFICIAL))) == (
        "KR 1"
    )
    assert place_address(BARE) == ""
    assert place_address(None) == ""


# The card


def test_the_card_links_to_the_answer_s_point_on_a_public_map_and_shows_no_map_itself(
    logged_in: Client, person
):
    found(person, PLACE)

    page = card(logged_in)

    link = (
        '<a class="btn btn-outline-primary btn-sm" '
        'href="https://www.openstreetmap.org/?mlat=6.200000&amp;mlon=-75.570000'
        '#map=17/6.200000/-75.570000" data-testid="como-llegar">Cómo llegar</a>'
    )
    assert link in page
    assert "<iframe" not in page
    assert "openstreetmap.org/" not in page.replace(link, "")


def test_a_place_without_a_known_point_has_no_way_there(logged_in: Client, person):
    found(person, BARE)

    page = card(logged_in)

    assert "Cómo llegar" not in page
    assert "Dirección" not in page


def test_an_answer_matched_to_the_list_takes_its_address_and_point_from_it(
    logged_in: Client, person
):
    found(person, BARE)
    places = PollingPlaceList.objects.create(
        election="congreso-2026", name="Congreso 2026", published_on=date(2025, 12, 12)
    )
    candelaria = PollingPlace.objects.create(
        list=places,
        dd="01",
        mm="001",
        zz="01",
        pp="02",
        departamento="ANTIOQUIA",
        municipio="MEDELLIN",
        puesto="INST.EDUC. LA CANDELARIA",
        direccion="CL 106 # 32-100",
        latitud=6.2935183,
        longitud=-75.5424117,
        departamento_key="ANTIOQUIA",
        municipio_key="MEDELLIN",
        puesto_key="INST EDUC LA CANDELARIA",
    )
    CedulaInfo.objects.filter(user=person).update(polling_place=candelaria)

    page = card(logged_in)

    assert '<dd class="col-sm-8" data-testid="direccion">CL 106 # 32-100</dd>' in page
    assert f'href="{CANDELARIA_MAP.replace("&", "&amp;")}"' in page
