"""The official list as the report form's autocomplete reads it: the municipios of a
departamento and the puestos of a municipio that fit what was typed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cedula_domain import name_key
from polling_places.models import PollingPlaceList

pytestmark = pytest.mark.django_db


def municipios_url(places: PollingPlaceList) -> str:
    return reverse("polling_places:municipios", kwargs={"election": places.election})


def puestos_url(places: PollingPlaceList) -> str:
    return reverse("polling_places:puestos", kwargs={"election": places.election})


def test_a_departamento_s_municipios_come_by_name_and_only_its_own(
    logged_in: Client, polling_place_list
):
    response = logged_in.get(municipios_url(polling_place_list), {"departamento": "07"})

    municipios = response.json()["municipios"]
    names = [municipio["nombre"] for municipio in municipios]
    assert {"codigo": "001", "nombre": "TUNJA"} in municipios
    assert "MEDELLIN" not in names
    assert names == sorted(names, key=name_key)
    assert len(municipios) == 123


def test_an_unknown_departamento_has_no_municipios(logged_in: Client, polling_place_list):
    response = logged_in.get(municipios_url(polling_place_list), {"departamento": "XX"})

    assert response.json() == {"municipios": []}


def test_the_puestos_that_fit_what_was_typed_come_with_their_address_best_first(
    logged_in: Client, polling_place_list
):
    response = logged_in.get(
        puestos_url(polling_place_list), {"departamento": "16", "municipio": "001", "q": "san"}
    )

    found = response.json()
    assert found["total"] > 20
    assert len(found["puestos"]) == 20
    # Names that start with it first ("SAN JOSE"), then names with a word that does.
    first = found["puestos"][0]
    assert first["nombre"].startswith("SAN")
    assert set(first) == {"id", "nombre", "direccion"}
    for puesto in found["puestos"]:
        assert any(word.startswith("SAN") for word in name_key(puesto["nombre"]).split())


def test_typing_with_accents_and_several_words_finds_the_same_puestos(
    logged_in: Client, polling_place_list
):
    url = puestos_url(polling_place_list)
    bogota = {"departamento": "16", "municipio": "001"}

    plain = logged_in.get(url, bogota | {"q": "SAN JOSE CAL"}).json()
    typed = logged_in.get(url, bogota | {"q": "  san  josé, cal "}).json()

    assert plain == typed
    assert [puesto["nombre"] for puesto in plain["puestos"]] == ["COLEGIO SAN JOSE DE CALASANZ"]
    assert plain["puestos"][0]["direccion"] == "CLL 129 # 88 B 35"


def test_puestos_of_another_municipio_never_come(logged_in: Client, polling_place_list):
    url = puestos_url(polling_place_list)

    bogota = logged_in.get(url, {"departamento": "16", "municipio": "001", "q": "calasanz"})
    tunja = logged_in.get(url, {"departamento": "07", "municipio": "001", "q": "calasanz"})

    assert [puesto["nombre"] for puesto in bogota.json()["puestos"]] == [
        "CALASANZ BUENAVISTA",
        "COLEGIO SAN JOSE DE CALASANZ",
    ]
    assert tunja.json() == {"puestos": [], "total": 0}


def test_the_browser_may_keep_them_for_a_while_as_they_hold_nothing_of_the_person(
    logged_in: Client, polling_place_list
):
    response = logged_in.get(
        puestos_url(polling_place_list), {"departamento": "16", "municipio": "001", "q": "col"}
    )

    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert cache_control == {"private", "max-age=3600"}


def test_a_list_that_is_not_loaded_is_not_found(logged_in: Client, polling_place_list):
    url = reverse("polling_places:puestos", kwargs={"election": "presidencia-1990"})

    assert logged_in.get(url, {"departamento": "16", "municipio": "001"}).status_code == 404


@pytest.mark.parametrize("name", ["polling_places:municipios", "polling_places:puestos"])
def test_only_a_logged_in_person_reads_them(client: Client, polling_place_list, name: str):
    url = reverse(name, kwargs={"election": polling_place_list.election})

    response = client.get(url, {"departamento": "16", "municipio": "001"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_they_are_read_only(logged_in: Client, polling_place_list):
    assert logged_in.post(puestos_url(polling_place_list)).status_code == 405
