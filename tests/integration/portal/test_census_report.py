"""A person (or an operator) finishes the lookup the automatic one could not."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django_q.models import OrmQ

from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import AnswerSource, BlockKind, Cedula, FailureKind, LookupStatus, ReportReason
from census.admin import OPERATOR_REPORT_MESSAGES
from census.colombia import DEPARTAMENTOS
from census.models import CedulaInfo
from census.views import REPORT_MESSAGES
from integration.portal.census_support import PLACE, as_operator, as_staff_with, store
from pagina_madre.bootstrap.census_lookup import official_page_url

pytestmark = pytest.mark.django_db

CAPTCHA_SENTENCE = (
    "La Registraduría está pidiendo una verificación que solo una persona puede hacer"
)
GAVE_UP_SENTENCE = "Lo intentamos 3 veces."
REPORT_URL = reverse("census:report")
PLACE_URL = reverse("census:report_place")
NOVEDAD_URL = reverse("census:report_novedad")
# Where the person votes, as the second page asks it (no official list loaded: typed).
FOUND_REPORT = {
    "departamento": "Boyacá",
    "municipio": "Tunja",
    "puesto": "Colegio de Boyacá",
    "direccion": "Calle 19 # 9-35",
    "mesa": "14",
}


def gave_up(user: CustomUser, **changes: Any) -> None:
    failure = {"last_failure_kind": FailureKind.UNAVAILABLE, "last_failure_message": "timeout"}
    store(user, status=LookupStatus.ERROR, attempts=3, **(failure | changes))


def captcha_waiting(user: CustomUser) -> None:
    store(
        user,
        attempts=1,
        last_failure_kind=FailureKind.BLOCKED,
        last_block_kind=BlockKind.CAPTCHA,
        last_failure_message="bloqueada por un CAPTCHA",
        next_attempt_at=datetime(2026, 11, 29, 20, 30, tzinfo=UTC),
    )


def row(user: CustomUser) -> dict[str, Any]:
    return CedulaInfo.objects.filter(cedula=user.cedula).values().first()


def shows(page: str, name: str, value: str) -> bool:
    """Whether the form on the page shows what was typed or chosen (when it can be shown)."""
    if name == "resultado":
        return value not in {
            "encontrado",
            "no_encontrado",
            "cancelada",
            "sin_derecho_a_votar",
        } or bool(re.search(rf'value="{value}"[^>]*checked', page))
    if name == "departamento":
        return value not in DEPARTAMENTOS or f'<option value="{value}" selected>' in page
    return not value.strip() or f'name="{name}" value="{value}"' in page


def card(client: Client) -> str:
    return client.get(reverse("census:card")).text


# The card


def test_a_lookup_that_gave_up_offers_the_person_to_finish_it(logged_in: Client, person):
    gave_up(person)

    page = card(logged_in)

    assert GAVE_UP_SENTENCE in page
    assert CAPTCHA_SENTENCE not in page
    assert f'<a href="{official_page_url()}" target="_blank" rel="noopener"' in page
    assert "Cuéntanos qué te salió" in page
    assert f'href="{REPORT_URL}"' in page
    # The site failed: no verification was met, and the person may meet the same failure.
    assert "verificación" not in page
    assert "Si a ti tampoco te carga, vuelve a intentarlo en un rato." in page
    assert "hx-trigger" not in page
    assert "Volver a consultar" in page


def test_a_captcha_block_offers_the_path_while_attempts_remain_and_stops_polling(
    logged_in: Client, person
):
    captcha_waiting(person)

    page = card(logged_in)

    assert CAPTCHA_SENTENCE in page
    assert "hacia las 15:30" in page  # Bogotá time
    assert "escribe tu cédula y resuelve la verificación que te pida." in page
    assert "Cuéntanos qué te salió" in page
    assert "hx-trigger" not in page


def test_a_lookup_that_gave_up_at_a_captcha_says_both(logged_in: Client, person):
    gave_up(person, last_block_kind=BlockKind.CAPTCHA, last_failure_kind=FailureKind.BLOCKED)

    page = card(logged_in)

    assert CAPTCHA_SENTENCE in page
    assert GAVE_UP_SENTENCE in page
    assert "resuelve la verificación" in page


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"last_failure_kind": FailureKind.PAGE_CHANGED}, "La página de la Registraduría cambió"),
        (
            {"last_failure_kind": FailureKind.BLOCKED, "last_block_kind": BlockKind.FIREWALL},
            "El sitio de la Registraduría no permitió la consulta automática",
        ),
        ({"last_failure_kind": FailureKind.INTERRUPTED}, "La consulta se interrumpió."),
    ],
    ids=["page changed", "firewall", "interrupted"],
)
def test_a_lookup_that_gave_up_without_a_captcha_never_asks_for_a_verification(
    logged_in: Client, person, changes, words
):
    gave_up(person, **changes)

    page = card(logged_in)

    assert f"{GAVE_UP_SENTENCE} {words}" in page
    assert "escribe tu cédula y mira qué te responde." in page
    assert "verificación" not in page
    assert "tampoco te carga" not in page


# The pages


def test_the_first_page_asks_what_the_registraduria_showed(logged_in: Client, person):
    gave_up(person)

    page = logged_in.get(REPORT_URL).text

    assert "<title>¿Qué te mostró la página de la Registraduría? · Página Madre</title>" in page
    assert f'action="{REPORT_URL}"' in page
    for value in ("encontrado", "no_encontrado", "cancelada", "sin_derecho_a_votar"):
        assert re.search(rf'value="{value}" id="id_resultado_\d"', page)
    assert "checked" not in page
    assert f'href="{official_page_url()}"' in page
    assert 'data-testid="volver"' in page
    # The way back from the next page brings the choice back.
    back = logged_in.get(REPORT_URL, {"resultado": "cancelada"}).text
    assert re.search(r'value="cancelada"[^>]*checked', back)


def test_the_place_page_offers_every_department(logged_in: Client, person):
    gave_up(person)

    page = logged_in.get(PLACE_URL).text

    assert "<title>¿Dónde votas? · Página Madre</title>" in page
    assert len(DEPARTAMENTOS) == 34
    for name in ("Bogotá D.C.", "Exterior", "Valle del Cauca", "Amazonas"):
        assert f'<option value="{name}">{name}</option>' in page
    assert f'href="{REPORT_URL}?resultado=encontrado"' in page
    assert "resultado" not in page.split("<form", 1)[1].split("</form>", 1)[0]


def test_the_novedad_page_suggests_the_novedades(logged_in: Client, person):
    gave_up(person)

    page = logged_in.get(NOVEDAD_URL).text

    assert "<title>¿Qué novedad aparece? · Página Madre</title>" in page
    assert '<label for="id_novedad">¿Qué novedad aparece?</label>' in page
    assert 'list="id_novedad-opciones"' in page
    assert '<option value="Cancelada por Muerte"></option>' in page
    assert f'href="{REPORT_URL}?resultado=cancelada"' in page


@pytest.mark.parametrize("url", [REPORT_URL, PLACE_URL, NOVEDAD_URL])
def test_a_report_page_the_card_does_not_offer_leads_home(logged_in: Client, person, url):
    store(person)  # waiting its turn: nothing to finish

    response = logged_in.get(url)

    assert response.status_code == 302
    assert response.url == reverse("census:home")


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"status": LookupStatus.PROCESSING, "attempts": 1},
        {
            "attempts": 1,
            "last_failure_kind": FailureKind.BLOCKED,
            "last_block_kind": BlockKind.FIREWALL,
        },
        {
            "status": LookupStatus.PROCESSING,
            "attempts": 2,
            "last_failure_kind": FailureKind.BLOCKED,
            "last_block_kind": BlockKind.CAPTCHA,
        },
    ],
    ids=["queued", "running", "firewall block", "running again after a captcha"],
)
def test_a_lookup_under_way_keeps_polling_without_the_form(logged_in: Client, person, changes):
    store(person, **changes)

    page = card(logged_in)

    assert "Cuéntanos qué te salió" not in page
    assert 'hx-trigger="every 3s"' in page


@pytest.mark.parametrize(
    "changes",
    [
        {"status": LookupStatus.FOUND, "voting_place": PLACE},
        {
            "status": LookupStatus.ERROR,
            "attempts": 3,
            "last_failure_kind": FailureKind.BLOCKED,
            "last_block_kind": BlockKind.CAPTCHA,
            "voting_place": PLACE,
        },
    ],
    ids=["found", "a refresh gave up at a captcha"],
)
def test_an_answer_of_the_registraduria_is_never_offered_to_replace(
    logged_in: Client, person, changes
):
    store(person, source=AnswerSource.REGISTRADURIA, fetched_at=datetime.now(UTC), **changes)

    page = card(logged_in)

    assert "Cuéntanos qué te salió" not in page
    assert "Consultado el" in page
    assert "hx-trigger" not in page


# Reporting


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        (REPORT_URL, {}, "resultado", "Elige qué te mostró la página de la Registraduría."),
        (REPORT_URL, {"resultado": "quizas"}, "resultado", "Elige una de las opciones."),
        (PLACE_URL, FOUND_REPORT | {"departamento": ""}, "departamento", "Elige el departamento."),
        (
            PLACE_URL,
            FOUND_REPORT | {"departamento": "Narnia"},
            "departamento",
            "Elige un departamento de la lista.",
        ),
        (PLACE_URL, FOUND_REPORT | {"municipio": " "}, "municipio", "Escribe el municipio."),
        (
            PLACE_URL,
            FOUND_REPORT | {"puesto": ""},
            "puesto",
            "Escribe el nombre del puesto de votación.",
        ),
        (PLACE_URL, FOUND_REPORT | {"mesa": ""}, "mesa", "Escribe el número de la mesa."),
        (
            PLACE_URL,
            FOUND_REPORT | {"mesa": "12a"},
            "mesa",
            "La mesa se escribe solo con números, por ejemplo 12.",
        ),
        (PLACE_URL, FOUND_REPORT | {"mesa": "١٢"}, "mesa", "La mesa se escribe solo con números"),
        (
            PLACE_URL,
            FOUND_REPORT | {"mesa": "1234567"},
            "mesa",
            "La mesa tiene como máximo 6 dígitos.",
        ),
        (
            NOVEDAD_URL,
            {"novedad": "  "},
            "novedad",
            "Escribe la novedad que aparece, por ejemplo «Cancelada por Muerte».",
        ),
    ],
    ids=[
        "no result",
        "unknown result",
        "no department",
        "unknown department",
        "blank town",
        "no polling station",
        "no table",
        "table with a letter",
        "table in other digits",
        "table too long",
        "cancelled without novedad",
    ],
)
def test_a_refused_answer_says_what_to_fix_at_the_top_keeps_the_values_and_writes_nothing(
    logged_in: Client, person, url, data, field, message
):
    gave_up(person)
    before = row(person)

    response = logged_in.post(url, data)

    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    page = response.text
    assert "<title>Error: " in page
    # The summary comes first in the main content, each message linked to its field.
    main = page.split('id="contenido"', 1)[1]
    assert main.index('data-testid="error-summary"') < main.index("<h1")
    link = re.search(rf'<a class="alert-link" href="#([^"]+)">{re.escape(message)}', page)
    assert link, message
    assert f'id="{link.group(1)}"' in page
    # The page's own address asked the question: it answers at it.
    assert f'action="{url}"' in page
    for name, value in data.items():
        assert shows(page, name, value)
    assert row(person) == before
    assert not OrmQ.objects.exists()


def test_a_bad_report_from_someone_without_a_record_writes_nothing(logged_in: Client, person):
    response = logged_in.post(PLACE_URL, {})

    assert response.status_code == 400
    assert "Elige el departamento." in response.text
    assert not CedulaInfo.objects.exists()


def test_choosing_a_place_or_a_cancellation_leads_to_the_page_that_asks_its_detail(
    logged_in: Client, person
):
    gave_up(person)

    found = logged_in.post(REPORT_URL, {"resultado": "encontrado"})
    cancelled = logged_in.post(REPORT_URL, {"resultado": "cancelada"})

    assert (found.status_code, found.url) == (302, PLACE_URL)
    assert (cancelled.status_code, cancelled.url) == (302, NOVEDAD_URL)
    assert row(person)["source"] == ""


def test_only_the_posts_that_save_count_against_the_report_limit(
    logged_in: Client, person, settings
):
    gave_up(person)
    settings.REPORT_RATE = "2/h"
    for _ in range(3):
        assert logged_in.post(REPORT_URL, {"resultado": "encontrado"}).status_code == 302
        assert logged_in.post(REPORT_URL, {}).status_code == 400

    assert logged_in.post(PLACE_URL, {}).status_code == 400
    assert logged_in.post(NOVEDAD_URL, {}).status_code == 400
    assert logged_in.post(PLACE_URL, FOUND_REPORT).status_code == 429
    assert logged_in.post(REPORT_URL, {"resultado": "no_encontrado"}).status_code == 429
    assert row(person)["source"] == ""


def test_a_person_tells_where_they_vote_and_sees_it_while_their_lookup_stays_in_line(
    logged_in: Client, person
):
    captcha_waiting(person)
    assert logged_in.post(REPORT_URL, {"resultado": "encontrado"}).url == PLACE_URL

    response = logged_in.post(PLACE_URL, FOUND_REPORT)

    assert response.status_code == 302
    assert response.url == reverse("census:home")
    home = logged_in.get(response.url).text
    assert "Gracias. Guardamos lo que te mostró la Registraduría" in home
    assert "Colegio de Boyacá" in home
    assert "Dato informado por ti el" in home
    assert "Consultado el" not in home
    assert "Cuéntanos qué te salió" not in home
    assert "hx-trigger" not in home
    assert "Tu consulta sigue en la cola: si la Registraduría nos responde" in home
    assert "Volver a consultar" not in home  # it is still on its way
    status = logged_in.get(reverse("census:status")).json()
    assert (status["status"], status["source"]) == ("pending", "persona")
    assert status["voting_place"] == FOUND_REPORT
    assert (status["way_forward"], status["queue_position"]) == (None, 1)
    assert status["fetched_at"] is not None
    stored = row(person)
    assert (stored["source"], stored["last_block_kind"], stored["next_attempt_at"]) == (
        "persona",
        "captcha",
        datetime(2026, 11, 29, 20, 30, tzinfo=UTC),
    )
    assert not OrmQ.objects.exists()  # its wake-up was already sent with its retry
    assert logged_in.get(PLACE_URL).url == reverse("census:home")
    again = logged_in.post(PLACE_URL, FOUND_REPORT | {"puesto": "Otro"})
    assert "No guardamos esta respuesta" in logged_in.get(again.url).text
    assert row(person)["puesto"] == "Colegio de Boyacá"


def test_a_person_tells_their_cedula_is_not_in_the_census(logged_in: Client, person):
    gave_up(person)

    # What was typed for another result before changing one's mind is ignored.
    response = logged_in.post(
        REPORT_URL, {"resultado": "no_encontrado", "mesa": "doce", "departamento": "Narnia"}
    )

    assert response.status_code == 302
    status = logged_in.get(reverse("census:status")).json()
    assert (status["status"], status["source"], status["voting_place"]) == (
        "not_found",
        "persona",
        None,
    )
    page = card(logged_in)
    assert "Tu cédula no aparece en el censo electoral" in page
    assert "La Registraduría informa" not in page


def test_a_person_tells_their_cedula_was_cancelled(logged_in: Client, person):
    gave_up(person)

    response = logged_in.post(NOVEDAD_URL, {"novedad": "Cancelada por Muerte"})

    assert (response.status_code, response.url) == (302, reverse("census:home"))

    status = logged_in.get(reverse("census:status")).json()
    assert (status["status"], status["source"]) == ("cancelled", "persona")
    assert status["cancellation"] == {
        "novedad": "Cancelada por Muerte",
        "resolucion": "",
        "fecha": "",
    }


def test_a_person_tells_their_cedula_is_valid_but_they_may_not_vote(logged_in: Client, person):
    gave_up(person)

    response = logged_in.post(REPORT_URL, {"resultado": "sin_derecho_a_votar"})

    assert response.status_code == 302
    status = logged_in.get(reverse("census:status")).json()
    assert (status["status"], status["source"], status["cancellation"]) == (
        "not_enabled",
        "persona",
        None,
    )
    assert status["restriction"] == {"reason": "", "resolucion": "", "fecha": ""}
    page = card(logged_in)
    assert "Tu cédula está vigente, pero por ahora no puedes votar" in page
    assert "La Registraduría dice que por ahora no puedes votar." in page
    assert "Dato informado por ti el" in page
    assert "Tu cédula aparece cancelada" not in page
    assert row(person)["voting_restricted"] is True


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "attempts": 1,
            "last_failure_kind": FailureKind.UNAVAILABLE,
            "last_failure_message": "timeout",
        },
        {
            "attempts": 1,
            "last_failure_kind": FailureKind.BLOCKED,
            "last_block_kind": BlockKind.FIREWALL,
        },
    ],
    ids=["first lookup queued", "retry after the site failed", "retry after a firewall"],
)
def test_a_report_the_card_does_not_offer_is_refused_and_changes_nothing(
    logged_in: Client, person, changes
):
    store(person, **changes)
    before = row(person)
    assert "Cuéntanos qué te salió" not in card(logged_in)

    response = logged_in.post(PLACE_URL, FOUND_REPORT, follow=True)

    assert "No guardamos esta respuesta: por ahora no hace falta" in response.text
    assert "Colegio de Boyacá" not in response.text
    assert row(person) == before
    assert logged_in.get(reverse("census:status")).json()["source"] is None


def test_a_report_while_a_lookup_runs_is_refused_and_changes_nothing(logged_in: Client, person):
    store(
        person,
        status=LookupStatus.PROCESSING,
        attempts=2,
        last_block_kind=BlockKind.CAPTCHA,
        lease_expires_at=datetime.now(UTC) + timedelta(minutes=1),
    )
    before = row(person)

    response = logged_in.post(PLACE_URL, FOUND_REPORT, follow=True)

    assert "estamos consultando la Registraduría por ti" in response.text
    assert row(person) == before


def test_a_report_after_the_registraduria_answered_is_refused_and_changes_nothing(
    logged_in: Client, person
):
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime.now(UTC),
    )
    before = row(person)

    response = logged_in.post(PLACE_URL, FOUND_REPORT, follow=True)

    assert "La Registraduría ya nos dio la respuesta que ves aquí" in response.text
    assert "IE INEM JOSE FELIX DE RESTREPO" in response.text
    assert row(person) == before


def test_a_report_only_ever_touches_the_reporters_record(logged_in: Client, person, other_person):
    gave_up(person)
    gave_up(other_person)
    before = row(other_person)

    logged_in.post(PLACE_URL, FOUND_REPORT | {"cedula": other_person.cedula})

    assert row(other_person) == before
    assert (row(person)["source"], row(person)["puesto"]) == ("persona", "Colegio de Boyacá")


def test_an_anonymous_report_goes_to_login_and_writes_nothing(client: Client, person):
    gave_up(person)
    before = row(person)

    response = client.post(PLACE_URL, FOUND_REPORT)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert row(person) == before


def test_the_repository_keeps_the_source_and_the_block_kind(person):
    stored = store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.OPERATOR,
        last_block_kind=BlockKind.JS_CHALLENGE,
    )

    assert (stored.source, stored.last_block_kind) == (
        AnswerSource.OPERATOR,
        BlockKind.JS_CHALLENGE,
    )
    assert (row(person)["source"], row(person)["last_block_kind"]) == ("operador", "js_challenge")
    assert DjangoCedulaRepository().get(Cedula(person.cedula)) == stored


# The admin


@pytest.fixture
def operator(client: Client) -> Client:
    return as_operator(client)


def report_url(user: CustomUser) -> str:
    return reverse("admin:census_cedulainfo_report", args=[user.cedula_info.pk])


def test_the_admin_lists_and_filters_lookups_by_source(operator: Client, person, other_person):
    gave_up(person)
    store(
        other_person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.PERSON,
        fetched_at=datetime.now(UTC),
    )
    changelist = reverse("admin:census_cedulainfo_changelist")

    listing = operator.get(changelist).text
    filtered = operator.get(changelist, {"source__exact": "persona"}).text

    assert "Informado por la persona" in listing
    assert "Por origen del dato" in listing  # the filter; the source is under the state
    assert other_person.cedula in filtered
    assert person.cedula not in filtered


def test_an_operator_records_a_verified_answer_from_the_admin(
    operator: Client, client: Client, person
):
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=datetime.now(UTC),
    )
    detail = reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk])
    assert report_url(person) in operator.get(detail).text
    form_page = operator.get(report_url(person))
    assert form_page.status_code == 200
    assert 'name="resultado"' in form_page.text

    response = operator.post(
        report_url(person), {"resultado": "cancelada", "novedad": "Cancelada por Muerte"}
    )

    assert response.status_code == 302
    assert response.url == detail
    assert "Quedó registrado el dato" in operator.get(detail).text
    stored = row(person)
    assert (stored["status"], stored["source"], stored["novedad"]) == (
        "cancelled",
        "operador",
        "Cancelada por Muerte",
    )
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("census:status")).json()["source"] == "operador"
    assert "Dato registrado por nuestro equipo el" in card(client)


def test_an_operator_records_that_a_valid_cedula_may_not_vote(operator: Client, person):
    gave_up(person)

    operator.post(report_url(person), {"resultado": "sin_derecho_a_votar"})

    stored = row(person)
    assert (stored["status"], stored["source"], stored["voting_restricted"]) == (
        "not_enabled",
        "operador",
        True,
    )


def test_a_bad_operator_report_says_what_to_fix_and_writes_nothing(operator: Client, person):
    gave_up(person)
    before = row(person)

    response = operator.post(
        report_url(person), FOUND_REPORT | {"resultado": "encontrado", "mesa": "doce"}
    )

    assert response.status_code == 400
    assert "La mesa se escribe solo con números" in response.text
    assert row(person) == before


def test_an_operator_report_while_a_lookup_runs_is_refused(operator: Client, person):
    store(person, status=LookupStatus.PROCESSING, attempts=1)
    before = row(person)

    response = operator.post(
        report_url(person), FOUND_REPORT | {"resultado": "encontrado"}, follow=True
    )

    assert "Hay una consulta automática en curso" in response.text
    assert row(person) == before


def test_staff_without_the_change_permission_may_look_but_not_report(client: Client, person):
    as_staff_with(client, "view_cedulainfo")
    gave_up(person)
    before = row(person)
    detail = reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk])

    assert client.get(detail).status_code == 200
    assert report_url(person) not in client.get(detail).text
    assert client.get(report_url(person)).status_code == 403
    assert client.post(report_url(person), {"resultado": "no_encontrado"}).status_code == 403
    assert row(person) == before


def test_the_admin_change_form_stays_read_only(operator: Client, person):
    gave_up(person)
    detail = reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk])

    operator.post(detail, {"status": "found", "puesto": "Inventado"})

    assert row(person)["status"] == "error"


# The migration


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_earlier_answers_as_the_registradurias_and_reads_back_blocks():
    before = [("accounts", "0003_cedula_validator")]
    after = [("accounts", "0004_cedula_info_source")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_user = old_apps.get_model("accounts", "CustomUser")
    old_info = old_apps.get_model("accounts", "CedulaInfo")
    now = datetime.now(UTC)
    rows = {
        "1111111": {"status": "found", "fetched_at": now, "departamento": "ANTIOQUIA"},
        "2222222": {
            "status": "pending",
            "last_failure_kind": "blocked",
            "last_failure_message": "blocked by captcha",
        },
        "3333333": {
            "status": "error",
            "last_failure_kind": "blocked",
            "last_failure_message": "blocked by firewall (support id 42)",
        },
        "4444444": {"status": "pending"},
    }
    for cedula, columns in rows.items():
        user = old_user.objects.create(
            cedula=cedula, nombre_completo="Persona", telefono="+573001112233", password="!"
        )
        old_info.objects.create(user=user, cedula=cedula, requested_at=now, **columns)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    at_the_migration = executor.loader.project_state(after).apps.get_model("accounts", "CedulaInfo")
    migrated = {
        cedula: (source, block)
        for cedula, source, block in at_the_migration.objects.values_list(
            "cedula", "source", "last_block_kind"
        )
    }
    # The later migrations' tables and columns back, for the tests that follow.
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
    assert migrated == {
        "1111111": ("registraduria", ""),
        "2222222": ("", "captcha"),
        "3333333": ("", "firewall"),
        "4444444": ("", ""),
    }


@pytest.mark.parametrize("object_id", ["999999", "not-a-number"])
def test_reporting_on_a_missing_lookup_from_the_admin_is_not_found(operator: Client, object_id):
    url = reverse("admin:census_cedulainfo_report", args=[object_id])

    assert operator.post(url, FOUND_REPORT | {"resultado": "encontrado"}).status_code == 404


def test_every_way_a_report_can_end_has_words_for_the_person_and_for_operators():
    assert set(REPORT_MESSAGES) == set(ReportReason)
    assert set(OPERATOR_REPORT_MESSAGES) == set(ReportReason)


def test_a_person_whose_phone_awaits_its_code_is_sent_to_verify_it_and_not_heard(
    logged_in: Client, person, settings
):
    gave_up(person)
    before = row(person)
    settings.PHONE_VERIFICATION = True
    CustomUser.objects.filter(pk=person.pk).update(phone_verified_at=None)
    verify = reverse("accounts:phone_verification")

    response = logged_in.post(PLACE_URL, FOUND_REPORT)

    assert response.status_code == 302
    assert response.url == verify
    assert logged_in.get(reverse("census:card")).url == verify
    assert logged_in.get(reverse("census:status")).url == verify
    assert row(person) == before
    assert not OrmQ.objects.exists()
