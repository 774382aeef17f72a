"""One tone (tú) and neutral words everywhere, Django's and the libraries' strings included
(pagina_madre/locale); "Página Madre" with its accent; months in lowercase; the phone in
one national format."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from integration.portal.census_support import as_operator
from integration.portal.registration_support import registration_data
from portal.phones import national

pytestmark = pytest.mark.django_db

# Django's own Spanish, in usted or Spain's Spanish, that must not reach a person.
USTED = ("Contraseña antigua", "vuelva a introducirla", "Su contraseña", "ingrese", "Asegúrese")


def test_a_new_account_is_welcomed_in_neutral_words(client: Client):
    page = client.post(reverse("accounts:register"), registration_data(), follow=True).text

    assert "Te damos la bienvenida, María. Tu cuenta está lista." in page
    assert "Bienvenid" not in page


# The new password of a recovery says the same (test_password_recovery.py).
@pytest.mark.parametrize("url", ["accounts:register"])
def test_password_rules_speak_to_the_person_as_tu(client: Client, url: str):
    page = client.get(reverse(url)).text

    assert "Tu contraseña debe tener al menos 8 caracteres." in page
    assert "Tu contraseña no puede parecerse a tu cédula ni a tu nombre." in page
    for words in USTED:
        assert words not in page


def test_the_password_change_speaks_as_tu(logged_in: Client):
    form = logged_in.get(reverse("accounts:profile")).text
    refused = logged_in.post(
        reverse("accounts:profile"),
        {"formulario": "clave", "old_password": "x", "new_password1": "1234", "new_password2": "1"},
    ).text

    assert "Contraseña actual" in form
    assert "Repite la contraseña nueva" in form
    assert "Tu contraseña actual no es correcta. Escríbela de nuevo." in refused
    assert "Las dos contraseñas no coinciden" in refused
    for words in USTED:
        assert words not in form + refused


def test_the_portal_writes_its_name_with_the_accent(client: Client):
    page = client.get(reverse("accounts:login")).text

    assert re.search(r"<title>[^<]* · Página Madre</title>", page)
    assert "Pagina Madre" not in page


def test_months_are_written_in_lowercase():
    with translation.override("es-co"):
        written = formats.date_format(datetime(2026, 11, 29, 14, 35), "DATETIME_FORMAT")

    assert written == "29 de noviembre de 2026 a las 14:35"


def test_the_admin_speaks_spanish(client: Client):
    page = as_operator(client).get(reverse("admin:index")).text

    assert "Página Madre: administración" in page
    for spanish in ("Ingresos y bloqueos", "Intentos de ingreso", "Ingresos fallidos"):
        assert spanish in page
    for english in ("Access attempts", "Access failures", "Axes", "Otp_Totp", "Successful tasks"):
        assert english not in page


def test_the_admin_writes_months_in_lowercase(client: Client, person):
    page = (
        as_operator(client).get(reverse("admin:accounts_customuser_change", args=[person.pk])).text
    )

    assert re.search(r"\d+ de [a-z]+ de \d{4} a las", page)
    assert re.search(r"\d+ de [A-Z][a-z]+ de \d{4}", page) is None


@pytest.mark.parametrize(
    ("number", "written"),
    [
        ("+573001234567", "300 123 4567"),
        ("3001234567", "300 123 4567"),
        ("300-123-4567", "300 123 4567"),
        ("+576011234567", "601 123 4567"),
        ("+12025550100", "+12025550100"),
        ("no es un número", "no es un número"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_phone_is_written_in_one_national_format(number: str | None, written: str):
    assert national(number) == written


def test_the_phone_reads_the_same_on_every_page_that_shows_it(logged_in: Client):
    home = logged_in.get(reverse("census:home")).text
    profile = logged_in.get(reverse("accounts:profile")).text

    assert "300 111 2233" in home
    assert 'value="300 111 2233"' in profile
    assert "+573001112233" not in home + profile
