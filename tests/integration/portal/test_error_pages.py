"""What went wrong, said in Spanish with the right status and a way back: a page not found,
a page not allowed, an address opened with the wrong method, a refused form, a failure."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts.identity.views import DataPolicyView

pytestmark = pytest.mark.django_db

WAY_BACK = 'href="/">Ir al inicio</a>'


def test_a_page_not_found_answers_in_spanish_with_a_way_back(client: Client):
    response = client.get("/no-existe/")

    assert response.status_code == 404
    assert "No encontramos esta página" in response.text
    assert WAY_BACK in response.text


def test_a_page_not_allowed_answers_in_spanish(client: Client, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionDenied

    monkeypatch.setattr(DataPolicyView, "get", refuse)

    response = client.get(reverse("accounts:data_policy"))

    assert response.status_code == 403
    assert "No tienes permiso para ver esta página" in response.text
    assert WAY_BACK in response.text


@pytest.mark.parametrize("url", ["/censo/actualizar/", "/referidos/enlace-nuevo/"])
def test_an_address_for_a_button_opened_in_the_browser_answers_a_spanish_405(
    logged_in: Client, url: str
):
    response = logged_in.get(url)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "Esta dirección no se abre así" in response.text
    assert WAY_BACK in response.text
    assert "no-store" in response["Cache-Control"]


def test_the_405_page_leaves_other_answers_alone(logged_in: Client):
    assert logged_in.get("/censo/estado.json").status_code == 200


def test_a_form_refused_by_the_csrf_check_says_why_in_spanish(person):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "1234567", "password": "x"})

    assert response.status_code == 403
    assert "El formulario venció y no lo recibimos" in response.text
    assert "recárgala y envía el formulario de nuevo" in response.text


def test_a_failure_of_the_server_answers_a_spanish_page_naming_the_operator(monkeypatch, settings):
    settings.OPERATOR_NAME = "Fundación Ejemplo"

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a failure for the 500 page")

    monkeypatch.setattr(DataPolicyView, "get", fail)
    client = Client(raise_request_exception=False)

    response = client.get(reverse("accounts:data_policy"))

    assert response.status_code == 500
    assert "Algo salió mal de nuestro lado" in response.text
    assert "Fundación Ejemplo" in response.text
    assert 'href="/">Ir al inicio</a>' in response.text
