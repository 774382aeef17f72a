from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from accounts.privacy.policy import POLICY_VERSION

pytestmark = pytest.mark.django_db


def test_registering_creates_the_account_and_logs_the_person_in(register, client: Client):
    response = register()

    assert response.status_code == 302
    assert response.url == reverse("census:home")
    user = CustomUser.objects.get()
    assert user.cedula == "1234567890"
    assert user.nombre_completo == "María Fernanda López"
    assert str(user.telefono) == "+573001234567"
    [acceptance] = user.policy_acceptances.all()
    assert acceptance.version == POLICY_VERSION
    assert acceptance.accepted_at is not None
    assert user.check_password("Clave-segura-2026")
    assert user.password.startswith("argon2")
    home = client.get(reverse("census:home"))
    assert home.status_code == 200
    assert "María Fernanda López" in home.text


def test_a_second_account_with_the_same_cedula_is_refused_keeping_the_other_fields(
    register, client: Client
):
    register()
    client.post(reverse("accounts:logout"))

    response = register(cedula="1234567890", nombre_completo="Otra Persona")

    assert response.status_code == 200
    assert "Ya existe una cuenta registrada con esta cédula." in response.text
    assert 'value="Otra Persona"' in response.text
    assert CustomUser.objects.count() == 1


@pytest.mark.parametrize(
    ("cedula", "message"),
    [
        ("12AB567", "La cédula solo puede tener números"),
        ("١٢٣٤٥٦", "La cédula solo puede tener números"),
        ("0123456", "La cédula no puede empezar por cero."),
        ("12", "La cédula debe tener entre 3 y 10 dígitos."),
        ("12345678901", "La cédula debe tener entre 3 y 10 dígitos."),
        ("", "Escribe tu número de cédula."),
    ],
)
def test_an_invalid_cedula_is_explained_and_nothing_is_saved(register, cedula, message):
    response = register(cedula=cedula)

    assert response.status_code == 200
    assert message in response.text
    assert 'value="María Fernanda López"' in response.text
    assert not CustomUser.objects.exists()


@pytest.mark.parametrize("telefono", ["12345", "300 123", "abc", "+1 202 555 0100"])
def test_a_phone_that_is_not_colombian_is_refused(register, telefono):
    response = register(telefono=telefono)

    assert response.status_code == 200
    assert "Escribe un número de teléfono colombiano válido" in response.text
    assert not CustomUser.objects.exists()


def test_mismatched_passwords_are_refused(register):
    response = register(password2="Otra-clave-2026")

    assert response.status_code == 200
    assert "Las dos contraseñas no coinciden" in response.text
    assert not CustomUser.objects.exists()


def test_a_weak_password_is_refused_in_spanish(register):
    response = register(password1="12345678", password2="12345678")

    assert response.status_code == 200
    assert "Esa contraseña es de las más usadas" in response.text
    assert not CustomUser.objects.exists()


def test_registering_requires_accepting_the_data_policy(register):
    response = register(acepta_politica=None)

    assert response.status_code == 200
    assert "Debes aceptar la política de datos para registrarte." in response.text
    assert not CustomUser.objects.exists()


def test_the_registration_page_links_to_the_data_policy(client: Client):
    response = client.get(reverse("accounts:register"))

    assert response.status_code == 200
    assert reverse("accounts:data_policy") in response.text
    assert "data-digits-only" in response.text


def test_a_logged_in_person_visiting_registration_goes_home(register, client: Client):
    register()

    response = client.get(reverse("accounts:register"))

    assert response.status_code == 302
    assert response.url == reverse("census:home")


def test_an_operator_account_needs_a_valid_cedula_too(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Admin-clave-2026")
    arguments = {"nombre_completo": "Operadora", "telefono": "3001234567", "interactive": False}

    with pytest.raises(CommandError, match="La cédula solo puede tener números"):
        call_command("createsuperuser", cedula="admin", **arguments)
    call_command("createsuperuser", cedula="1010101", stdout=StringIO(), **arguments)

    assert list(CustomUser.objects.values_list("cedula", "is_superuser")) == [("1010101", True)]


def test_registering_without_remember_me_ends_the_session_with_the_browser(
    register, client: Client
):
    register()

    assert client.session.get_expire_at_browser_close()
    assert not client.cookies["sessionid"]["max-age"]


def test_registering_with_remember_me_keeps_the_session_until_election_day(
    register, client: Client
):
    register(remember_me="on")

    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == 120 * 24 * 60 * 60
    assert client.cookies["sessionid"]["max-age"] == 120 * 24 * 60 * 60


def test_the_registration_form_offers_remember_me_unticked(client: Client):
    page = client.get(reverse("accounts:register")).text

    box = re.search(r'<input[^>]*name="remember_me"[^>]*>', page)
    assert "Recordarme en este dispositivo" in page
    assert box is not None
    assert "checked" not in box.group()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("1234567890", "Tu contraseña se parece demasiado a tu cédula."),
        ("maria fernanda lopez", "Tu contraseña se parece demasiado a tu nombre completo."),
        ("MaríaFernanda", "Tu contraseña se parece demasiado a tu nombre completo."),
    ],
)
def test_a_password_like_the_cedula_or_the_name_is_refused_and_nothing_is_saved(
    register, password: str, message: str
):
    response = register(password1=password, password2=password)

    assert response.status_code == 200
    assert message in response.text
    assert not CustomUser.objects.exists()
