"""What the login says as failures add up, and the lockout page: tries left from the
third failure, when to try again in Colombia's time, the way to a new password; the same
for a cédula with an account and one without."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.identity.login import duration_words, retry_time_words
from accounts.models import CustomUser
from integration.portal.registration_support import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
BOGOTA = ZoneInfo("America/Bogota")
REFUSED = "La cédula o la contraseña no son correctas."


def log_in(client: Client, cedula: str, password: str = "no-es-la-clave"):
    return client.post(LOGIN, {"username": cedula, "password": password})


def error_summary(response) -> str:
    """The text of the page's error summary (the first thing a refused form shows)."""
    match = re.search(r'data-testid="error-summary">(.*?)</ul>', response.text, re.S)
    assert match, "no error summary"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1)))


@pytest.mark.parametrize("cedula", ["1234567", "7654321"])
def test_from_the_third_failure_the_login_says_how_many_tries_remain(
    client: Client, person: CustomUser, cedula: str
):
    said = [error_summary(log_in(client, cedula)) for _ in range(4)]

    assert all(REFUSED in text for text in said)
    assert "intento" not in said[0] + said[1]
    assert "Te quedan 2 intentos; después tendrás que esperar 1 hora" in said[2]
    assert "Te queda 1 intento; después tendrás que esperar 1 hora" in said[3]
    assert "¿Olvidaste tu contraseña?" in said[3]


def test_the_words_are_the_same_whether_or_not_the_cedula_has_an_account(
    person: CustomUser,
):
    def pages(cedula: str, address: str) -> list[str]:
        client = Client(REMOTE_ADDR=address)
        texts = [log_in(client, cedula).text for _ in range(5)]
        return [re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text.replace(cedula, "C")) for text in texts]

    assert pages("1234567", "192.0.2.1") == pages("7654321", "192.0.2.2")


def test_a_form_refused_before_any_login_attempt_says_nothing_of_tries(client: Client, person):
    for _ in range(3):
        log_in(client, "1234567")

    response = client.post(LOGIN, {"username": "1234567", "password": ""})

    assert "Escribe tu contraseña." in response.text
    assert "intento" not in error_summary(response)


def test_the_lockout_page_says_when_to_try_again_in_local_time_and_leads_to_recovery(
    client: Client, person: CustomUser, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "1234567")
    fifth = log_in(client, "1234567")
    # As if the fifth failure, which started the lockout, was 25 minutes ago.
    locked_at = timezone.now() - timedelta(minutes=25)
    AccessAttempt.objects.update(attempt_time=locked_at)

    later = log_in(client, "1234567", PASSWORD)

    for response in (fifth, later):
        assert response.status_code == 429
        assert "Demasiados intentos fallidos" in response.text
        recovery = f'class="btn btn-primary w-100" href="{reverse("accounts:recovery")}"'
        assert recovery in response.text
        assert "conexión" not in response.text
    ends = (locked_at + timedelta(hours=1)).astimezone(BOGOTA)
    today = timezone.now().astimezone(BOGOTA).date()
    when = f"a las {ends:%H:%M}" if ends.date() == today else f"mañana a las {ends:%H:%M}"
    assert f"Podrás volver a intentarlo <strong>{when}</strong>" in later.text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("ends_at", "words"),
    [
        (datetime(2026, 12, 4, 21, 40, tzinfo=UTC), "a las 16:40"),
        (datetime(2026, 12, 5, 5, 30, tzinfo=UTC), "mañana a las 00:30"),
        (datetime(2026, 12, 7, 0, 5, tzinfo=UTC), "el 6 de diciembre a las 19:05"),
    ],
)
def test_the_end_of_a_lockout_is_said_in_colombias_time(ends_at: datetime, words: str):
    now = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)  # 16:00 in Bogotá

    assert retry_time_words(ends_at, now) == words


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (timedelta(hours=1), "1 hora"),
        (timedelta(hours=2), "2 horas"),
        (timedelta(minutes=30), "30 minutos"),
        (timedelta(minutes=1), "1 minuto"),
        (timedelta(minutes=90), "1 hora y 30 minutos"),
    ],
)
def test_a_wait_is_said_as_people_say_it(span: timedelta, words: str):
    assert duration_words(span) == words
