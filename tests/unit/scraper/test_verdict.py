"""Judging what the site showed, by status and visible text, never by source: no browser."""

from __future__ import annotations

import json

import pytest

from adapters.census_scraper.page_view import PageView
from adapters.census_scraper.readers import read_consultacenso
from adapters.census_scraper.verdict import (
    judge_answer,
    judge_page,
    looks_automated,
    support_id_in,
)
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Found,
    NotFound,
    PageChanged,
    Unavailable,
)
from census_sim import pages


def judge_consultacenso(status: int, body: str, automated: bool = False):
    return judge_answer(status, body, read_consultacenso, automated=automated)


PORTAL = PageView(title="Consulta de lugar de votación", text="Número de documento", form=True)
REJECTION_TEXT = (
    "The requested URL was rejected. Please consult with your administrator. "
    "Your support ID is: 18263720098711220004 [Go Back]"
)
FOUND_JSON = json.dumps(
    {
        "ok": True,
        "encontrado": True,
        "data": {
            "nom_depto": "BOGOTA D.C.",
            "nom_mun": "BOGOTA D.C.",
            "nom_puesto": "UNIVERSIDAD NACIONAL",
            "direccion": "CARRERA 30 # 45-03",
            "mesa": "12",
        },
    }
)


def test_the_portal_with_its_form_stands_in_no_ones_way():
    assert judge_page(200, PORTAL) is None


def test_a_rejection_page_is_a_firewall_block_with_its_support_id():
    failure = judge_page(200, PageView(title="Request Rejected", text=REJECTION_TEXT))

    assert failure == Blocked(block=BlockKind.FIREWALL, support_id="18263720098711220004")


def test_a_rejection_seen_by_an_automated_browser_is_put_down_to_bot_detection():
    view = PageView(title="Request Rejected", text=REJECTION_TEXT, automated=True)

    failure = judge_page(200, view)

    assert isinstance(failure, Blocked)
    assert failure.block is BlockKind.BOT_DETECTED


def test_a_customised_rejection_is_recognised_by_its_phrases_in_any_case():
    view = PageView(
        title="Portal", text="ACCESO: the requested url was REJECTED. Support ID 99887766"
    )

    failure = judge_page(200, view)

    assert failure == Blocked(block=BlockKind.FIREWALL, support_id="99887766")


def test_a_rejection_translated_to_spanish_is_still_a_rejection():
    view = PageView(text="La URL solicitada fue rechazada. Consulte con su administrador.")

    assert isinstance(judge_page(200, view), Blocked)


def test_the_rejection_wins_over_the_form_still_underneath():
    view = PageView(title="Request Rejected", text=REJECTION_TEXT, form=True)

    assert isinstance(judge_page(200, view), Blocked)


@pytest.mark.parametrize("status", [403, 429])
def test_forbidden_and_too_many_requests_are_blocks_whatever_the_page_shows(status: int):
    failure = judge_page(status, PORTAL)

    assert isinstance(failure, Blocked)
    assert failure.block is BlockKind.FIREWALL


def test_a_visible_captcha_is_a_captcha_block_even_with_the_form_there():
    assert judge_page(200, PageView(form=True, captcha=True)) == Blocked(block=BlockKind.CAPTCHA)


def test_challenge_scripts_without_the_form_are_a_javascript_challenge():
    view = PageView(challenge=True, text="")

    assert judge_page(200, view) == Blocked(block=BlockKind.JS_CHALLENGE)


def test_challenge_scripts_beside_the_form_are_no_block():
    assert judge_page(200, PageView(challenge=True, form=True)) is None


def test_a_server_error_is_the_site_being_unavailable():
    failure = judge_page(503, PageView(title="503 Service Unavailable"))

    assert failure == Unavailable(reason="el portal respondió HTTP 503")


def test_a_missing_page_is_a_changed_page():
    assert isinstance(judge_page(404, PageView(title="404")), PageChanged)


def test_a_json_answer_is_judged_by_its_shape():
    outcome = judge_consultacenso(200, FOUND_JSON)

    assert isinstance(outcome, Found)
    assert outcome.place.puesto == "UNIVERSIDAD NACIONAL"


def test_a_json_answer_that_quotes_a_rejection_is_still_judged_as_json():
    body = json.dumps(
        {"ok": True, "encontrado": False, "mensaje": "Request Rejected no aplica: no está."}
    )

    assert isinstance(judge_consultacenso(200, body), NotFound)


@pytest.mark.parametrize("status", [403, 429])
def test_forbidden_and_too_many_requests_are_blocks_even_as_json(status: int):
    outcome = judge_consultacenso(status, json.dumps({"ok": False, "error": "Forbidden"}))

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.FIREWALL
    assert "Forbidden" in outcome.evidence


def test_a_rejection_page_instead_of_json_is_a_block_kept_as_evidence():
    body = pages.rejection_page("5566778899")

    outcome = judge_consultacenso(200, body, automated=False)

    assert outcome == Blocked(block=BlockKind.FIREWALL, support_id="5566778899", evidence=body)


def test_a_rejection_page_instead_of_json_for_an_automated_browser_is_bot_detection():
    outcome = judge_consultacenso(200, pages.rejection_page("1"), automated=True)

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.BOT_DETECTED


def test_a_challenge_page_instead_of_json_is_a_javascript_challenge():
    outcome = judge_consultacenso(200, pages.challenge_page("123"))

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.JS_CHALLENGE


def test_a_server_error_page_instead_of_json_is_unavailable():
    outcome = judge_consultacenso(500, pages.error_page(500, "Internal Server Error"))

    assert isinstance(outcome, Unavailable)
    assert "HTTP 500" in outcome.reason


def test_an_unknown_json_shape_with_a_server_error_is_unavailable_not_a_redesign():
    outcome = judge_consultacenso(502, json.dumps({"message": "Bad gateway"}))

    assert isinstance(outcome, Unavailable)


def test_a_json_refusal_with_a_server_error_says_what_the_site_said():
    outcome = judge_consultacenso(500, json.dumps({"ok": False, "error": "Base de datos caída"}))

    assert isinstance(outcome, Unavailable)
    assert "Base de datos caída" in outcome.reason


def test_truncated_json_is_a_changed_page():
    outcome = judge_consultacenso(200, '{"ok": true, "encontrado": true, "data": {"nuip": "')

    assert isinstance(outcome, PageChanged)
    assert "una respuesta JSON" in outcome.missing


def test_a_script_that_carries_the_rejection_page_as_a_string_is_no_block():
    body = (
        "<html><head><title>Consulta</title><script>const REJECTED = `"
        f"{pages.rejection_page('1234567')}`; window.x = 'bobcmn /TSPD/';</script></head>"
        "<body><p>Cargando…</p></body></html>"
    )

    assert isinstance(judge_consultacenso(200, body), PageChanged)


def test_a_support_id_is_read_from_the_text_and_is_empty_when_missing():
    assert support_id_in("Your support ID is: 18263720098711220004") == "18263720098711220004"
    assert support_id_in("Request Rejected") == ""


def test_webdriver_or_a_headless_user_agent_looks_automated():
    chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36"

    assert looks_automated(True, chrome)
    assert looks_automated(False, chrome.replace("Chrome/", "HeadlessChrome/"))
    assert not looks_automated(False, chrome)


@pytest.mark.parametrize("status", [500, 404])
def test_an_error_status_that_carries_the_whole_form_is_used_not_retried(status: int):
    usable = PageView(title="Consulta", text="Número de documento", form=True, portal="wsp")

    assert judge_page(status, usable) is None
    assert isinstance(judge_page(status, PageView(text="Error")), Unavailable | PageChanged)


def test_the_portals_own_refusal_for_a_missing_captcha_is_a_captcha_block():
    view = PageView(text="Por favor verifique que no es un robot", form=True, portal="x")

    outcome = judge_page(200, view, refusals=["Verifique que no es un robot"])

    assert isinstance(outcome, Blocked)
    assert outcome.block is BlockKind.CAPTCHA
    assert judge_page(200, view) is None
