"""Reading census answers (JSON and rendered tables) into outcomes: no browser."""

from __future__ import annotations

import json

import pytest

from adapters.census_scraper.answer import (
    clean,
    mesa_text,
    outcome_from_answer,
    outcome_from_table,
)
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Found,
    NotFound,
    PageChanged,
    Unavailable,
)
from cedula_domain.voting_place import Coordinates


def found_answer(**data_overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "nuip": "1020304050",
        "nom_depto": "BOGOTA D.C.",
        "nom_mun": "BOGOTA D.C.",
        "nom_puesto": "UNIVERSIDAD NACIONAL",
        "direccion": "CARRERA 30 # 45-03",
        "mesa": "12",
        "fingreso": "2018-03-11",
        "coddivipol": "16000101",
    }
    data.update(data_overrides)
    return {"ok": True, "encontrado": True, "data": data}


def test_a_found_answer_becomes_a_voting_place():
    outcome = outcome_from_answer(found_answer())

    assert isinstance(outcome, Found)
    assert outcome.place.departamento == "BOGOTA D.C."
    assert outcome.place.puesto == "UNIVERSIDAD NACIONAL"
    assert outcome.place.direccion == "CARRERA 30 # 45-03"
    assert outcome.place.mesa == "12"
    assert outcome.place.coddivipol == "16000101"


def test_stray_spaces_are_stripped_and_collapsed():
    outcome = outcome_from_answer(
        found_answer(nom_mun="  SANTIAGO DE   CALI ", direccion="\tCALLE 7 # 13-50  ")
    )

    assert isinstance(outcome, Found)
    assert outcome.place.municipio == "SANTIAGO DE CALI"
    assert outcome.place.direccion == "CALLE 7 # 13-50"


@pytest.mark.parametrize("mesa", ["12", 12, 12.0, " 012 "])
def test_the_mesa_is_read_whether_it_comes_as_text_or_number(mesa: object):
    outcome = outcome_from_answer(found_answer(mesa=mesa))

    assert isinstance(outcome, Found)
    assert outcome.place.mesa == "12"


def test_coordinates_are_kept_when_the_map_is_there():
    answer = found_answer() | {"mapa": {"lat": "4.711", "lng": -74.0721, "url": "https://x"}}

    outcome = outcome_from_answer(answer)

    assert isinstance(outcome, Found)
    assert outcome.place.coordinates == Coordinates(4.711, -74.0721)


@pytest.mark.parametrize(
    "mapa", [None, {}, {"lat": "n/a", "lng": 1}, {"lat": 200, "lng": 0}, "4.7,-74.0"]
)
def test_a_missing_or_odd_map_leaves_the_place_without_coordinates(mapa: object):
    answer = found_answer() | ({} if mapa is None else {"mapa": mapa})

    outcome = outcome_from_answer(answer)

    assert isinstance(outcome, Found)
    assert outcome.place.coordinates is None


def test_a_found_answer_keeps_the_raw_json_as_evidence():
    raw = json.dumps(found_answer())

    assert outcome_from_answer(json.loads(raw), raw=raw).evidence == raw


def test_a_found_answer_missing_fields_is_a_changed_page_naming_them():
    answer = found_answer()
    del answer["data"]["mesa"]  # type: ignore[attr-defined]
    answer["data"]["nom_puesto"] = "  "  # type: ignore[index]

    outcome = outcome_from_answer(answer)

    assert isinstance(outcome, PageChanged)
    assert "data.mesa" in outcome.missing
    assert "data.nom_puesto" in outcome.missing


def test_a_blank_address_is_accepted():
    outcome = outcome_from_answer(found_answer(direccion=""))

    assert isinstance(outcome, Found)
    assert outcome.place.direccion == ""


def test_a_not_found_answer_keeps_the_message():
    outcome = outcome_from_answer(
        {"ok": True, "encontrado": False, "mensaje": " El documento no se encuentra en el censo. "}
    )

    assert isinstance(outcome, NotFound)
    assert outcome.message == "El documento no se encuentra en el censo."


def test_a_novedad_becomes_a_cancellation_with_resolution_and_date():
    outcome = outcome_from_answer(
        {
            "ok": True,
            "encontrado": False,
            "novedad": True,
            "mensaje": "Cancelada por Muerte",
            "descripcion": "Resolución 1021 - Fecha novedad: 22/03/2019",
        }
    )

    assert isinstance(outcome, Cancelled)
    assert outcome.cancellation.novedad == "Cancelada por Muerte"
    assert outcome.cancellation.resolucion == "1021"
    assert outcome.cancellation.fecha == "22/03/2019"


def test_a_novedad_reason_is_kept_as_the_census_words_it():
    reason = "Baja por Pérdida o Suspensión de los Derechos Políticos"

    outcome = outcome_from_answer(
        {"ok": True, "encontrado": False, "novedad": True, "mensaje": f"  {reason}  "}
    )

    assert isinstance(outcome, Cancelled)
    assert outcome.cancellation.novedad == reason
    assert outcome.cancellation.resolucion == ""


def test_a_captcha_refusal_is_a_captcha_block():
    outcome = outcome_from_answer({"ok": False, "error": "Captcha inválido"})

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.CAPTCHA


def test_another_refusal_is_unavailable_with_the_reason():
    outcome = outcome_from_answer({"ok": False, "error": "Servicio en mantenimiento"})

    assert isinstance(outcome, Unavailable)
    assert "Servicio en mantenimiento" in outcome.reason


@pytest.mark.parametrize(
    ("answer", "missing"),
    [
        ([1, 2, 3], '"ok"'),
        ({"resultado": "x"}, '"ok"'),
        ({"ok": True}, '"encontrado"'),
        ({"ok": True, "encontrado": True}, '"data"'),
    ],
)
def test_an_unknown_json_shape_is_a_changed_page_saying_what_is_missing(
    answer: object, missing: str
):
    outcome = outcome_from_answer(answer)

    assert isinstance(outcome, PageChanged)
    assert missing in outcome.missing


def test_a_rendered_results_table_becomes_a_voting_place():
    outcome = outcome_from_table(
        ["NUIP", "DEPARTAMENTO", "MUNICIPIO", "PUESTO", "DIRECCIÓN", "MESA"],
        ["43210987", "ANTIOQUIA", "MEDELLIN", " COLEGIO X ", "CALLE 48 # 75-20", "007"],
    )

    assert isinstance(outcome, Found)
    assert outcome.place.municipio == "MEDELLIN"
    assert outcome.place.puesto == "COLEGIO X"
    assert outcome.place.direccion == "CALLE 48 # 75-20"
    assert outcome.place.mesa == "7"


def test_a_rendered_novedad_table_becomes_a_cancellation():
    outcome = outcome_from_table(
        ["NUIP", "NOVEDAD", "RESOLUCIÓN", "FECHA NOVEDAD"],
        ["20000022", "Cancelada por Doble Cedulación", "1022", "23/03/2019"],
    )

    assert isinstance(outcome, Cancelled)
    assert outcome.cancellation.novedad == "Cancelada por Doble Cedulación"
    assert outcome.cancellation.resolucion == "1022"
    assert outcome.cancellation.fecha == "23/03/2019"


def test_a_rendered_not_in_census_message_is_not_found():
    text = "Consulta\nEl documento 1000000001 no se encuentra en el censo para esta elección.\n"

    outcome = outcome_from_table([], [], text)

    assert isinstance(outcome, NotFound)
    assert (
        outcome.message == "El documento 1000000001 no se encuentra en el censo para esta elección."
    )


def test_an_unknown_rendered_page_is_a_changed_page():
    assert isinstance(outcome_from_table([], [], "Bienvenido"), PageChanged)


def test_clean_and_mesa_text_handle_none_and_zero():
    assert clean(None) == ""
    assert mesa_text("000") == "0"
    assert mesa_text("12A") == "12A"
