"""Each portal's answer read as census-site.md reports it, without a browser."""

from __future__ import annotations

import json

import pytest

from adapters.census_scraper.readers import (
    read_citizen_information,
    read_consultacenso,
    read_html_in_json,
)
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Found,
    NotEnabled,
    NotFound,
    PageChanged,
    Unavailable,
)

WSP_FOUND = (
    '<table id="consulta" class="table"><thead><tr><th>NUIP</th><th>DEPARTAMENTO</th>'
    "<th>MUNICIPIO</th><th>PUESTO</th><th>DIRECCIÓN</th><th>MESA</th></tr></thead><tbody><tr>"
    '<td data-th="NUIP">1020304050</td><td data-th="DEPARTAMENTO">BOGOTA D.C.</td>'
    '<td data-th="MUNICIPIO">BOGOTA D.C.</td><td data-th="PUESTO">UNIVERSIDAD NACIONAL</td>'
    '<td data-th="DIRECCIÓN">CARRERA 30 # 45-03</td><td data-th="MESA"><b> 12 </b></td>'
    "</tr></tbody></table><p>Señor Ciudadano: Si usted realizó su trámite de inscripción, "
    "recuerde que éste se verá reflejado una vez sea validado…</p>"
)


def wsp(message: str, success: bool = True) -> tuple[object, str]:
    # PHP escapes slashes: "<\/td>".
    raw = json.dumps({"success": success, "data": {"message": message}}).replace("/", "\\/")
    return json.loads(raw), raw


def novelty_table(novedad: str) -> str:
    return (
        "<table id='consulta'><thead><tr><th>NUIP</th><th>NOVEDAD</th><th>RESOLUCIÓN</th>"
        f"<th>FECHA NOVEDAD</th></tr></thead><tbody><tr><td>20000021</td><td>{novedad}</td>"
        "<td>1021</td><td>14/03/2019</td></tr></tbody></table>"
    )


def test_wsp_html_inside_json_gives_the_place_of_its_table():
    outcome = read_html_in_json(200, *wsp(WSP_FOUND))

    assert isinstance(outcome, Found)
    assert (outcome.place.puesto, outcome.place.direccion, outcome.place.mesa) == (
        "UNIVERSIDAD NACIONAL",
        "CARRERA 30 # 45-03",
        "12",
    )
    assert "<\\/td>" in outcome.evidence


def test_wsp_sentence_outside_the_census_is_not_found():
    sentence = "<p>El documento consultado no se encuentra en el censo para esta elección.</p>"

    outcome = read_html_in_json(200, *wsp(sentence))

    assert isinstance(outcome, NotFound)
    assert outcome.message.startswith("El documento consultado no se encuentra en el censo")


def test_wsp_novelty_table_is_a_cancellation_with_its_resolution_and_date():
    outcome = read_html_in_json(200, *wsp(novelty_table("Cancelada por Muerte")))

    assert isinstance(outcome, Cancelled)
    assert (outcome.cancellation.novedad, outcome.cancellation.resolucion) == (
        "Cancelada por Muerte",
        "1021",
    )
    assert outcome.cancellation.fecha == "14/03/2019"


@pytest.mark.parametrize(
    "message",
    [
        novelty_table("Vigente con Perdida o Suspension de los Derechos Politicos"),
        "<p>El ciudadano no se encuentra habilitado para votar.</p>",
    ],
    ids=["vigente-con-perdida", "no-habilitado"],
)
def test_a_valid_cedula_that_cannot_vote_is_never_a_cancellation(message: str):
    outcome = read_html_in_json(200, *wsp(message))

    assert isinstance(outcome, NotEnabled), outcome


def test_a_removal_for_lost_political_rights_stays_a_cancellation():
    removal = novelty_table("Baja por Pérdida o Suspensión de los Derechos Políticos")

    assert isinstance(read_html_in_json(200, *wsp(removal)), Cancelled)


def test_wsp_backend_failure_is_a_transient_outage_not_a_changed_page():
    curl = "Curl error: Operation timed out after 15008 milliseconds with 0 bytes received"

    outcome = read_html_in_json(200, *wsp(curl, success=False))

    assert isinstance(outcome, Unavailable)
    assert "Curl error" in outcome.reason


def test_wsp_reload_is_no_answer_yet():
    assert isinstance(read_html_in_json(200, {"reload": True}, '{"reload":true}'), Unavailable)


def test_wsp_refusal_for_the_captcha_is_a_captcha_block():
    outcome = read_html_in_json(200, *wsp("Captcha no válido", success=False))

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.CAPTCHA


def test_wsp_answer_of_another_shape_is_a_changed_page():
    assert isinstance(read_html_in_json(200, {"ok": True}, "{}"), PageChanged)
    assert isinstance(read_html_in_json(200, [], "[]"), PageChanged)


def test_consultacenso_keys_in_upper_case_and_a_numeric_mesa_are_read():
    answer = {
        "ok": True,
        "encontrado": True,
        "data": {
            "NOM_DEPTO": "ANTIOQUIA",
            "NOM_MUN": "MEDELLIN",
            "NOM_PUESTO": "IE SAN JOSE",
            "DIRECCION": "CALLE 10 # 1-2",
            "MESA": 7,
        },
    }

    outcome = read_consultacenso(200, answer, json.dumps(answer))

    assert isinstance(outcome, Found)
    assert (outcome.place.departamento, outcome.place.mesa) == ("ANTIOQUIA", "7")


def test_consultacenso_novedad_of_a_valid_cedula_is_not_enabled():
    answer = {
        "ok": True,
        "encontrado": False,
        "novedad": True,
        "mensaje": "Vigente con Pérdida o Suspensión de los Derechos Políticos",
        "descripcion": "Resolución 4021 - Fecha novedad: 02/05/2021",
    }

    outcome = read_consultacenso(200, answer, "")

    assert isinstance(outcome, NotEnabled)
    assert (outcome.resolucion, outcome.fecha) == ("4021", "02/05/2021")


CITIZEN_FOUND = {
    "status": True,
    "status_code": 0,
    "data": {
        "polling_place": {
            "stand": "02 - IE SAN JOSE C I P",
            "stand_code": "02",
            "table": 13,
            "place_address": {
                "state": "CUNDINAMARCA",
                "town": "SOACHA",
                "address": "CL 15 # 7-20",
                "zone": "01",
            },
        },
        "is_in_census": True,
        "novelty": [],
    },
}


def test_citizen_information_gives_the_stand_without_its_code_and_the_table():
    outcome = read_citizen_information(200, CITIZEN_FOUND, json.dumps(CITIZEN_FOUND))

    assert isinstance(outcome, Found)
    place = outcome.place
    assert (place.departamento, place.municipio, place.puesto, place.direccion, place.mesa) == (
        "CUNDINAMARCA",
        "SOACHA",
        "IE SAN JOSE C I P",
        "CL 15 # 7-20",
        "13",
    )
    assert (place.puesto_code, place.zona) == ("02", "01")


def test_http_404_with_status_code_13_is_an_answer_outside_the_census():
    answer = {"status": False, "status_code": 13, "message": "Ciudadano no encontrado"}

    outcome = read_citizen_information(404, answer, json.dumps(answer))

    assert isinstance(outcome, NotFound)
    assert outcome.message == "Ciudadano no encontrado"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cancelada por Muerte", Cancelled),
        ("Vigente con pérdida o suspensión de los derechos políticos", NotEnabled),
    ],
)
def test_citizen_novelty_is_a_cancellation_or_a_barred_vote(name: str, expected: type):
    answer = {
        "status": True,
        "data": {
            "is_in_census": False,
            "novelty": [
                {"name": name, "description_line_1": "", "resolution": "77", "date": "2020-01-02"}
            ],
        },
    }

    outcome = read_citizen_information(200, answer, "")

    assert isinstance(outcome, expected)


def test_citizen_refusal_and_unknown_shapes():
    refused = {"status": False, "message": "Token de verificación inválido (captcha)"}

    assert isinstance(read_citizen_information(403, refused, ""), Blocked)
    assert isinstance(read_citizen_information(200, {"status": True}, ""), PageChanged)
    missing = {"status": True, "data": {"is_in_census": True, "polling_place": {"stand": "X"}}}
    assert isinstance(read_citizen_information(200, missing, ""), PageChanged)
