"""The census simulator answers like the real portal is reported to: plain HTTP, no browser."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from census_sim.census import CANCELLATION_REASONS, FIXTURES, answer_for


def post_consulta(sim: Any, documento: str, **extra: str) -> tuple[int, str]:
    request = urllib.request.Request(
        sim.url + "back/api/consulta",
        data=json.dumps({"documento": documento, "eleccion": "0", **extra}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def get(sim: Any, path: str, user_agent: str = "Mozilla/5.0 Chrome/156") -> tuple[int, str]:
    request = urllib.request.Request(sim.url + path, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_fixture_cedulas_give_their_documented_answers(census_sim: Any):
    status, body = post_consulta(census_sim, "1020304050")

    assert status == 200
    assert json.loads(body) == FIXTURES["1020304050"]


def test_every_cancellation_reason_has_a_fixture_cedula():
    reasons = {answer["mensaje"] for answer in FIXTURES.values() if answer.get("novedad")}

    assert reasons == set(CANCELLATION_REASONS.values())


def test_other_cedulas_map_to_a_stable_answer_mostly_found():
    answers = [answer_for(str(10_000_000 + n)) for n in range(400)]

    found = sum(1 for answer in answers if answer["encontrado"])
    assert 0.75 < found / len(answers) < 0.95
    assert answer_for("12345678") == answer_for("12345678")


def test_an_invalid_document_is_refused_with_ok_false(census_sim: Any):
    status, body = post_consulta(census_sim, "12ab")

    assert status == 200
    assert json.loads(body)["ok"] is False


def test_the_mode_can_be_switched_at_run_time_and_reset(census_sim: Any):
    census_sim.set_mode("firewall")
    assert "Request Rejected" in get(census_sim, "")[1]

    census_sim.reset()
    assert "consultaForm" in get(census_sim, "")[1]


def test_an_unknown_mode_is_refused(census_sim: Any):
    with pytest.raises(urllib.error.HTTPError) as error:
        census_sim.set_mode("chaos")

    assert error.value.code == 400


def test_reserved_cedulas_trigger_their_mode_whatever_the_global_one(census_sim: Any):
    assert json.loads(post_consulta(census_sim, "900000002")[1])["error"].startswith("Captcha")
    assert "Request Rejected" in post_consulta(census_sim, "900000001")[1]
    assert post_consulta(census_sim, "900000005")[0] == 500
    assert post_consulta(census_sim, "900000006")[0] == 503


def test_the_captcha_mode_lets_a_solved_captcha_through(census_sim: Any):
    census_sim.set_mode("captcha")

    assert json.loads(post_consulta(census_sim, "1020304050")[1])["ok"] is False
    solved = post_consulta(census_sim, "1020304050", token="token-de-una-persona")
    assert json.loads(solved[1])["encontrado"] is True


def test_the_bot_check_rejects_a_headless_user_agent_at_the_server(census_sim: Any):
    census_sim.set_mode("bot_check")

    headless = get(census_sim, "", user_agent="Mozilla/5.0 HeadlessChrome/156.0.0.0")
    assert "The requested URL was rejected" in headless[1]
    assert "consultaForm" in get(census_sim, "")[1]


def test_stats_count_requests_per_endpoint_and_time_each_consulta(census_sim: Any):
    get(census_sim, "")
    post_consulta(census_sim, "43210987")
    post_consulta(census_sim, "72123456")

    stats = census_sim.stats()

    assert stats["requests"] == {"GET /": 1, "POST /back/api/consulta": 2}
    assert [call["cedula"] for call in stats["consultas"]] == ["43210987", "72123456"]
    assert stats["consultas"][0]["at"] <= stats["consultas"][1]["at"]


def test_a_reset_clears_the_stats(census_sim: Any):
    get(census_sim, "")

    census_sim.reset()

    assert census_sim.stats()["requests"] == {}
