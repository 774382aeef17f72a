"""A person reports the place the Registraduría showed them by choosing it from the official
list, with plain form controls and a round trip per step (no JavaScript): departamento,
then its municipio, then a search of its puestos; or types it when it is not listed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from cedula_domain import FailureKind, LookupStatus, PlaceCode, code_named
from census.models import CedulaInfo
from integration.portal.census_support import store
from polling_places.models import PollingPlace, PollingPlaceList

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("census:report")
PLACE_URL = reverse("census:report_place")
BOGOTA, TUNJA = ("16", "001"), ("07", "001")


@pytest.fixture
def gave_up(person: CustomUser) -> CustomUser:
    """``person``, whose automatic lookup gave up: the card asks them what they saw."""
    store(
        person,
        status=LookupStatus.ERROR,
        attempts=3,
        last_failure_kind=FailureKind.UNAVAILABLE,
        last_failure_message="timeout",
    )
    return person


def place(places: PollingPlaceList, dd: str, mm: str, zz: str, pp: str) -> PollingPlace:
    return PollingPlace.objects.get(list=places, dd=dd, mm=mm, zz=zz, pp=pp)


def row(user: CustomUser) -> dict[str, Any]:
    return CedulaInfo.objects.filter(cedula=user.cedula).values().first()


def step(client: Client, paso: str, **data: str):
    """A step of choosing without JavaScript: the same page, sent with the step's button."""
    return client.post(PLACE_URL, {"paso": paso, **data})


def options(page: str, name: str) -> dict[str, str]:
    """The options of the select named ``name``: value to text."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, f"no select {name}"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0)))


def radios(page: str) -> set[str]:
    return set(re.findall(r'type="radio" name="puesto" value="(\d+)"', page))


def shown(page: str, step_id: str) -> bool:
    tag = re.search(rf'<div id="{step_id}"[^>]*>', page)
    assert tag, step_id
    return " hidden" not in tag.group(0)


@pytest.fixture
def found_report(polling_place_list: PollingPlaceList) -> dict[str, str]:
    """A whole answer of the place page, chosen from the list: SAN JOSE, Fontibón, Bogotá."""
    san_jose = place(polling_place_list, *BOGOTA, "09", "39")
    return {
        "departamento": "16",
        "municipio": "001",
        "puesto": str(san_jose.pk),
        "mesa": "12",
    }


# The steps


def test_the_place_page_starts_with_the_departamentos_of_the_list(
    logged_in: Client, gave_up, polling_place_list
):
    page = logged_in.get(PLACE_URL).text

    departamentos = options(page, "departamento")
    assert len(departamentos) == 35  # 33 and the consulados, after "Elige el departamento"
    assert departamentos["07"] == "BOYACA"
    assert departamentos["16"] == "BOGOTA D.C."
    assert f'formaction="{PLACE_URL}#paso-municipio" data-paso-boton>Continuar' in page
    assert not shown(page, "paso-municipio")
    assert not shown(page, "paso-puesto")
    assert "Mi puesto no está en la lista" in page
    assert 'name="mesa"' in page


def test_choosing_a_departamento_offers_its_municipios_and_nothing_else(
    logged_in: Client, gave_up, polling_place_list
):
    response = step(logged_in, "departamento", departamento="07", mesa="4")

    assert response.status_code == 200
    page = response.text
    assert options(page, "departamento")["07"] == "BOYACA"
    assert 'value="07" selected' in page
    municipios = options(page, "municipio")
    assert municipios["001"] == "TUNJA"
    assert municipios["238"] == "SAN JOSE DE PARE"
    assert "MEDELLIN" not in municipios.values()
    assert shown(page, "paso-municipio")
    assert not shown(page, "paso-puesto")
    # Only this step's button: Enter in any field presses it.
    assert page.count("data-paso-boton") == 1
    assert 'name="paso" value="municipio"' in page
    # What was typed meanwhile stays, and nothing was saved.
    assert 'name="mesa" value="4"' in page
    assert row(gave_up)["status"] == "error"
    assert "<title>¿Dónde votas? · Página Madre</title>" in page


def test_a_small_municipio_shows_all_its_puestos_with_their_addresses(
    logged_in: Client, gave_up, polling_place_list
):
    response = step(logged_in, "municipio", departamento="07", municipio="238")

    assert response.status_code == 200
    page = response.text
    assert shown(page, "paso-puesto")
    every = PollingPlace.objects.filter(list=polling_place_list, dd="07", mm="238")
    assert radios(page) == {str(place.pk) for place in every}
    assert "INSTITUCION EDUCATIVA HORIZONTES" in page
    assert "KR3 #2-29 BR CTRO.COL. HORIZON" in page
    assert 'name="paso" value="buscar"' in page


def test_bogota_has_one_municipio_chosen_for_you_and_asks_to_type_part_of_the_puesto(
    logged_in: Client, gave_up, polling_place_list
):
    response = step(logged_in, "departamento", departamento="16")

    page = response.text
    assert options(page, "municipio") == {"": "Elige el municipio", "001": "BOGOTA. D.C."}
    assert 'value="001" selected' in page
    assert shown(page, "paso-puesto")
    assert "BOGOTA. D.C. tiene 1083 puestos: escribe parte del nombre del tuyo" in page
    assert not radios(page)


def test_searching_shows_the_puestos_of_the_municipio_whose_name_fits(
    logged_in: Client, gave_up, polling_place_list
):
    response = step(logged_in, "buscar", departamento="16", municipio="001", buscar="san josé cal")

    assert response.status_code == 200
    calasanz = place(polling_place_list, *BOGOTA, "11", "02")
    assert radios(response.text) == {str(calasanz.pk)}
    assert "COLEGIO SAN JOSE DE CALASANZ" in response.text
    assert "CLL 129 # 88 B 35" in response.text


def test_a_search_with_many_results_shows_the_first_and_says_how_many(
    logged_in: Client, gave_up, polling_place_list
):
    page = step(logged_in, "buscar", departamento="16", municipio="001", buscar="col").text

    assert len(radios(page)) == 25
    match = re.search(r"Hay (\d+) puestos con «col»: te mostramos los primeros 25", page)
    assert match
    assert int(match.group(1)) > 25


def test_a_search_that_finds_nothing_says_so_and_offers_the_way_out(
    logged_in: Client, gave_up, polling_place_list
):
    page = step(logged_in, "buscar", departamento="07", municipio="001", buscar="xyz").text

    assert "No encontramos puestos de TUNJA con «xyz»" in page
    assert "marca «Mi puesto no está en la lista»" in page
    assert not radios(page)


def test_a_search_keeps_the_puesto_already_chosen(logged_in: Client, gave_up, polling_place_list):
    chosen = place(polling_place_list, *TUNJA, "01", "01")

    page = step(
        logged_in,
        "buscar",
        departamento="07",
        municipio="001",
        puesto=str(chosen.pk),
        buscar="universidad",
    ).text

    assert re.search(rf'value="{chosen.pk}"[^>]*checked', page)
    assert "Dirección del puesto: CRA 10 #18-99" in page


@pytest.mark.parametrize(
    ("paso", "data", "field", "message"),
    [
        ("departamento", {}, "departamento", "Elige el departamento."),
        ("departamento", {"departamento": "99"}, "departamento", "Elige un departamento"),
        ("municipio", {"departamento": "07"}, "municipio", "Elige el municipio."),
        (
            "municipio",
            {"departamento": "05", "municipio": "238"},
            "municipio",
            "Elige un municipio de BOLIVAR de la lista.",
        ),
    ],
    ids=["no departamento", "unknown departamento", "no municipio", "municipio of another"],
)
def test_a_step_refused_says_what_to_fix(
    logged_in: Client, gave_up, polling_place_list, paso, data, field, message
):
    before = row(gave_up)

    response = step(logged_in, paso, **data)

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.text
    assert 'data-testid="error-summary"' in response.text
    assert "<title>Error: ¿Dónde votas?" in response.text
    assert row(gave_up) == before


def test_a_step_of_no_known_kind_is_a_save_and_counts_against_the_limit(
    logged_in: Client, gave_up, polling_place_list, settings
):
    settings.REPORT_RATE = "1/h"

    assert step(logged_in, "otro", departamento="16").status_code == 400
    assert step(logged_in, "departamento", departamento="16").status_code == 200
    assert step(logged_in, "otro", departamento="16").status_code == 429


def test_steps_save_nothing_and_use_up_no_report(
    logged_in: Client, gave_up, polling_place_list, settings
):
    settings.REPORT_RATE = "2/h"
    for _ in range(4):
        assert step(logged_in, "departamento", departamento="07").status_code == 200

    assert row(gave_up)["source"] == ""


# Saving


def test_a_person_saves_the_place_they_chose_with_its_official_names_and_address(
    logged_in: Client, gave_up, polling_place_list, found_report
):
    assert logged_in.post(REPORT_URL, {"resultado": "encontrado"}).url == PLACE_URL

    response = logged_in.post(PLACE_URL, found_report)

    assert response.status_code == 302
    stored = row(gave_up)
    assert (stored["status"], stored["source"]) == ("found", "persona")
    assert (stored["departamento"], stored["municipio"], stored["puesto"]) == (
        "BOGOTA D.C.",
        "BOGOTA. D.C.",
        "SAN JOSE",
    )
    assert (stored["direccion"], stored["mesa"]) == ("CRA 100 # 24 - 60", "12")
    # The code names the place itself (cedula_domain.code_named): the answer is matched to it.
    assert code_named(stored["coddivipol"]) == PlaceCode("16", "001", "09", "39")
    assert stored["polling_place_id"] == int(found_report["puesto"])
    home = logged_in.get(response.url).text
    assert "Gracias. Guardamos lo que te mostró la Registraduría" in home
    assert 'data-testid="puesto">SAN JOSE<' in home
    assert "CRA 100 # 24 - 60" in home


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"departamento": ""}, "departamento", "Elige el departamento."),
        ({"departamento": "Bogotá D.C."}, "departamento", "Elige un departamento de la lista."),
        ({"departamento": "07", "municipio": ""}, "municipio", "Elige el municipio."),
        ({"municipio": "238"}, "municipio", "Elige un municipio de BOGOTA D.C. de la lista."),
        ({"puesto": ""}, "puesto", "Elige tu puesto de la lista."),
        ({"mesa": ""}, "mesa", "Escribe el número de la mesa."),
        ({"mesa": "12a"}, "mesa", "La mesa se escribe solo con números, por ejemplo 12."),
        (
            {"fuera_de_lista": "on"},
            "puesto_escrito",
            "Escribe el nombre del puesto de votación.",
        ),
    ],
    ids=[
        "no departamento",
        "a departamento by name",
        "no municipio",
        "municipio of another departamento",
        "no puesto",
        "no mesa",
        "mesa not a number",
        "not listed without a name",
    ],
)
def test_a_report_refused_says_what_to_fix_next_to_the_field_and_writes_nothing(
    logged_in: Client, gave_up, found_report, changes, field, message
):
    before = row(gave_up)

    response = logged_in.post(PLACE_URL, found_report | changes)

    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert 'data-testid="error-summary"' in response.text
    assert response.text.count(message) == 2  # in the summary and next to the field
    assert row(gave_up) == before


def test_a_puesto_of_another_municipio_is_refused(
    logged_in: Client, gave_up, polling_place_list, found_report
):
    tunja = place(polling_place_list, *TUNJA, "01", "01")

    response = logged_in.post(
        PLACE_URL, found_report | {"departamento": "07", "puesto": str(tunja.pk + 100_000)}
    )
    also = logged_in.post(PLACE_URL, found_report | {"puesto": str(tunja.pk)})
    nonsense = logged_in.post(PLACE_URL, found_report | {"puesto": "9" * 30})

    assert response.status_code == also.status_code == nonsense.status_code == 400
    assert "Elige un puesto de TUNJA de la lista." in response.text
    assert "Elige un puesto de BOGOTA. D.C. de la lista." in also.text
    assert row(gave_up)["source"] == ""


def test_a_place_not_in_the_list_is_typed_and_saved_as_the_persons_word_alone(
    logged_in: Client, gave_up, polling_place_list
):
    response = logged_in.post(
        PLACE_URL,
        {
            "departamento": "07",
            "municipio": "001",
            "buscar": "colegio nuevo",
            "fuera_de_lista": "on",
            "puesto_escrito": "Colegio Nuevo de Tunja",
            "direccion": "Calle 1 # 2-3",
            "mesa": "3",
        },
    )

    assert response.status_code == 302
    stored = row(gave_up)
    assert (stored["departamento"], stored["municipio"], stored["puesto"]) == (
        "BOYACA",
        "TUNJA",
        "Colegio Nuevo de Tunja",
    )
    assert (stored["direccion"], stored["mesa"], stored["coddivipol"]) == ("Calle 1 # 2-3", "3", "")
    # No official place names it: operators see it as unverified.
    assert stored["polling_place_id"] is None
    assert stored["source"] == "persona"


# Without a list


def test_without_a_list_every_part_of_the_place_is_typed_as_before(logged_in: Client, gave_up):
    page = logged_in.get(PLACE_URL).text

    assert '<option value="Boyacá">Boyacá</option>' in page
    assert 'type="text" name="municipio"' in page
    assert "data-paso-boton" not in page
    assert "Mi puesto no está en la lista" not in page

    response = logged_in.post(
        PLACE_URL,
        {
            "departamento": "Boyacá",
            "municipio": "Tunja",
            "puesto": "Colegio de Boyacá",
            "mesa": "14",
        },
    )
    assert response.status_code == 302
    assert row(gave_up)["puesto"] == "Colegio de Boyacá"
