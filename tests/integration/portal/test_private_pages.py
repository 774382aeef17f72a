from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def assert_not_stored(response) -> None:
    cache_control = response.headers.get("Cache-Control", "")
    assert "no-store" in cache_control
    assert "private" in cache_control


@pytest.mark.parametrize(
    "name", ["census:home", "census:card", "census:status", "accounts:profile"]
)
def test_every_page_showing_a_persons_data_tells_browsers_not_to_store_it(
    logged_in: Client, name: str
):
    response = logged_in.get(reverse(name))

    assert response.status_code == 200
    assert_not_stored(response)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("accounts:profile", {"nombre_completo": "Jorge Gaitán", "telefono": "12"}),
        ("accounts:change_password", {"old_password": "otra"}),
        ("census:refresh", {}),
        ("census:report", {"resultado": "encontrado"}),
        ("census:report_place", {"mesa": "12"}),
    ],
)
def test_what_a_person_posts_is_not_stored_either(logged_in: Client, name: str, data: dict):
    assert_not_stored(logged_in.post(reverse(name), data))


def test_a_person_logging_in_gets_a_response_that_is_not_stored(client: Client, person):
    response = client.post(
        reverse("accounts:login"), {"username": person.cedula, "password": "Clave-segura-2026"}
    )

    assert response.status_code == 302
    assert_not_stored(response)


def test_public_pages_for_anonymous_visitors_stay_cacheable(client: Client):
    response = client.get(reverse("accounts:data_policy"))

    assert "no-store" not in response.headers.get("Cache-Control", "")
