"""Every state of the census card, at a desktop's size and a phone's: the answer first,
its next step, and no serious or critical axe-core violation."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from support.accessibility import assert_accessible

from accounts.models import CustomUser
from cedula_domain import (
    AnswerSource,
    BlockKind,
    Cancellation,
    FailureKind,
    LookupStatus,
    Restriction,
)
from integration.accessibility.screens import at_each_screen, log_in, set_lookup, someone
from integration.portal.census_support import PLACE
from pagina_madre.bootstrap.census_lookup import official_page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERED = {"source": AnswerSource.REGISTRADURIA, "attempts": 1}
OFFICIAL_LINK = re.compile("página (oficial|de consulta) de la Registraduría|página oficial")


@pytest.fixture
def person(db: None) -> CustomUser:
    return someone("52345678")


@pytest.fixture
def home(browser_page: Page, live_server, person: CustomUser) -> Callable[..., Page]:
    """The person's home page, their lookup stored as ``changes`` say."""

    def show(**changes) -> Page:
        set_lookup(person, **changes)
        log_in(browser_page, person, live_server.url)
        browser_page.goto("/")
        return browser_page

    return show


def check_at_each_screen(page: Page, state: str, check: Callable[[Locator], None]) -> None:
    for screen in at_each_screen(page):
        card = page.locator("#censo")
        check(card)
        # On a phone too, where the person votes comes before their own data.
        card_box = card.bounding_box()
        data_box = page.get_by_role("heading", name="Tus datos").bounding_box()
        assert card_box
        assert data_box
        assert card_box["y"] < data_box["y"], screen
        assert_accessible(page, f"tarjeta {state} {screen}")


def expect_official_link(card: Locator) -> None:
    link = card.get_by_role("link", name=OFFICIAL_LINK).first
    expect(link).to_have_attribute("href", official_page_url())
    expect(link).to_be_visible()


def hh_mm(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


def test_a_waiting_lookup_says_how_many_go_first(browser_page: Page, live_server):
    # Registered earlier, so their first lookups go first.
    someone("1000000011", "Primera Persona")
    someone("1000000012", "Segunda Persona")
    person = someone("52345679")
    log_in(browser_page, person, live_server.url)
    browser_page.goto("/")

    def check(card: Locator) -> None:
        expect(card).to_have_attribute("hx-trigger", "every 3s")
        expect(card.get_by_role("heading")).to_have_text("Estamos buscando tu lugar de votación")
        expect(card).to_contain_text("Hay 2 consultas antes que la tuya")
        expect(card.get_by_role("button", name="Volver a consultar")).to_have_count(0)

    check_at_each_screen(browser_page, "en cola", check)


def test_a_lookup_under_way_says_it_is_asking_the_registraduria_now(home):
    page = home(
        status=LookupStatus.PROCESSING,
        attempts=1,
        next_attempt_at=None,
        lease_expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text("Estamos buscando tu lugar de votación")
        expect(card).to_contain_text("Consultando ahora en la Registraduría")

    check_at_each_screen(page, "consultando", check)


def test_a_found_place_heads_the_card_with_the_map_and_what_to_bring(home):
    page = home(
        status=LookupStatus.FOUND, voting_place=PLACE, fetched_at=datetime.now(UTC), **ANSWERED
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "Votas en IE INEM JOSE FELIX DE RESTREPO, mesa 7"
        )
        expect(card).to_contain_text("CARRERA 48 # 1-125")
        expect(card.get_by_role("link", name="Cómo llegar")).to_have_attribute(
            "href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=6\.2")
        )
        expect(card.get_by_test_id("que-llevar")).to_contain_text("lleva tu cédula original")
        expect(card).to_contain_text("Consultado el")
        # Asked a moment ago: the card says from when instead of offering a refusal.
        expect(card.get_by_role("button", name="Volver a consultar")).to_have_count(0)
        expect(card.get_by_test_id("consultar-despues")).to_have_text(
            # Another day's date too, when the card is drawn late in the evening.
            re.compile(r"^Podrás volver a consultar desde (el \d+ de \w+ a )?las \d\d:\d\d\.$")
        )

    check_at_each_screen(page, "encontrada", check)


def test_a_cedula_not_in_the_census_says_what_it_means_and_where_to_ask(home):
    page = home(status=LookupStatus.NOT_FOUND, fetched_at=datetime.now(UTC), **ANSWERED)

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "Tu cédula no aparece en el censo electoral"
        )
        expect(card).to_contain_text("no puedes votar en esta elección")
        expect(card).to_contain_text("pregunta en una sede de la Registraduría")
        expect_official_link(card)

    check_at_each_screen(page, "no encontrada", check)


def test_a_cancelled_cedula_says_what_the_novedad_means_and_how_to_correct_it(home):
    cancellation = Cancellation(
        novedad="Cancelada por Muerte", resolucion="1021", fecha="22/03/2019"
    )
    page = home(
        status=LookupStatus.CANCELLED,
        cancellation=cancellation,
        fetched_at=datetime.now(UTC),
        **ANSWERED,
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text("Tu cédula aparece cancelada")
        expect(card).to_contain_text("Cancelada por Muerte")
        expect(card).to_contain_text("la persona dueña de esta cédula falleció")
        expect(card.get_by_test_id("que-hacer")).to_contain_text(
            "ve a una sede de la Registraduría con tu cédula original"
        )
        expect_official_link(card)

    check_at_each_screen(page, "cancelada", check)


def test_a_valid_cedula_that_cannot_vote_says_so_what_it_means_and_where_to_ask(home):
    restriction = Restriction(
        reason="Vigente con pérdida o suspensión de los derechos políticos",
        resolucion="0456",
        fecha="10/02/2024",
    )
    page = home(
        status=LookupStatus.NOT_ENABLED,
        restriction=restriction,
        fetched_at=datetime.now(UTC),
        **ANSWERED,
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "Tu cédula está vigente, pero por ahora no puedes votar"
        )
        expect(card.get_by_test_id("sin-derecho-a-votar")).to_contain_text(
            "Vigente con pérdida o suspensión de los derechos políticos"
        )
        expect(card).to_contain_text("Tu cédula no está cancelada: sigue vigente")
        expect(card).to_contain_text("puedes volver a votar")
        expect(card.get_by_test_id("que-hacer")).to_contain_text(
            "pregunta en una sede de la Registraduría y lleva tu cédula original"
        )
        expect(card.get_by_test_id("cancelada")).to_have_count(0)
        expect_official_link(card)

    check_at_each_screen(page, "sin derecho a votar", check)


def test_a_lookup_being_retried_says_when_and_offers_the_official_page_meanwhile(home):
    next_try = datetime.now(UTC) + timedelta(minutes=2)
    page = home(attempts=1, last_failure_kind=FailureKind.UNAVAILABLE, next_attempt_at=next_try)

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text("Estamos buscando tu lugar de votación")
        expect(card).to_contain_text(
            f"El sitio de la Registraduría no respondió. Lo intentaremos de nuevo hacia las "
            f"{hh_mm(next_try)}."
        )
        expect_official_link(card)

    check_at_each_screen(page, "reintentando", check)


def test_a_lookup_that_gave_up_offers_the_two_steps_and_a_new_lookup(home):
    page = home(status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.UNAVAILABLE)

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "No pudimos consultar tu lugar de votación"
        )
        expect(card).to_contain_text("Lo intentamos 3 veces. El sitio de la Registraduría no")
        expect(card.get_by_test_id("enlace-oficial")).to_have_attribute("href", official_page_url())
        expect(card.get_by_role("link", name="Cuéntanos qué te salió")).to_have_attribute(
            "href", "/censo/informar/"
        )
        # The site failed: there was no verification to resolve.
        expect(card).not_to_contain_text("verificación")
        expect(card.get_by_role("button", name="Volver a consultar")).to_be_visible()

    check_at_each_screen(page, "sin respuesta", check)


def test_a_single_failed_attempt_does_not_claim_several(home):
    page = home(status=LookupStatus.ERROR, attempts=1, last_failure_kind=FailureKind.UNAVAILABLE)

    card = page.locator("#censo")
    expect(card.get_by_test_id("consulta-asistida")).to_contain_text(
        "El sitio de la Registraduría no respondió."
    )
    expect(card).not_to_contain_text("intentos")
    expect(card).not_to_contain_text("veces")


def test_a_captcha_asks_the_person_to_finish_while_attempts_remain(home):
    next_try = datetime.now(UTC) + timedelta(minutes=10)
    page = home(
        attempts=1,
        last_failure_kind=FailureKind.BLOCKED,
        last_block_kind=BlockKind.CAPTCHA,
        next_attempt_at=next_try,
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "Termina tú la consulta de tu lugar de votación"
        )
        expect(card).to_contain_text("una verificación que solo una persona puede hacer")
        expect(card).to_contain_text(f"Lo intentaremos de nuevo hacia las {hh_mm(next_try)}")
        expect(card.get_by_test_id("enlace-oficial")).to_have_attribute("href", official_page_url())
        expect(card).to_contain_text("resuelve la verificación que te pida")
        expect(card.get_by_role("button", name="Volver a consultar")).to_have_count(0)

    check_at_each_screen(page, "verificacion", check)


def test_a_refresh_that_got_no_answer_keeps_the_last_one_and_says_so(home):
    page = home(
        status=LookupStatus.ERROR,
        attempts=3,
        last_failure_kind=FailureKind.BLOCKED,
        voting_place=PLACE,
        fetched_at=datetime.now(UTC) - timedelta(days=2),
        source=AnswerSource.REGISTRADURIA,
    )

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text(
            "Votas en IE INEM JOSE FELIX DE RESTREPO, mesa 7"
        )
        expect(card.get_by_test_id("sin-respuesta")).to_contain_text(
            "No pudimos actualizar este dato. Lo intentamos 3 veces."
        )
        expect_official_link(card)
        expect(card.get_by_role("button", name="Volver a consultar")).to_be_visible()

    check_at_each_screen(page, "actualizacion fallida", check)


def test_a_waiting_card_whose_session_ended_leaves_the_whole_page_to_a_visitor(home):
    page = home(attempts=0)
    expect(page.locator("#censo")).to_have_attribute("hx-trigger", "every 3s")

    page.context.clear_cookies()

    # The next poll meets the login's redirect: the page reloads as a visitor's, rather
    # than showing the login page inside the card.
    expect(page.get_by_role("heading", name="Hola, Policarpa")).to_have_count(0, timeout=10_000)
    expect(page.locator("#censo")).to_have_count(0)
    expect(page.locator("main")).to_have_count(1)


def test_an_account_that_never_accepted_the_policy_is_led_to_accept_it(
    browser_page: Page, live_server
):
    staff = CustomUser.objects.create_superuser(
        "1010101", "Clave-segura-2026", nombre_completo="Ana Operadora", telefono="+573001112233"
    )
    log_in(browser_page, staff, live_server.url)
    browser_page.goto("/")

    def check(card: Locator) -> None:
        expect(card.get_by_role("heading")).to_have_text("Todavía no buscamos dónde votas")
        expect(card.get_by_role("link", name="Leer y aceptar la política")).to_be_visible()

    check_at_each_screen(browser_page, "sin política aceptada", check)
