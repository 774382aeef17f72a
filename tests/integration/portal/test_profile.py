from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from integration.portal.registration_support import PASSWORD
from integration.portal.sms_support import Outbox

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
OLD_PHONE = "+573001112233"  # the person fixture's
NEW_PHONE = "+573107654321"


@pytest.fixture
def logged_in(client: Client, person: CustomUser) -> Client:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_person_edits_name_and_phone(logged_in: Client, person: CustomUser):
    response = logged_in.post(
        reverse("accounts:profile"),
        {
            "nombre_completo": "  Jorge   E. Gaitán ",
            "telefono": "601 234 5678",
            "current_password": PASSWORD,
        },
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


def session_on_another_device(person: CustomUser) -> Client:
    device = Client()
    device.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return device


def is_logged_in(device: Client) -> bool:
    # The home page also greets visitors; the profile sends them to log in.
    return device.get(PROFILE).status_code == 200


def change_phone(device: Client, **password: str) -> object:
    data = {"nombre_completo": "Otro Nombre", "telefono": "310 765 4321", **password}
    return device.post(PROFILE, data)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ({}, "Escribe tu contraseña actual para cambiar tu teléfono."),
        (
            {"current_password": "adivinada"},
            "La contraseña no es correcta. No cambiamos tu teléfono.",
        ),
    ],
)
def test_a_phone_change_without_the_right_password_is_refused_and_changes_nothing(
    logged_in: Client, person: CustomUser, outbox: Outbox, password: dict[str, str], message: str
):
    owner_elsewhere = session_on_another_device(person)

    response = change_phone(logged_in, **password)

    assert response.status_code == 200
    assert message in response.text
    # What was typed comes back, but the password.
    assert 'value="Otro Nombre"' in response.text
    assert 'value="310 765 4321"' in response.text
    person.refresh_from_db()
    assert (person.nombre_completo, str(person.telefono)) == ("Jorge Eliécer Gaitán", OLD_PHONE)
    assert person.check_password(PASSWORD)
    assert outbox.messages() == []
    assert is_logged_in(owner_elsewhere)


def test_a_stolen_session_cannot_move_the_phone_and_the_owners_change_shuts_it_out(
    client: Client, person: CustomUser, outbox: Outbox
):
    """The takeover of issue 19: a session without the password changed the phone, then
    recovery by SMS to the new phone gave it the account for good."""
    thief = session_on_another_device(person)
    owner = client
    owner.force_login(person, backend="django.contrib.auth.backends.ModelBackend")

    refused = change_phone(thief)
    thief.post(reverse("accounts:recovery"), {"cedula": person.cedula})

    assert refused.status_code == 200
    person.refresh_from_db()
    assert (person.nombre_completo, str(person.telefono)) == ("Jorge Eliécer Gaitán", OLD_PHONE)
    # Recovery texts the phone the account has: the owner's; the thief's number got nothing.
    assert [sms["to"] for sms in outbox.messages()] == [OLD_PHONE]
    assert is_logged_in(thief)

    changed = change_phone(owner, current_password=PASSWORD)

    assert changed.status_code == 302
    person.refresh_from_db()
    assert (person.nombre_completo, str(person.telefono)) == ("Otro Nombre", NEW_PHONE)
    assert person.check_password(PASSWORD)
    *_, told = outbox.messages(to=OLD_PHONE)
    assert "el teléfono de tu cuenta se cambió por otro número" in told["text"]
    assert "reclama tu cuenta en http://testserver/reclamar/" in told["text"]
    assert person.cedula not in told["text"]
    assert "765" not in told["text"]  # nor the new number
    assert is_logged_in(owner)
    assert not is_logged_in(thief)


def test_a_name_change_needs_no_password_and_keeps_every_session(
    logged_in: Client, person: CustomUser, outbox: Outbox
):
    elsewhere = session_on_another_device(person)

    response = logged_in.post(
        PROFILE, {"nombre_completo": "Otro Nombre", "telefono": "300 111 2233"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.nombre_completo == "Otro Nombre"
    assert outbox.messages() == []
    assert is_logged_in(elsewhere)


def test_guessing_the_password_through_the_phone_change_is_limited(
    logged_in: Client, person: CustomUser, settings, outbox: Outbox
):
    settings.LOGIN_RATE = "2/h"
    wrong = {"nombre_completo": "Otro", "telefono": "310 765 4321", "current_password": "x"}
    for _ in range(2):
        assert logged_in.post(PROFILE, wrong).status_code == 200

    right = logged_in.post(PROFILE, {**wrong, "current_password": PASSWORD})

    assert right.status_code == 429
    person.refresh_from_db()
    assert str(person.telefono) == OLD_PHONE
