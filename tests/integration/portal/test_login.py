from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client: Client, cedula: str, password: str, **extra: str):
    return client.post(LOGIN, {"username": cedula, "password": password, **extra})


def test_a_person_logs_in_with_the_cedula_written_with_dots(client: Client, person: CustomUser):
    response = log_in(client, "1.234.567", "Clave-segura-2026")

    assert response.status_code == 302
    assert response.url == reverse("census:home")
    assert client.get(reverse("census:home")).context["user"] == person


def test_a_wrong_password_gets_one_message_that_reveals_nothing(client: Client, person: CustomUser):
    wrong_password = log_in(client, "1234567", "no-es-la-clave")
    unknown_cedula = log_in(client, "7654321", "no-es-la-clave")

    for response in (wrong_password, unknown_cedula):
        assert response.status_code == 200
        assert "La cédula o la contraseña no son correctas." in response.text


def test_without_remember_me_the_session_ends_with_the_browser(client: Client, person):
    log_in(client, "1234567", "Clave-segura-2026")

    assert client.session.get_expire_at_browser_close()


def test_remember_me_keeps_the_session_until_election_day(client: Client, person):
    log_in(client, "1234567", "Clave-segura-2026", remember_me="on")

    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 120 * 24 * 60 * 60
    assert client.cookies["sessionid"]["max-age"] == 120 * 24 * 60 * 60


def test_a_password_hashed_with_older_parameters_is_rehashed_at_login(
    client: Client, person: CustomUser
):
    # Django's own argon2 parameters (100 MiB, 8 lanes), as hashes made before ours read.
    person.password = Argon2PasswordHasher().encode("Clave-segura-2026", "salinasdezipaquira")
    person.save(update_fields=["password"])

    assert log_in(client, "1234567", "Clave-segura-2026").status_code == 302

    person.refresh_from_db()
    assert person.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert person.check_password("Clave-segura-2026")


def test_logging_out_takes_a_post_and_ends_the_session(client: Client, person):
    log_in(client, "1234567", "Clave-segura-2026")

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    home = client.get(reverse("census:home"))
    assert not home.context["user"].is_authenticated
    assert 'data-testid="portada"' in home.text


@pytest.mark.parametrize("cedula", ["1234567", "7654321"])
def test_repeated_failures_lock_the_cedula_out_whether_or_not_it_exists(
    client: Client, person: CustomUser, settings, cedula: str
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, cedula, "no-es-la-clave")

    response = log_in(client, cedula, "Clave-segura-2026")

    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_counts_the_cedula_however_it_is_written(client: Client, person, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "1.234.567" if attempt % 2 else " 1 234 567 ", "no-es-la-clave")

    assert log_in(client, "1234567", "Clave-segura-2026").status_code == 429


def test_a_cedula_that_cannot_exist_is_just_a_failed_login(client: Client):
    response = log_in(client, "abc\u0663", "x")

    assert response.status_code == 200
    assert "La cédula o la contraseña no son correctas." in response.text


@pytest.mark.parametrize("url", ["/perfil/", "/referidos/", "/admin/"])
def test_private_pages_send_anonymous_visitors_to_log_in(client: Client, url: str):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN) or response.url.startswith("/admin/login/")


@pytest.mark.parametrize(
    "url", ["/ingresar/", "/registro/", "/politica-de-datos/", "/static/portal/css/portal.css"]
)
def test_public_pages_open_without_logging_in(client: Client, url: str):
    assert client.get(url).status_code == 200


def test_an_unknown_page_answers_in_spanish(client: Client):
    response = client.get("/no-existe/")

    assert response.status_code in (302, 404)


def test_a_post_without_csrf_token_is_refused(person):
    client = Client(enforce_csrf_checks=True)

    response = client.post(LOGIN, {"username": "1234567", "password": "Clave-segura-2026"})

    assert response.status_code == 403
