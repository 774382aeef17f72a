"""One simulator plays the three real portals at once, each at its own path.

Plain HTTP first (the shapes each portal answers), then a real Chromium driven as a person
would: fill the field, press the button, read the answer on the screen. The project's
scraper is not used here: these tests check the replica against census-site.md.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from census_sim import CensusSimulator, Mode, Portal
from census_sim.census import FIXTURES, answer_for, census_record
from integration.scraper.person_browser import Visit, visiting

WSP = "censo/consultar/"
ELECCIONES = "identificacion"
API = "api/v1/citizen/get-information"
WSP_CAPTCHA_MISSING = "Marque el cuadro de verificación (Captcha: No soy un robot)"
CONSULTACENSO_CAPTCHA_MISSING = "Por favor verifique que no es un robot"
REJECTION_PHRASE = "The requested URL was rejected"
NOTICE = "Señor Ciudadano: Si usted realizó su trámite de inscripción"


# --- plain HTTP clients -------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: str
    headers: http.client.HTTPMessage

    def json(self) -> Any:
        return json.loads(self.body)


def call(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 5,
) -> Answer:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, response.read().decode(), response.headers)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(), error.headers)


def multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "----SimuladorBoundary7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = "".join(parts) + f"--{boundary}--\r\n"
    return body.encode(), f"multipart/form-data; boundary={boundary}"


class WspVisitor:
    """A plain HTTP client of wsp: keeps its cookies and the token of its last page."""

    def __init__(self, sim: Any) -> None:
        self.url = sim.url + WSP
        self.cookies: dict[str, str] = {}
        self.token = ""

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def load(self) -> Answer:
        answer = call(self.url, headers=self._cookie_header())
        for value in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        if found := re.search(r'name="token" value="([0-9a-f]*)"', answer.body):
            self.token = found.group(1)
        return answer

    def consulta(self, nuip: str, token: str | None = None, captcha: str = "") -> Answer:
        body, content_type = multipart(
            {
                "nuip": nuip,
                "tipo": "-1",
                "token": self.token if token is None else token,
                "g-recaptcha-response": captcha,
            }
        )
        headers = {**self._cookie_header(), "Content-Type": content_type}
        headers["X-Requested-With"] = "XMLHttpRequest"
        return call(self.url, data=body, headers=headers)


def wsp_answer(sim: Any, nuip: str, captcha: str = "") -> Answer:
    visitor = WspVisitor(sim)
    visitor.load()
    return visitor.consulta(nuip, captcha=captcha)


def api_call(sim: Any, nuip: str, token: str | None = None, timeout: float = 5) -> Answer:
    body = {
        "identification": nuip,
        "identification_type": "CC",
        "election_code": "PRESIDENCIA_2026_1V",
        "module": "polling_place",
        "platform": "web",
    }
    headers = {"Content-Type": "application/json", "Origin": sim.url.rstrip("/")}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return call(other_origin(sim) + API, data=json.dumps(body).encode(), headers=headers)


def consultacenso_answer(sim: Any, nuip: str) -> Answer:
    body = json.dumps({"documento": nuip, "eleccion": "0", "token": ""}).encode()
    headers = {"Content-Type": "application/json"}
    return call(sim.url + "back/api/consulta", data=body, headers=headers)


def other_origin(sim: Any) -> str:
    """The API's origin as eleccionescolombia's page on 127.0.0.1 sees it: localhost."""
    return sim.url.replace("127.0.0.1", "localhost")


# --- the simulator object -----------------------------------------------------------------


def test_the_simulator_names_each_portals_page_and_the_other_origin():
    sim = CensusSimulator(port=0, mode=Mode.NORMAL).start()
    try:
        port = sim.server_address[1]
        assert sim.url == f"http://127.0.0.1:{port}/"
        assert sim.page_url(Portal.CONSULTACENSO) == f"http://127.0.0.1:{port}/"
        assert sim.page_url(Portal.WSP) == f"http://127.0.0.1:{port}/censo/consultar/"
        assert sim.page_url(Portal.ELECCIONESCOLOMBIA) == f"http://127.0.0.1:{port}/identificacion"
        assert sim.api_url == f"http://localhost:{port}/"
        assert call(sim.page_url(Portal.WSP)).status == 200
        assert call(sim.api_url + API, data=b'{"identification": "1020304050"}').status == 200
    finally:
        sim.stop()


# --- wsp: the PHP page and its XHR answers --------------------------------------------------


def test_wsp_page_sets_its_session_cookies_and_holds_the_form(census_sim: Any):
    visitor = WspVisitor(census_sim)
    page = visitor.load()

    assert page.status == 200
    assert {"PHPSESSID", "cookiesession1"} <= set(visitor.cookies)
    for piece in (
        '<form id="form"',
        'id="nuip" name="nuip" maxlength="10"',
        '<select class="form-control" id="tipo" name="tipo">',
        '<option value="-1">LUGAR DE VOTACIÓN ACTUAL</option>',
        '<input type="submit" class="btn" id="enviar"',
        '<div id="success"></div>',
    ):
        assert piece in page.body
    assert re.fullmatch(r"[0-9a-f]{32}", visitor.token)
    assert 'class="g-recaptcha"' not in page.body  # the open flavour: no CAPTCHA at all


def test_wsp_token_is_new_on_every_load_and_the_sitekey_stays(census_sim: Any):
    census_sim.set_mode("captcha")
    visitor = WspVisitor(census_sim)

    pages = [visitor.load().body for _ in range(3)]
    tokens = {re.search(r'name="token" value="([0-9a-f]{32})"', page)[1] for page in pages}
    sitekeys = {re.search(r'class="g-recaptcha" data-sitekey="([^"]+)"', page)[1] for page in pages}

    assert len(tokens) == 3
    assert len(sitekeys) == 1


def test_wsp_found_is_php_escaped_html_with_the_table_and_the_notice(census_sim: Any):
    answer = wsp_answer(census_sim, "1020304050")

    assert answer.status == 200
    assert "<\\/td>" in answer.body  # json_encode's escaped slashes
    data = answer.json()
    assert data["success"] is True
    message = data["data"]["message"]
    headers = re.findall(r"<th>([^<]+)</th>", message)
    assert headers == ["NUIP", "DEPARTAMENTO", "MUNICIPIO", "PUESTO", "DIRECCIÓN", "MESA"]
    assert re.findall(r'data-th="([^"]+)"', message) == headers
    assert '<td data-th="MESA"><b>12</b></td>' in message
    assert '<td data-th="PUESTO">UNIVERSIDAD NACIONAL</td>' in message
    assert NOTICE in re.sub(r"<[^>]+>", "", message)
    assert census_sim.stats()["consultas"][0]["cedula"] == "1020304050"


@pytest.mark.parametrize(
    ("nuip", "shown", "absent"),
    [
        ("1000000001", ["no se encuentra en el censo para esta elección"], ["<table"]),
        ("20000021", ["<th>NOVEDAD</th>", "Cancelada por Muerte", "22/03/2019"], []),
        (
            "20000098",
            [
                "<th>NOVEDAD</th>",
                "Vigente con Perdida o Suspension de los Derechos Politicos",
                "no se encuentra habilitado para votar",
            ],
            ["Cancelada"],
        ),
        ("20000097", ["no se encuentra habilitado para votar"], ["<table", "censo para esta"]),
        ("20000099", ["Baja por Pérdida o Suspensión de los Derechos Políticos"], []),
    ],
)
def test_wsp_answers_each_standing_in_its_own_words(
    census_sim: Any, nuip: str, shown: list[str], absent: list[str]
):
    message = wsp_answer(census_sim, nuip).json()["data"]["message"]

    assert [words for words in shown if words not in message] == []
    assert [words for words in absent if words in message] == []


def test_wsp_refuses_a_wrong_or_missing_token_with_reload(census_sim: Any):
    visitor = WspVisitor(census_sim)
    visitor.load()

    assert visitor.consulta("1020304050", token="0" * 32).json() == {"reload": True}
    assert visitor.consulta("1020304050", token="").json() == {"reload": True}
    stale = visitor.token
    visitor.load()
    assert visitor.consulta("1020304050", token=stale).json() == {"reload": True}
    assert visitor.consulta("1020304050").json()["success"] is True


def test_wsp_in_captcha_mode_refuses_a_consulta_without_the_captcha(census_sim: Any):
    census_sim.set_mode("captcha")

    refused = wsp_answer(census_sim, "1020304050").json()
    solved = wsp_answer(census_sim, "1020304050", captcha="03AFcWeA-persona-xyz").json()

    assert refused["success"] is False
    assert "No soy un robot" in refused["data"]["message"]
    assert solved["success"] is True


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (
            "backend_failure",
            {
                "success": False,
                "data": {
                    "message": "Curl error: Operation timed out after 15008 milliseconds "
                    "with 0 bytes received"
                },
            },
        ),
        ("reload", {"reload": True}),
    ],
)
def test_wsp_backend_modes_answer_in_the_sites_own_envelope(
    census_sim: Any, mode: str, expected: dict[str, Any]
):
    census_sim.set_mode(mode)

    answer = wsp_answer(census_sim, "1020304050")

    assert answer.status == 200
    assert answer.json() == expected


def test_wsp_behind_the_firewall_answers_the_rejection_page_with_200(census_sim: Any):
    census_sim.set_mode("firewall")
    page = call(census_sim.url + WSP)
    census_sim.set_mode("firewall_api")
    consulta = wsp_answer(census_sim, "1020304050")

    assert (page.status, consulta.status) == (200, 200)
    assert REJECTION_PHRASE in page.body
    assert REJECTION_PHRASE in consulta.body
    assert "Request Rejected" in consulta.body


def test_wsp_http_500_fails_the_consulta_only(census_sim: Any):
    census_sim.set_mode("http_500")

    visitor = WspVisitor(census_sim)
    assert visitor.load().status == 200
    assert visitor.consulta("1020304050").status == 500


# --- modes every portal plays, seen over plain HTTP ----------------------------------------


def consulta_of(portal: str, sim: Any, nuip: str = "1020304050", timeout: float = 5) -> Answer:
    if portal == "wsp":
        visitor = WspVisitor(sim)
        visitor.load()
        body, content_type = multipart(
            {"nuip": nuip, "tipo": "-1", "token": visitor.token, "g-recaptcha-response": ""}
        )
        headers = {"Cookie": f"PHPSESSID={visitor.cookies['PHPSESSID']}"}
        headers["Content-Type"] = content_type
        return call(visitor.url, data=body, headers=headers, timeout=timeout)
    if portal == "eleccionescolombia":
        body = json.dumps({"identification": nuip}).encode()
        return call(
            other_origin(sim) + API,
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=timeout,
        )
    body = json.dumps({"documento": nuip, "eleccion": "0", "token": ""}).encode()
    return call(
        sim.url + "back/api/consulta",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )


PORTAL_PAGES = {"consultacenso": "", "wsp": WSP, "eleccionescolombia": ELECCIONES}


@pytest.mark.parametrize("portal", PORTAL_PAGES)
def test_get_500_answers_the_first_page_with_500_and_the_whole_page(census_sim: Any, portal: str):
    census_sim.set_mode("get_500")
    ids = {"consultacenso": "consultaForm", "wsp": 'id="nuip"', "eleccionescolombia": '"document"'}

    first, second = (
        call(census_sim.url + PORTAL_PAGES[portal]),
        call(census_sim.url + PORTAL_PAGES[portal]),
    )

    assert (first.status, second.status) == (500, 200)
    assert ids[portal] in first.body
    assert first.body.replace(" ", "")[:200] == second.body.replace(" ", "")[:200]
    assert consulta_of(portal, census_sim).status == 200


@pytest.mark.parametrize("portal", PORTAL_PAGES)
def test_firewall_modes_reject_with_200_on_every_portal(census_sim: Any, portal: str):
    census_sim.set_mode("firewall")
    page = call(census_sim.url + PORTAL_PAGES[portal])
    census_sim.set_mode("firewall_api")
    loads = call(census_sim.url + PORTAL_PAGES[portal])
    consulta = consulta_of(portal, census_sim)

    assert page.status == 200
    assert REJECTION_PHRASE in page.body
    assert loads.status == 200
    assert REJECTION_PHRASE not in loads.body
    assert consulta.status == 200
    assert REJECTION_PHRASE in consulta.body


@pytest.mark.parametrize("portal", PORTAL_PAGES)
def test_http_500_slow_and_hang_reach_every_portals_consulta(census_sim: Any, portal: str):
    census_sim.set_mode("http_500")
    assert consulta_of(portal, census_sim).status == 500

    census_sim.set_mode("slow", delay_s=0.4)
    started = time.monotonic()
    assert consulta_of(portal, census_sim).status == 200
    assert time.monotonic() - started >= 0.4

    census_sim.set_mode("hang")
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        consulta_of(portal, census_sim, timeout=0.5)


@pytest.mark.parametrize("portal", PORTAL_PAGES)
def test_reserved_cedulas_trigger_their_mode_on_every_portal(census_sim: Any, portal: str):
    assert REJECTION_PHRASE in consulta_of(portal, census_sim, "900000001").body
    assert consulta_of(portal, census_sim, "900000005").status == 500
    assert consulta_of(portal, census_sim, "900000006").status == 503
    with pytest.raises(json.JSONDecodeError):
        consulta_of(portal, census_sim, "900000007").json()
    refused = consulta_of(portal, census_sim, "900000002")  # an API-only CAPTCHA refusal
    if portal == "eleccionescolombia":
        assert refused.status == 403
    else:
        assert refused.json()["success" if portal == "wsp" else "ok"] is False


@pytest.mark.parametrize(
    ("portal", "old_id", "new_id"),
    [
        ("consultacenso", '"documento": "documento"', '"documento": "numeroDocumento"'),
        ("wsp", 'id="nuip"', 'id="cedula"'),
        ("eleccionescolombia", '"document": "document"', '"document": "identificationNumber"'),
    ],
)
def test_changed_page_renames_each_portals_ids(
    census_sim: Any, portal: str, old_id: str, new_id: str
):
    census_sim.set_mode("changed_page")

    page = call(census_sim.url + PORTAL_PAGES[portal]).body

    assert old_id not in page
    assert new_id in page


def test_turnstile_stands_in_front_of_every_portal(census_sim: Any):
    census_sim.set_mode("turnstile")

    assert "cf-turnstile" in call(census_sim.url + WSP).body
    assert "/turnstile/v0/api.js" in call(census_sim.url + ELECCIONES).body
    assert wsp_answer(census_sim, "1020304050").json()["success"] is False
    assert api_call(census_sim, "1020304050").status == 403


def test_each_portals_page_loads_and_consultas_are_counted(census_sim: Any):
    call(census_sim.url + WSP)
    call(census_sim.url + ELECCIONES)
    wsp_answer(census_sim, "43210987")
    api_call(census_sim, "72123456")
    consultacenso_answer(census_sim, "1098765432")

    stats = census_sim.stats()

    assert stats["requests"]["GET /censo/consultar/"] == 2
    assert stats["requests"]["GET /identificacion"] == 1
    assert stats["requests"]["POST /censo/consultar/"] == 1
    assert stats["requests"][f"POST /{API}"] == 1
    consultas = stats["consultas"]
    assert [call["cedula"] for call in consultas] == ["43210987", "72123456", "1098765432"]
    assert {"at", "cedula", "user_agent", "accept_language"} <= set(consultas[0])


# --- consultacenso: key case and the new backend modes -------------------------------------


def test_consultacenso_answers_72123456_with_upper_case_keys_and_a_numeric_mesa(census_sim: Any):
    data = consultacenso_answer(census_sim, "72123456").json()["data"]

    assert data["NOM_DEPTO"] == "ATLANTICO"
    assert data["NOM_PUESTO"] == "COLEGIO DE BARRANQUILLA CODEBA"
    assert data["MESA"] == 3
    assert "nom_depto" not in data
    # The census record itself stays in lower-case keys (what the other portals render).
    assert FIXTURES["72123456"]["data"]["nom_depto"] == "ATLANTICO"


def test_about_one_found_answer_in_four_comes_in_upper_case_keys():
    answers = [answer_for(str(30_000_000 + n)) for n in range(400)]
    found = [answer for answer in answers if answer["encontrado"]]

    upper = [answer for answer in found if "NOM_DEPTO" in answer["data"]]
    assert 0.15 < len(upper) / len(found) < 0.35
    assert all(isinstance(answer["data"]["MESA"], int) for answer in upper)
    assert all(census_record(a["data"]["NUIP"])["data"]["nom_depto"] for a in upper)


def test_consultacenso_backend_failure_and_reload_answer_in_its_envelope(census_sim: Any):
    census_sim.set_mode("backend_failure")
    failure = consultacenso_answer(census_sim, "1020304050").json()
    census_sim.set_mode("reload")
    reload = consultacenso_answer(census_sim, "1020304050").json()

    assert failure == {"ok": False, "error": "ocurrió un error al procesar su solicitud"}
    assert reload == {"ok": False, "reload": True}


def test_consultacenso_not_enabled_fixtures(census_sim: Any):
    suspended = consultacenso_answer(census_sim, "20000098").json()
    not_enabled = consultacenso_answer(census_sim, "20000097").json()

    assert suspended["novedad"] is True
    assert suspended["mensaje"] == "Vigente con Pérdida o Suspensión de los Derechos Políticos"
    assert suspended["descripcion"]
    assert not_enabled["encontrado"] is False
    assert "no se encuentra habilitado para votar" in not_enabled["mensaje"]


# --- eleccionescolombia: the API on the other origin ---------------------------------------


def test_elecciones_api_found_answer(census_sim: Any):
    answer = api_call(census_sim, "1020304050")

    assert answer.status == 200
    body = answer.json()
    assert (body["status"], body["status_code"]) == (True, 0)
    place = body["data"]["polling_place"]
    assert re.fullmatch(r"\d{2} - UNIVERSIDAD NACIONAL", place["stand"])
    assert place["stand"].startswith(place["stand_code"] + " - ")
    assert place["table"] == 12
    assert set(place["place_address"]) == {"state", "town", "address", "zone"}
    assert place["place_address"]["town"] == "BOGOTA D.C."
    assert body["data"]["is_in_census"] is True
    assert body["data"]["novelty"] == []
    assert answer.headers["Access-Control-Allow-Origin"] == census_sim.url.rstrip("/")


def test_elecciones_api_not_in_census_is_a_404_answer(census_sim: Any):
    answer = api_call(census_sim, "1000000001")

    assert answer.status == 404
    body = answer.json()
    assert (body["status"], body["status_code"]) == (False, 13)
    assert body["message"]


@pytest.mark.parametrize(
    ("nuip", "name", "line"),
    [
        ("20000021", "Cancelada por Muerte", "cancelado"),
        (
            "20000098",
            "Vigente con Pérdida o Suspensión de los Derechos Políticos",
            "no se encuentra habilitado para votar",
        ),
        ("20000097", "NO HABILITADO", "no se encuentra habilitado para votar"),
    ],
)
def test_elecciones_api_novelties(census_sim: Any, nuip: str, name: str, line: str):
    data = api_call(census_sim, nuip).json()["data"]

    assert data["is_in_census"] is False
    [novelty] = data["novelty"]
    assert set(novelty) == {"name", "description_line_1", "resolution", "date"}
    assert novelty["name"] == name
    assert line in novelty["description_line_1"]


def test_elecciones_api_answers_the_cors_preflight(census_sim: Any):
    origin = census_sim.url.rstrip("/")
    answer = call(
        other_origin(census_sim) + API,
        method="OPTIONS",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )

    assert answer.status == 204
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]
    assert "authorization" in answer.headers["Access-Control-Allow-Headers"].lower()
    assert census_sim.stats()["consultas"] == []


def test_elecciones_api_in_captcha_mode_wants_a_fresh_bearer_token(census_sim: Any):
    census_sim.set_mode("captcha")

    assert api_call(census_sim, "1020304050").status == 403
    assert api_call(census_sim, "1020304050", token="03AFcWeA-uno").status == 200
    assert api_call(census_sim, "1020304050", token="03AFcWeA-uno").status == 403


def test_elecciones_api_backend_failure_is_a_json_504(census_sim: Any):
    census_sim.set_mode("backend_failure")

    answer = api_call(census_sim, "1020304050")

    assert answer.status == 504
    assert answer.json()["status"] is False


def test_elecciones_page_calls_the_other_loopback_name(census_sim: Any):
    from_ip = call(census_sim.url + ELECCIONES).body
    from_name = call(other_origin(census_sim) + ELECCIONES).body

    assert f'"apiOrigin": "{other_origin(census_sim).rstrip("/")}"' in from_ip
    assert f'"apiOrigin": "{census_sim.url.rstrip("/")}"' in from_name
    assert "¿Dónde puedo votar?" in from_ip  # the app's text, rendered by its script


# --- a person at each page, in a real Chromium ----------------------------------------------


@pytest.fixture
def visit(chromium: Browser, census_sim: Any) -> Iterator[Visit]:
    with visiting(chromium, census_sim.url) as seen:
        yield seen
    # Only the simulator's two names are ever reached, and no script breaks.
    ours = (census_sim.url, other_origin(census_sim))
    assert [url for url in seen.urls if not url.startswith(ours)] == []
    assert seen.errors == []


@pytest.mark.browser
def test_a_person_finds_their_place_on_wsp_without_leaving_the_page(visit: Visit, census_sim: Any):
    page = visit.page
    page.goto("/" + WSP)

    page.fill("#nuip", "1020304050")
    page.select_option("#tipo", "-1")
    page.click("#enviar")

    table = page.locator("#success table#consulta")
    expect(table).to_contain_text("UNIVERSIDAD NACIONAL")
    expect(table.locator("td[data-th=MESA] b")).to_have_text("12")
    expect(page.locator("#success")).to_contain_text(NOTICE)
    assert page.url == census_sim.url + WSP
    assert census_sim.requests("GET /censo/consultar/") == 1
    assert [c["cedula"] for c in census_sim.stats()["consultas"]] == ["1020304050"]


@pytest.mark.browser
def test_wsp_in_captcha_mode_says_tick_the_box_and_sends_nothing(visit: Visit, census_sim: Any):
    census_sim.set_mode("captcha")
    page = visit.page
    page.goto("/" + WSP)
    expect(page.locator(".g-recaptcha iframe[title=reCAPTCHA]")).to_be_visible()

    page.fill("#nuip", "1020304050")
    page.click("#enviar")

    expect(page.locator("#success")).to_contain_text(WSP_CAPTCHA_MISSING)
    assert census_sim.stats()["consultas"] == []

    # A person ticks the box; then the same button answers.
    page.frame_locator(".g-recaptcha iframe").locator("#recaptcha-anchor").click()
    expect(page.locator("#g-recaptcha-response")).not_to_have_value("")
    page.click("#enviar")
    expect(page.locator("#success table#consulta")).to_contain_text("UNIVERSIDAD NACIONAL")


@pytest.mark.browser
def test_wsp_reload_mode_reloads_the_page_with_a_new_token_and_no_answer(
    visit: Visit, census_sim: Any
):
    census_sim.set_mode("reload")
    page = visit.page
    page.goto("/" + WSP)
    first_token = page.input_value("#token")

    page.fill("#nuip", "1020304050")
    with page.expect_navigation():
        page.click("#enviar")

    assert page.input_value("#token") != first_token
    expect(page.locator("#success")).to_be_empty()
    assert census_sim.requests("GET /censo/consultar/") == 2


@pytest.mark.browser
def test_wsp_shows_the_backend_failure_message(visit: Visit, census_sim: Any):
    census_sim.set_mode("backend_failure")
    page = visit.page
    page.goto("/" + WSP)

    page.fill("#nuip", "1020304050")
    page.click("#enviar")

    expect(page.locator("#success")).to_contain_text("Curl error: Operation timed out")


@pytest.mark.browser
def test_consultacenso_in_captcha_mode_asks_for_the_captcha_and_sends_nothing(
    visit: Visit, census_sim: Any
):
    census_sim.set_mode("captcha")
    page = visit.page
    page.goto("/")

    page.fill("#consultaForm #documento", "1020304050")
    page.click("#consultaForm #submitBtn")

    expect(page.locator("#resultado")).to_contain_text(CONSULTACENSO_CAPTCHA_MISSING)
    assert census_sim.stats()["consultas"] == []


@pytest.mark.browser
def test_consultacenso_shows_an_upper_case_answer_like_any_other(visit: Visit, census_sim: Any):
    page = visit.page
    page.goto("/")

    page.fill("#documento", "72123456")
    page.click("#submitBtn")

    expect(page.locator("table#consulta")).to_contain_text("COLEGIO DE BARRANQUILLA CODEBA")


@pytest.mark.browser
def test_a_person_finds_their_place_on_eleccionescolombia_across_origins(
    visit: Visit, census_sim: Any
):
    page = visit.page
    page.goto("/" + ELECCIONES)
    expect(page.get_by_role("heading", name="¿Dónde puedo votar?")).to_be_visible()
    document = page.locator("#document")
    assert document.get_attribute("type") == "number"
    assert document.get_attribute("placeholder") == "Ej: 12345678"
    button = page.get_by_role("button", name="Consultar")
    expect(button).to_be_enabled()  # the open flavour

    document.fill("1020304050")
    with page.expect_response(f"**/{API}") as answered:
        button.click()

    assert answered.value.url == other_origin(census_sim) + API
    assert answered.value.status == 200
    expect(page.locator("body")).to_contain_text("Puesto")
    expect(page.locator("body")).to_contain_text("UNIVERSIDAD NACIONAL")
    expect(page.locator(".dato", has_text="Mesa")).to_contain_text("12")
    expect(page.locator(".dato", has_text="Zona")).to_be_visible()
    assert urlsplit(page.url).path == "/Polling"
    assert [c["cedula"] for c in census_sim.stats()["consultas"]] == ["1020304050"]
    assert census_sim.requests(f"OPTIONS /{API}") == 1  # the browser's CORS preflight


@pytest.mark.browser
def test_eleccionescolombia_shows_not_in_census_and_novelties(visit: Visit, census_sim: Any):
    page = visit.page
    page.goto("/" + ELECCIONES)

    page.fill("#document", "1000000001")
    page.get_by_role("button", name="Consultar").click()
    expect(page.get_by_role("alert")).to_contain_text("no se encuentra en el censo")

    page.get_by_role("button", name="Nueva consulta").click()
    page.fill("#document", "20000098")
    page.get_by_role("button", name="Consultar").click()
    expect(page.get_by_role("alert")).to_contain_text("Vigente con Pérdida o Suspensión")
    expect(page.get_by_role("alert")).to_contain_text("no se encuentra habilitado para votar")


@pytest.mark.browser
def test_eleccionescolombia_in_captcha_mode_holds_the_button_until_the_captcha(
    visit: Visit, census_sim: Any
):
    census_sim.set_mode("captcha")
    page = visit.page
    page.goto("/" + ELECCIONES)
    button = page.get_by_role("button", name="Consultar")
    checkbox = page.frame_locator("#captcha iframe[title=reCAPTCHA]").locator("#recaptcha-anchor")
    expect(checkbox).to_be_visible()

    page.fill("#document", "1020304050")
    expect(button).to_be_disabled()
    button.click(force=True)  # a press on a disabled button does nothing
    assert census_sim.stats()["consultas"] == []

    checkbox.click()  # a person ticks the box
    expect(button).to_be_enabled()
    button.click()
    expect(page.locator(".dato", has_text="Puesto")).to_contain_text("UNIVERSIDAD NACIONAL")


@pytest.mark.browser
def test_wsp_with_turnstile_refuses_the_unsolved_submit_on_screen(visit: Visit, census_sim: Any):
    census_sim.set_mode("turnstile")
    page = visit.page
    page.goto("/" + WSP)
    # Drawn by the widget's script once it loads, which a loaded machine takes its time to.
    expect(page.locator(".cf-turnstile iframe")).to_be_visible(timeout=15_000)

    page.fill("#nuip", "1020304050")
    page.click("#enviar")

    expect(page.locator("#success")).to_contain_text(WSP_CAPTCHA_MISSING)
    assert census_sim.stats()["consultas"] == []


@pytest.mark.browser
def test_eleccionescolombia_reload_mode_reloads_the_app_without_an_answer(
    visit: Visit, census_sim: Any
):
    census_sim.set_mode("reload")
    page = visit.page
    page.goto("/" + ELECCIONES)

    page.fill("#document", "1020304050")
    with page.expect_response(f"**/{API}") as answered, page.expect_navigation():
        page.get_by_role("button", name="Consultar").click()

    assert answered.value.status == 401
    expect(page.locator("#document")).to_have_value("")
    expect(page.locator(".dato")).to_have_count(0)
    assert urlsplit(page.url).path == "/identificacion"
    assert census_sim.requests("GET /identificacion") == 2
