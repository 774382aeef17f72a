"""``manage.py lookup_cedula``: one lookup now, its outcome printed, its exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cedula_domain.cancellation import Cancellation
from cedula_domain.cedula import Cedula
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
from cedula_domain.record import outcome_name
from cedula_domain.voting_place import VotingPlace
from census.management.commands.lookup_cedula import outcome_payload, summary
from census.presenter import OUTCOME_WORDS

ROOT = Path(__file__).resolve().parents[3]
# Where usage errors would go if they got as far as a lookup: never the real portal.
NOWHERE = "http://127.0.0.1:9/"
CEDULA = Cedula.parse("1020304050")
PLACE = VotingPlace(
    departamento="BOGOTA D.C.",
    municipio="BOGOTA D.C.",
    puesto="UNIVERSIDAD NACIONAL",
    direccion="CARRERA 30 # 45-03",
    mesa="12",
)


def manage(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
        "CENSUS_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
        "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "lookup_cedula", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("outcome", "name", "detail"),
    [
        (Found(place=PLACE, engine="stealth"), "found", ""),
        (NotFound(message="No está en el censo."), "not_found", "No está en el censo."),
        (
            Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte", resolucion="1")),
            "cancelled",
            "Cancelada por Muerte",
        ),
        (
            NotEnabled(reason="Vigente con pérdida o suspensión de los derechos políticos"),
            "not_enabled",
            "Vigente con pérdida o suspensión de los derechos políticos",
        ),
        (
            Blocked(block=BlockKind.FIREWALL, support_id="99"),
            "blocked",
            "bloqueada por un cortafuegos (código de soporte 99)",
        ),
        (
            Unavailable(reason="el portal respondió HTTP 503"),
            "unavailable",
            "el portal respondió HTTP 503",
        ),
        (PageChanged(missing="#documento"), "page_changed", "la página cambió: falta #documento"),
    ],
)
def test_the_json_payload_names_each_outcome_with_its_detail(outcome: Any, name: str, detail: str):
    payload = outcome_payload(CEDULA, outcome, 1.234)

    assert payload["outcome"] == name
    assert payload["detail"] == detail
    assert payload["elapsed_s"] == 1.23
    assert set(payload) == {
        "cedula",
        "outcome",
        "voting_place",
        "cancellation",
        "restriction",
        "detail",
        "engine",
        "elapsed_s",
    }


def test_the_json_payload_carries_the_voting_place_or_the_cancellation():
    found = outcome_payload(CEDULA, Found(place=PLACE, engine="stealth"), 1.0)
    cancelled = outcome_payload(
        CEDULA,
        Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte", fecha="2019")),
        1.0,
    )

    assert found["voting_place"] == {
        "departamento": "BOGOTA D.C.",
        "municipio": "BOGOTA D.C.",
        "puesto": "UNIVERSIDAD NACIONAL",
        "direccion": "CARRERA 30 # 45-03",
        "mesa": "12",
    }
    assert found["cancellation"] is None
    assert found["engine"] == "stealth"
    assert cancelled["voting_place"] is None
    assert cancelled["cancellation"] == {
        "novedad": "Cancelada por Muerte",
        "resolucion": "",
        "fecha": "2019",
    }


def test_a_valid_cedula_not_enabled_to_vote_is_printed_as_such_never_as_cancelled():
    outcome = NotEnabled(
        reason="Vigente con pérdida o suspensión de los derechos políticos",
        resolucion="0456",
        fecha="2024-02-10",
    )

    payload = outcome_payload(CEDULA, outcome, 1.0)
    text = summary(CEDULA, outcome, 1.0)

    assert (payload["outcome"], payload["cancellation"]) == ("not_enabled", None)
    assert payload["restriction"] == {
        "reason": "Vigente con pérdida o suspensión de los derechos políticos",
        "resolucion": "0456",
        "fecha": "2024-02-10",
    }
    assert text.startswith(
        "Cédula 1.020.304.050: Vigente, sin derecho a votar: Vigente con pérdida o "
        "suspensión de los derechos políticos (resolución 0456, 2024-02-10)."
    )
    assert "cancelada" not in text


def test_the_human_summary_is_in_spanish():
    found = summary(CEDULA, Found(place=PLACE, engine="stealth"), 1.0)
    cancelled = summary(
        CEDULA, Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte")), 1.0
    )
    blocked = summary(CEDULA, Blocked(block=BlockKind.CAPTCHA), 1.0)

    assert found.startswith("Cédula 1.020.304.050: Encontrada. Vota en UNIVERSIDAD NACIONAL")
    assert "mesa 12" in found
    assert "Cédula cancelada: Cancelada por Muerte." in cancelled
    assert "Bloqueada por el sitio (CAPTCHA)" in blocked


@pytest.mark.parametrize(
    "outcome",
    [
        Found(place=PLACE),
        NotFound(message="No está en el censo."),
        Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte")),
        NotEnabled(reason="Vigente con pérdida o suspensión de los derechos políticos"),
        Blocked(block=BlockKind.FIREWALL, support_id="99"),
        Unavailable(reason="HTTP 503"),
        PageChanged(missing="#documento"),
    ],
    ids=lambda outcome: type(outcome).__name__,
)
def test_the_summary_names_each_outcome_in_the_portals_words(outcome: Any):
    words = OUTCOME_WORDS[outcome_name(outcome)]

    assert summary(CEDULA, outcome, 1.0).startswith(f"Cédula 1.020.304.050: {words}")


@pytest.mark.browser
def test_a_found_cedula_prints_one_json_object_and_exits_0(census_sim: Any, tmp_path: Path):
    result = manage(
        "1.020.304.050",
        "--url",
        census_sim.url,
        "--scraper",
        "stealth",
        "--json",
        tmp_path=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)  # the whole of stdout is one JSON object
    assert payload["cedula"] == "1020304050"
    assert payload["outcome"] == "found"
    assert payload["voting_place"]["puesto"] == "UNIVERSIDAD NACIONAL"
    assert payload["engine"] == "stealth"
    assert payload["elapsed_s"] > 0


@pytest.mark.browser
def test_a_blocked_lookup_exits_1(census_sim: Any, tmp_path: Path):
    census_sim.set_mode("firewall")

    result = manage(
        "1020304050", "--url", census_sim.url, "--scraper", "stealth", "--json", tmp_path=tmp_path
    )

    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload["outcome"] == "blocked"
    assert payload["detail"].startswith("bloqueada por un cortafuegos (código de soporte ")


def test_an_invalid_cedula_exits_2_with_a_spanish_message(tmp_path: Path):
    result = manage("12ab", "--url", NOWHERE, "--json", tmp_path=tmp_path)

    assert result.returncode == 2
    assert result.stdout == ""
    assert "La cédula solo puede tener números" in result.stderr


def test_an_unknown_scraper_exits_2_naming_the_valid_ones(tmp_path: Path):
    result = manage("1020304050", "--url", NOWHERE, "--scraper", "selenium", tmp_path=tmp_path)

    assert result.returncode == 2
    assert "Motor de consulta desconocido" in result.stderr
    assert "stealth, patchright" in result.stderr


def test_a_probe_names_the_portal_a_page_is_and_asks_nothing(census_sim: Any, tmp_path: Path):
    page = census_sim.url.rstrip("/") + "/censo/consultar/"

    result = manage("--probe", "--url", page, "--json", tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert probe["portal"] == "wsp"
    assert probe["portals"]["wsp"]["lacks"] == []
    assert "#documento" in probe["portals"]["consultacenso"]["lacks"]
    assert census_sim.stats()["consultas"] == []


def test_a_probe_of_a_changed_page_says_what_each_portal_lacks_and_exits_1(
    census_sim: Any, tmp_path: Path
):
    census_sim.set_mode("changed_page")

    result = manage("--probe", "--url", census_sim.url, tmp_path=tmp_path)

    assert result.returncode == 1
    assert "Ningún portal conocido" in result.stdout
    assert "No es «wsp»: le falta #nuip" in result.stdout
