from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from attrs import evolve
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from accounts.models import CustomUser
from cedula_domain import (
    AnswerSource,
    Cancellation,
    FailureKind,
    LookupStatus,
    PlaceInLine,
    Priority,
    Restriction,
)
from cedula_domain.throughput import UNMEASURED_DURATION
from census.models import CedulaInfo, SourceState
from census.presenter import cancellation_meaning, line_sentence, moment_words
from census_sim.census import CANCELLATION_REASONS
from integration.portal.census_support import PLACE, as_operator, as_staff_with, store
from pagina_madre.bootstrap.census_lookup import official_page_url

pytestmark = pytest.mark.django_db


def test_a_found_place_shows_on_home_with_a_map_link(logged_in: Client, person):
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, fetched_at=datetime.now(UTC))

    page = logged_in.get(reverse("census:home")).text

    assert "IE INEM JOSE FELIX DE RESTREPO" in page
    assert "openstreetmap.org/?mlat=6.200000&amp;mlon=-75.570000" in page
    assert "hx-trigger" not in page


def test_a_pending_lookup_polls_until_it_ends(logged_in: Client, person):
    store(person)

    card = logged_in.get(reverse("census:card")).text

    assert 'hx-trigger="every 3s"' in card
    assert "Tu consulta es la siguiente" in card


def someone(cedula: str) -> CustomUser:
    return CustomUser.objects.create_user(
        cedula, "Clave-de-prueba-2026", nombre_completo="Alguien", telefono="+573005550000"
    )


def test_a_waiting_lookup_says_how_many_go_first_and_about_when_it_starts(
    logged_in: Client, person
):
    # Two new people registered earlier go first; a refresh requested earlier does not.
    store(someone("1000000001"), requested_at=timezone.now() - timedelta(minutes=5))
    store(someone("1000000002"), requested_at=timezone.now() - timedelta(minutes=4))
    store(
        someone("1000000003"),
        requested_at=timezone.now() - timedelta(minutes=9),
        priority=Priority.REFRESH,
    )
    store(person)

    card = logged_in.get(reverse("census:card")).text
    body = logged_in.get(reverse("census:status")).json()

    assert "Hay 2 consultas antes que la tuya: un minuto." in card  # 15.4 s each
    assert body["queue_position"] == 3
    estimated = datetime.fromisoformat(body["estimated_at"]) - timezone.now()
    assert timedelta(seconds=25) < estimated <= timedelta(seconds=31)  # 2 × (15 s + margin)
    # Nothing measured yet: one attempt is taken to last UNMEASURED_DURATION.
    answer = datetime.fromisoformat(body["answer_expected_at"])
    assert answer - datetime.fromisoformat(body["estimated_at"]) == UNMEASURED_DURATION


def test_a_lookup_held_back_by_the_breaker_is_offered_the_way_forward_at_once(
    logged_in: Client, person
):
    store(person)
    retry_at = timezone.now() + timedelta(minutes=20)
    SourceState.objects.create(
        pk=1, state="open", blocks_in_a_row=3, openings=1, retry_at=retry_at, version=1
    )

    card = logged_in.get(reverse("census:card")).text
    body = logged_in.get(reverse("census:status")).json()

    local = timezone.localtime(retry_at)
    assert "no está dejando hacer consultas automáticas por ahora" in card
    assert f"Lo intentaremos de nuevo hacia las {local:%H:%M}, pero puedes terminar" in card
    assert "Cuéntanos qué te salió" in card
    assert "hx-trigger" not in card
    assert body["way_forward"] == "site_refuses"
    assert (body["status"], body["queue_position"]) == ("pending", 1)
    assert datetime.fromisoformat(body["estimated_at"]) == retry_at


def test_a_lookup_held_back_by_a_changed_page_is_offered_the_way_forward_and_no_estimate(
    logged_in: Client, person
):
    store(person)
    SourceState.objects.create(
        pk=1, state="changed", changes_in_a_row=3, changed_at=timezone.now(), version=1
    )

    card = logged_in.get(reverse("census:card")).text
    body = logged_in.get(reverse("census:status")).json()

    assert "La página de consulta de la Registraduría cambió" in card
    assert "Tu consulta sigue en la cola" in card
    assert "Cuéntanos qué te salió" in card
    assert (body["way_forward"], body["queue_position"]) == ("page_changed", 1)
    assert body["estimated_at"] is None


def test_a_failed_attempt_tells_the_truth_and_the_next_try(logged_in: Client, person):
    store(
        person,
        attempts=1,
        last_failure_kind=FailureKind.BLOCKED,
        last_failure_message="bloqueada por un cortafuegos (código de soporte 123)",
        next_attempt_at=datetime(2026, 11, 29, 20, 30, tzinfo=UTC),
    )

    card = logged_in.get(reverse("census:card")).text

    assert "no permitió la consulta automática" in card
    assert "hacia las 15:30" in card  # Bogotá time
    assert "código de soporte" not in card


def test_an_exhausted_lookup_offers_the_official_portal(logged_in: Client, person):
    store(person, status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.UNAVAILABLE)

    card = logged_in.get(reverse("census:card")).text

    assert "No pudimos consultar tu lugar de votación" in card
    assert f'href="{official_page_url()}"' in card
    assert "Volver a consultar" in card
    assert "hx-trigger" not in card


def test_a_cancelled_cedula_shows_the_novedad(logged_in: Client, person):
    cancellation = Cancellation(
        novedad="Cancelada por Muerte", resolucion="0812", fecha="2019-05-02"
    )
    store(person, status=LookupStatus.CANCELLED, cancellation=cancellation)

    card = logged_in.get(reverse("census:card")).text

    assert "Cancelada por Muerte" in card
    assert "Resolución: 0812" in card


NOT_ENABLED = Restriction(
    reason="Vigente con pérdida o suspensión de los derechos políticos",
    resolucion="0456",
    fecha="10/02/2024",
)


def test_a_valid_cedula_whose_holder_may_not_vote_says_so_and_never_that_it_is_cancelled(
    logged_in: Client, person
):
    store(
        person,
        status=LookupStatus.NOT_ENABLED,
        restriction=NOT_ENABLED,
        fetched_at=datetime.now(UTC),
        source=AnswerSource.REGISTRADURIA,
    )

    card = logged_in.get(reverse("census:card")).text
    body = logged_in.get(reverse("census:status")).json()

    assert "Tu cédula está vigente, pero por ahora no puedes votar" in card
    assert "Vigente con pérdida o suspensión de los derechos políticos" in card
    assert "Resolución: 0456" in card
    assert "sigue vigente" in card
    assert "derechos políticos" in card
    assert "sentencia judicial" in card
    assert "puedes volver a votar" in card
    assert "pregunta en una sede de la Registraduría y lleva tu cédula original" in card
    assert f'href="{official_page_url()}"' in card
    assert "cancelada" not in card.replace("no está cancelada", "")
    assert "Consultado el" in card
    assert "hx-trigger" not in card
    assert (body["status"], body["cancellation"]) == ("not_enabled", None)
    assert body["restriction"] == {
        "reason": "Vigente con pérdida o suspensión de los derechos políticos",
        "resolucion": "0456",
        "fecha": "10/02/2024",
    }


def test_a_refresh_keeps_showing_that_the_person_may_not_vote(logged_in: Client, person):
    store(
        person,
        priority=Priority.REFRESH,
        restriction=NOT_ENABLED,
        fetched_at=datetime.now(UTC) - timedelta(days=9),
        source=AnswerSource.REGISTRADURIA,
    )

    card = logged_in.get(reverse("census:card")).text

    assert "Tu cédula está vigente, pero por ahora no puedes votar" in card
    assert "mientras tanto ves la última respuesta" in card
    assert "Tu cédula aparece cancelada" not in card


def test_the_admin_and_my_data_say_the_cedula_is_valid_but_may_not_vote(
    client: Client, logged_in: Client, person
):
    store(person, status=LookupStatus.NOT_ENABLED, restriction=NOT_ENABLED)

    mine = logged_in.get(reverse("accounts:my_data")).text
    as_operator(client)
    listing = client.get(reverse("admin:census_cedulainfo_changelist")).text

    assert "Vigente, sin derecho a votar" in listing
    assert "Vigente, sin derecho a votar" in mine
    assert "Cédula cancelada" not in mine


def test_the_card_links_to_the_census_configured(logged_in: Client, person, settings):
    settings.CENSUS = evolve(
        settings.CENSUS, scraper=evolve(settings.CENSUS.scraper, url="http://127.0.0.1:8765/")
    )
    store(person, status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.UNAVAILABLE)

    card = logged_in.get(reverse("census:card")).text

    assert official_page_url().startswith("http://127.0.0.1:8765/")
    assert f'href="{official_page_url()}"' in card
    assert "consultacenso.registraduria.gov.co" not in card


def test_the_status_json_describes_only_the_logged_in_person(
    logged_in: Client, person, other_person
):
    fetched = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        attempts=1,
        fetched_at=fetched,
        source=AnswerSource.REGISTRADURIA,
    )
    store(other_person, status=LookupStatus.NOT_FOUND, attempts=1, evidence="{secret}")

    body = logged_in.get(reverse("census:status")).json()

    assert body == {
        "status": "found",
        "voting_place": {
            "departamento": "ANTIOQUIA",
            "municipio": "MEDELLIN",
            "puesto": "IE INEM JOSE FELIX DE RESTREPO",
            "direccion": "CARRERA 48 # 1-125",
            "mesa": "7",
        },
        "cancellation": None,
        "restriction": None,
        "attempts": 1,
        "next_attempt_at": None,
        "fetched_at": "2026-11-29T15:00:00+00:00",
        "source": "registraduria",
        "queue_position": None,
        "estimated_at": None,
        "answer_expected_at": None,
        "way_forward": None,
    }


def test_the_status_json_says_pending_before_the_first_record_exists(logged_in: Client):
    body = logged_in.get(reverse("census:status")).json()

    assert (body["status"], body["source"]) == ("pending", None)


def test_a_refresh_right_after_a_lookup_is_refused_with_the_time(logged_in: Client, person):
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
    )

    response = logged_in.post(reverse("census:refresh"), follow=True)

    assert "Podrás pedir otra consulta desde" in response.text
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "found"
    assert not OrmQ.objects.exists()


def test_a_refresh_after_the_interval_requeues_only_my_lookup(
    logged_in: Client, person, other_person
):
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, requested_at=long_ago)
    store(other_person, status=LookupStatus.FOUND, voting_place=PLACE, requested_at=long_ago)

    response = logged_in.post(reverse("census:refresh"), follow=True)

    assert "Pedimos una nueva consulta" in response.text
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "pending"
    assert CedulaInfo.objects.get(cedula=other_person.cedula).status == "found"
    assert OrmQ.objects.count() == 1
    # The last answer stays visible while the new lookup runs.
    assert "IE INEM JOSE FELIX DE RESTREPO" in response.text


def test_a_refresh_while_a_lookup_runs_is_refused(logged_in: Client, person):
    store(person)

    response = logged_in.post(reverse("census:refresh"), follow=True)

    assert "Ya hay una consulta en curso" in response.text


def test_refreshing_takes_a_post(logged_in: Client):
    assert logged_in.get(reverse("census:refresh")).status_code == 405


@pytest.mark.parametrize("name", ["card", "status", "refresh", "report"])
def test_anonymous_census_requests_go_to_login(client: Client, name: str):
    response = client.post(reverse(f"census:{name}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_admin_action_asks_for_a_new_lookup_whatever_the_hourly_limit(
    client: Client, person, other_person
):
    as_operator(client)
    store(person, status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.BLOCKED)
    store(other_person, status=LookupStatus.FOUND, voting_place=PLACE)
    changelist = reverse("admin:census_cedulainfo_changelist")

    response = client.post(
        changelist,
        {"action": "request_again", "_selected_action": [person.cedula_info.pk]},
        follow=True,
    )

    assert "Se pidió una nueva consulta para 1 cédula(s)." in response.text
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "pending"
    assert CedulaInfo.objects.get(cedula=other_person.cedula).status == "found"
    detail = client.get(reverse("admin:census_cedulainfo_change", args=[person.cedula_info.pk]))
    assert detail.status_code == 200
    assert client.get(changelist, {"q": "Gaitán"}).text.count(person.cedula) >= 1


def request_again(client: Client, person: CustomUser):
    return client.post(
        reverse("admin:census_cedulainfo_changelist"),
        {"action": "request_again", "_selected_action": [person.cedula_info.pk]},
        follow=True,
    )


def test_staff_who_may_only_view_lookups_cannot_ask_for_a_new_one(client: Client, person):
    staff = as_staff_with(client, "view_cedulainfo")
    store(person, status=LookupStatus.FOUND, voting_place=PLACE)

    changelist = staff.get(reverse("admin:census_cedulainfo_changelist"))
    response = request_again(staff, person)

    assert changelist.status_code == 200
    assert 'value="request_again"' not in changelist.text
    assert "Se pidió una nueva consulta" not in response.text
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "found"


def test_staff_who_may_change_lookups_ask_for_a_new_one(client: Client, person):
    staff = as_staff_with(client, "view_cedulainfo", "change_cedulainfo")
    store(person, status=LookupStatus.FOUND, voting_place=PLACE)

    changelist = staff.get(reverse("admin:census_cedulainfo_changelist"))
    response = request_again(staff, person)

    assert 'value="request_again"' in changelist.text
    assert "Se pidió una nueva consulta para 1 cédula(s)." in response.text
    assert CedulaInfo.objects.get(cedula=person.cedula).status == "pending"


def test_demo_mode_says_on_every_page_that_answers_are_simulated(client: Client, settings):
    settings.CENSUS = evolve(settings.CENSUS, simulated=True)

    page = client.get(reverse("accounts:login")).text

    assert "Modo demostración" in page
    assert "simulador del censo" in page


def test_real_mode_shows_no_simulator_banner(client: Client):
    assert "Modo demostración" not in client.get(reverse("accounts:login")).text


def test_django_q_admin_stays_available_to_operators(client: Client):
    as_operator(client)

    assert client.get("/admin/django_q/schedule/").status_code == 200
    assert client.get("/admin/django_q/failure/").status_code == 200


def test_only_superusers_may_edit_what_the_worker_runs(client: Client):
    django_q_codenames = Permission.objects.filter(content_type__app_label="django_q").values_list(
        "codename", flat=True
    )
    staff = as_staff_with(Client(), *django_q_codenames)
    as_operator(client)
    add_schedule = reverse("admin:django_q_schedule_add")

    assert staff.get(add_schedule).status_code == 403
    assert staff.post(add_schedule, {"func": "os.system", "args": "'true'"}).status_code == 403
    assert staff.get(reverse("admin:django_q_schedule_changelist")).status_code == 403
    assert staff.get(reverse("admin:django_q_ormq_changelist")).status_code == 403
    assert "django_q" not in staff.get(reverse("admin:index")).text
    assert client.get(add_schedule).status_code == 200
    assert client.get(reverse("admin:django_q_ormq_changelist")).status_code == 200


@pytest.mark.parametrize(
    ("ahead", "wait", "sentence"),
    [
        (
            37,
            timedelta(minutes=9, seconds=15),
            "Hay 37 consultas antes que la tuya: unos 9 minutos.",
        ),
        (1, timedelta(seconds=70), "Hay 1 consulta antes que la tuya: un minuto."),
    ],
)
def test_a_longer_wait_reads_in_minutes(ahead: int, wait: timedelta, sentence: str):
    now = timezone.now()

    assert line_sentence(PlaceInLine(ahead=ahead, estimated_at=now + wait), now) == sentence


def test_a_paused_source_gives_no_estimate():
    assert "Pausamos por un momento" in line_sentence(PlaceInLine.paused(ahead=3), timezone.now())


@pytest.mark.parametrize("novedad", CANCELLATION_REASONS.values())
def test_every_novedad_seen_in_the_wild_reads_in_plain_words(novedad: str):
    assert cancellation_meaning(Cancellation(novedad=novedad.upper()))


def test_a_refresh_available_only_after_midnight_says_the_day():
    late_evening = datetime(2026, 3, 2, 4, 50, tzinfo=UTC)  # 23:50 of March 1st in Bogotá

    words = moment_words(late_evening + timedelta(minutes=20), late_evening)

    assert words == "el 2 de marzo a las 00:10"
