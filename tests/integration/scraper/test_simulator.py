"""The census simulator answers like the real portal is reported to: plain HTTP, no browser."""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from census_sim.census import CANCELLATION_REASONS, FIXTURES, answer_for
from census_sim.hostile import DEFAULT_TARGET
from integration.scraper.person_browser import Visit, visiting
from integration.scraper.scraper_support import send_browser_to


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


# --- adversarial modes, judged in a plain Chromium as a person would see them ------------

REJECTION_PHRASE = "The requested URL was rejected"
CHALLENGE_TITLE = "recaptcha challenge expires in two minutes"
TURNSTILE_TITLE = "Widget containing a Cloudflare security challenge"
PORTAL_TITLE = "Consulta de lugar de votación"
BUNDLE_PATH = "/static/js/app.9f3c2e71.js"
# What the spa_strings bundles carry as strings, none of it on the screen.
BLOCK_WORDS = (
    "Request Rejected",
    "The requested URL was rejected. Please consult with your administrator.",
    "Your support ID is: 1234567890123456789",
    "bobcmn",
    "/TSPD/",
    "TSPD_101",
    "Please enable JavaScript to view the page content",
    CHALLENGE_TITLE,
    "g-recaptcha",
    "cf-turnstile",
    "HeadlessChrome",
    "navigator.webdriver",
)
# True when a person could see the element: rendered, not transparent, not hidden, of a
# readable size, and not pushed off the page.
SEEN_BY_A_PERSON = """(element) => {
  const shown = element.checkVisibility({
    opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
  const box = element.getBoundingClientRect();
  return shown && box.width >= 2 && box.height >= 2 &&
    box.right + window.scrollX > 0 && box.bottom + window.scrollY > 0;
}"""
# Every element whose own text holds the phrase, and whether a person sees it.
HOLDERS_OF_PHRASE = (
    """(phrase) => Array.from(document.querySelectorAll("body *"))
  .filter(el => Array.from(el.childNodes).some(
    node => node.nodeType === Node.TEXT_NODE && node.textContent.includes(phrase)))
  .map(el => ({tag: el.tagName.toLowerCase(), seen: (SEEN)(el)}))"""
).replace("SEEN", SEEN_BY_A_PERSON)


@pytest.fixture
def visit(chromium: Browser, census_sim: Any) -> Iterator[Visit]:
    with visiting(chromium, census_sim.url) as seen:
        yield seen
    # Whatever the mode, the replica never leaves the machine and its scripts do not break.
    assert [url for url in seen.urls if not url.startswith(census_sim.url)] == []
    assert seen.errors == []


def open_portal(visit: Visit, sim: Any, mode: str, delay_s: float | None = None) -> Page:
    sim.set_mode(mode, delay_s)
    visit.page.goto("/")
    expect(visit.page.locator("#documento")).to_be_visible()
    return visit.page


def fill_and_submit(page: Page, cedula: str = "1020304050") -> None:
    page.fill("#documento", cedula)
    page.select_option("#eleccion", "0")
    page.click("#submitBtn")


def expect_found(page: Page) -> None:
    expect(page.locator("table#consulta")).to_contain_text("UNIVERSIDAD NACIONAL")


def visible_text(page: Page) -> str:
    return page.locator("body").inner_text()


def test_normal_mode_carries_none_of_the_adversarial_additions(census_sim: Any):
    page = get(census_sim, "")[1]

    for word in ("Request Rejected", "noscript", "grecaptcha", "turnstile", "bobcmn", BUNDLE_PATH):
        assert word not in page


def test_spa_strings_ships_block_words_in_its_scripts_and_shows_none(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "spa_strings")

    source, shown = page.content(), visible_text(page)
    assert [word for word in BLOCK_WORDS if word not in source] == []
    assert [word for word in BLOCK_WORDS if word in shown] == []
    assert page.locator(".g-recaptcha, .cf-turnstile, iframe").count() == 0
    expect(page).to_have_title(PORTAL_TITLE)
    status, bundle = get(census_sim, BUNDLE_PATH.lstrip("/"))
    assert status == 200
    assert len(bundle) > 100_000
    assert [word for word in BLOCK_WORDS if word not in bundle] == []
    assert census_sim.requests(f"GET {BUNDLE_PATH}") == 2  # the page's and this test's

    fill_and_submit(page)
    expect_found(page)


def test_hidden_rejection_keeps_the_rejection_text_where_nobody_sees_it(
    visit: Visit, census_sim: Any
):
    page = open_portal(visit, census_sim, "hidden_rejection")

    holders = page.evaluate(HOLDERS_OF_PHRASE, REJECTION_PHRASE)
    assert len(holders) >= 7  # hidden, display, visibility, opacity, size, off-screen, dialog
    assert [holder for holder in holders if holder["seen"]] == []
    assert REJECTION_PHRASE in page.locator("template").evaluate("t => t.innerHTML")
    expect(page.locator("#app section[hidden]")).to_contain_text("Request Rejected")
    assert page.content().count(REJECTION_PHRASE) >= 8
    expect(page).to_have_title(PORTAL_TITLE)

    fill_and_submit(page)
    expect_found(page)


def test_noscript_notice_is_in_the_source_not_on_the_screen(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "noscript_notice")

    source, shown = page.content(), visible_text(page)
    assert page.locator("noscript").count() >= 2
    for words in ("Please enable JavaScript to view the page content", "Request Rejected"):
        assert words in source
        assert words not in shown
    assert "Your support ID is:" in source
    cookies = [cookie["name"] for cookie in page.context.cookies()]
    assert [name for name in cookies if re.fullmatch(r"TS[0-9a-f]{8}", name)] != []

    fill_and_submit(page)
    expect_found(page)


def test_captcha_loaded_is_invisible_and_lets_the_consulta_through(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "captcha_loaded")

    expect(page.locator(".g-recaptcha[data-size=invisible]")).to_be_attached()
    expect(page.locator(".grecaptcha-badge")).to_be_attached()
    expect(page.locator(".grecaptcha-badge")).to_be_hidden()
    challenge = page.locator(f"iframe[title='{CHALLENGE_TITLE}']")
    expect(challenge).to_be_attached()  # Google keeps it in the page, out of sight
    expect(challenge).to_be_hidden()
    assert page.locator(".g-recaptcha").evaluate(SEEN_BY_A_PERSON) is False
    assert census_sim.requests("GET /recaptcha/api.js") == 1

    fill_and_submit(page)
    expect_found(page)
    expect(challenge).to_be_hidden()
    assert census_sim.requests("POST /back/api/consulta") == 1


def test_captcha_after_submit_pops_the_challenge_up_and_sends_nothing(
    visit: Visit, census_sim: Any
):
    page = open_portal(visit, census_sim, "captcha_after_submit")
    challenge = page.locator(f"iframe[title='{CHALLENGE_TITLE}']")
    expect(challenge).to_be_attached()
    expect(challenge).to_be_hidden()
    expect(page.locator("#submitBtn")).to_be_enabled()

    started = time.monotonic()
    fill_and_submit(page)
    expect(challenge).to_be_visible(timeout=3_000)

    assert time.monotonic() - started < 3
    box = challenge.bounding_box()
    assert box is not None
    assert (box["width"], box["height"]) == (400, 580)
    bubble = challenge.evaluate(
        "el => { const s = getComputedStyle(el.parentElement.parentElement);"
        " return [s.position, s.zIndex, s.visibility]; }"
    )
    assert bubble == ["absolute", "2000000000", "visible"]
    grid = page.frame_locator(f"iframe[title='{CHALLENGE_TITLE}']").locator("body")
    expect(grid).to_contain_text("Selecciona todas las imágenes con semáforos")
    assert census_sim.requests("POST /back/api/consulta") == 0
    assert json.loads(post_consulta(census_sim, "1020304050")[1])["ok"] is False


def test_captcha_after_submit_lets_a_person_who_solves_it_through(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "captcha_after_submit")
    fill_and_submit(page)
    frame = page.frame_locator(f"iframe[title='{CHALLENGE_TITLE}']")

    frame.locator("[role=gridcell]").first.click()
    frame.locator("#recaptcha-verify-button").click()

    expect_found(page)
    expect(page.locator(f"iframe[title='{CHALLENGE_TITLE}']")).to_be_hidden()


def test_turnstile_shows_a_widget_and_holds_the_submit(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "turnstile")

    widget = page.locator(f".cf-turnstile iframe[title='{TURNSTILE_TITLE}']")
    expect(widget).to_be_visible()
    assert widget.evaluate(SEEN_BY_A_PERSON) is True
    frame = page.frame_locator(f"iframe[title='{TURNSTILE_TITLE}']")
    expect(frame.locator("body")).to_contain_text("Verifique que es un ser humano")
    expect(page.locator("#submitBtn")).to_be_disabled()
    assert json.loads(post_consulta(census_sim, "1020304050")[1])["ok"] is False

    # A person ticks the box; then the submit works.
    frame.locator("#cf-chl-check").check()
    expect(page.locator("#submitBtn")).to_be_enabled()
    fill_and_submit(page)
    expect_found(page)


def test_rejected_after_form_replaces_the_page_on_submit(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "rejected_after_form")
    expect(page).to_have_title(PORTAL_TITLE)

    fill_and_submit(page)

    expect(page).to_have_title("Request Rejected")
    shown = visible_text(page)
    assert REJECTION_PHRASE in shown
    assert re.search(r"Your support ID is: \d{19}\b", shown)
    assert page.locator("#documento").count() == 0
    assert census_sim.requests("POST /back/api/consulta") == 0
    assert "Request Rejected" in post_consulta(census_sim, "1020304050")[1]


def test_rejected_during_fill_replaces_the_page_while_the_form_is_filled(
    visit: Visit, census_sim: Any
):
    page = open_portal(visit, census_sim, "rejected_during_fill", delay_s=1.5)
    page.fill("#documento", "1020304050")

    expect(page).to_have_title("Request Rejected")
    assert REJECTION_PHRASE in visible_text(page)
    assert page.locator("#documento, #submitBtn").count() == 0
    assert census_sim.requests("POST /back/api/consulta") == 0


def test_rejected_during_fill_strikes_after_a_short_default_delay(visit: Visit, census_sim: Any):
    census_sim.set_mode("rejected_during_fill")
    assert json.loads(get(census_sim, "__sim/mode")[1])["delay_s"] == pytest.approx(0.3)

    visit.page.goto("/")

    expect(visit.page).to_have_title("Request Rejected")
    assert re.search(r"Your support ID is: \d{19}\b", visible_text(visit.page))
    assert census_sim.requests("POST /back/api/consulta") == 0


def test_status_403_json_refuses_the_consulta(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "status_403_json")

    with page.expect_response("**/back/api/consulta") as answer:
        fill_and_submit(page)

    assert answer.value.status == 403
    assert answer.value.json() == {"ok": False, "error": "Forbidden"}
    fetched = page.evaluate(
        """() => fetch("/back/api/consulta", {method: "POST",
             headers: {"Content-Type": "application/json"},
             body: JSON.stringify({documento: "1020304050", eleccion: "0", token: ""})})
           .then(response => response.status)"""
    )
    assert fetched == 403


def test_status_429_refuses_the_consulta_with_retry_after(visit: Visit, census_sim: Any):
    page = open_portal(visit, census_sim, "status_429")

    with page.expect_response("**/back/api/consulta") as answer:
        fill_and_submit(page)

    assert answer.value.status == 429
    assert answer.value.headers["retry-after"] == "120"
    assert answer.value.text() == "Too Many Requests"
    expect(page.locator("#resultado")).to_contain_text("No fue posible realizar la consulta")


# --- hostile modes: the site sends its visitor's browser to the visitor's own machine -----

TARGET = "http://127.0.0.1:9/interno"


def _unfollowed(sim: Any, method: str, path: str, body: str | None = None) -> Any:
    """The answer itself, redirects not followed."""
    connection = http.client.HTTPConnection(urlsplit(sim.url).netloc, timeout=5)
    connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
    return connection.getresponse()


def test_redirect_private_sends_the_first_page_to_the_target(census_sim: Any):
    send_browser_to(census_sim, "redirect_private", TARGET)

    answer = _unfollowed(census_sim, "GET", "/")

    assert answer.status == 302
    assert answer.getheader("Location") == TARGET


def test_redirect_private_api_sends_the_consulta_post_to_the_target(census_sim: Any):
    send_browser_to(census_sim, "redirect_private_api", TARGET)

    answer = _unfollowed(census_sim, "POST", "/back/api/consulta", '{"documento": "1020304050"}')

    assert answer.status == 307  # the browser would repeat the POST there
    assert answer.getheader("Location") == TARGET
    assert _unfollowed(census_sim, "GET", "/").status == 200


def test_the_hostile_pages_name_the_target_where_their_scripts_use_it(census_sim: Any):
    send_browser_to(census_sim, "navigate_private", TARGET)
    assert f'"sendAwayTo": "{TARGET}"' in get(census_sim, "")[1]

    send_browser_to(census_sim, "subresource_private", TARGET)
    page = get(census_sim, "")[1]
    assert f"<img src='{TARGET}'" in page
    assert f'fetch("{TARGET}"' in page

    send_browser_to(census_sim, "udp_private", TARGET)
    page = get(census_sim, "")[1]
    assert "new RTCPeerConnection()" in page
    assert "new WebTransport(" in page
    assert f'new URL("{TARGET}")' in page


def test_the_hostile_target_goes_back_to_the_portals_own_address_at_reset(census_sim: Any):
    send_browser_to(census_sim, "redirect_private", TARGET)

    census_sim.reset()

    assert census_sim.stats()["target"] == DEFAULT_TARGET


def test_a_target_that_is_not_an_http_url_is_refused(census_sim: Any):
    with pytest.raises(urllib.error.HTTPError) as error:
        send_browser_to(census_sim, "redirect_private", "javascript:alert(1)")

    assert error.value.code == 400
