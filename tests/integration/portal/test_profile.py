from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client: Client, person: CustomUser) -> Client:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_person_edits_name_and_phone(logged_in: Client, person: CustomUser):
    response = logged_in.post(
        reverse("accounts:profile"),
        {"nombre_completo": "  Jorge   E. Gaitán ", "telefono": "601 234 5678"},
        follow=True,
    )

    assert "Tus datos quedaron actualizados." in response.text
    person.refresh_from_db()
    assert person.nombre_completo == "Jorge E. Gaitán"
    assert str(person.telefono) == "+576012345678"
    assert person.cedula == "1234567"


def test_a_bad_phone_on_the_profile_changes_nothing(logged_in: Client, person: CustomUser):
    response = logged_in.post(
        reverse("accounts:profile"), {"nombre_completo": "Nuevo Nombre", "telefono": "12"}
    )

    assert response.status_code == 200
    assert "Escribe un número de teléfono colombiano válido" in response.text
    person.refresh_from_db()
    assert person.nombre_completo == "Jorge Eliécer Gaitán"


def test_a_person_changes_the_password_and_stays_logged_in(logged_in: Client, person):
    response = logged_in.post(
        reverse("accounts:change_password"),
        {
            "old_password": "Clave-segura-2026",
            "new_password1": "Nueva-clave-2027",
            "new_password2": "Nueva-clave-2027",
        },
        follow=True,
    )

    assert "Tu contraseña quedó cambiada." in response.text
    person.refresh_from_db()
    assert person.check_password("Nueva-clave-2027")
    assert logged_in.get(reverse("census:home")).status_code == 200


def test_a_wrong_old_password_changes_nothing(logged_in: Client, person):
    response = logged_in.post(
        reverse("accounts:change_password"),
        {
            "old_password": "otra",
            "new_password1": "Nueva-clave-2027",
            "new_password2": "Nueva-clave-2027",
        },
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password("Clave-segura-2026")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("1234567", "Tu contraseña se parece demasiado a tu cédula."),
        ("Jorge Eliécer Gaitán", "Tu contraseña se parece demasiado a tu nombre completo."),
    ],
)
def test_a_new_password_like_the_cedula_or_the_name_is_refused_and_nothing_changes(
    logged_in: Client, person, password: str, message: str
):
    response = logged_in.post(
        reverse("accounts:change_password"),
        {"old_password": "Clave-segura-2026", "new_password1": password, "new_password2": password},
    )

    assert response.status_code == 200
    assert message in response.text
    person.refresh_from_db()
    assert person.check_password("Clave-segura-2026")
