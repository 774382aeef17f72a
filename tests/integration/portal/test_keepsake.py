""" "Guárdalo": from a found card, a page to print and an image to keep, each with the
person's name, the puesto, its address, the mesa, the election and the map link as a QR
code; never the cédula; only the person's own, and none without a place."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from PIL import Image

from accounts.models import CustomUser
from cedula_domain import AnswerSource, LookupStatus
from census.presenter import directions_url
from integration.portal.census_support import PLACE, store
from polling_places.models import PollingPlaceList

pytestmark = pytest.mark.django_db

CEDULA = "1020304050"
CONFIRMED = datetime(2026, 3, 2, 15, 40, tzinfo=UTC)  # 10:40 in Bogotá
PAGE = reverse("census:keepsake")
IMAGE = reverse("census:keepsake_image")
OFFLINE = reverse("census:offline_card")


@pytest.fixture
def person() -> CustomUser:
    return CustomUser.objects.create_user(
        CEDULA,
        "Clave-segura-2026",
        nombre_completo="Policarpa Salavarrieta Ríos",
        telefono="+573104567890",
    )


@pytest.fixture
def client_of(client: Client, person: CustomUser) -> Client:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


def found(person: CustomUser) -> None:
    store(
        person,
        status=LookupStatus.FOUND,
        voting_place=PLACE,
        source=AnswerSource.REGISTRADURIA,
        fetched_at=CONFIRMED,
    )


def test_the_printable_card_has_the_place_the_election_and_the_map_but_no_cedula(
    client_of: Client, person: CustomUser
):
    found(person)
    PollingPlaceList.objects.create(
        election="congreso-2026", name="Congreso 2026", published_on=date(2026, 1, 15)
    )

    page = client_of.get(PAGE)

    assert page.status_code == 200
    html = page.text
    for shown in (
        "Policarpa Salavarrieta Ríos",
        PLACE.puesto,
        PLACE.direccion,
        f"{PLACE.municipio}, {PLACE.departamento}",
        "Congreso 2026",
        "Lugar confirmado el 2 de marzo de 2026, 10:40.",
    ):
        assert shown in html
    assert 'data-testid="mesa">7<' in html
    assert "<svg" in html
    assert "Código QR" in html
    assert CEDULA not in html
    # Printed without the site's frame; the button is a static script's, not inline.
    assert "census/css/keepsake.css" in html
    assert "census/js/keepsake.js" in html
    assert "data-imprimir hidden" in html
    assert "Sin conexión" not in html


def test_the_election_the_settings_announce_names_the_card(
    client_of: Client, person: CustomUser, settings
):
    found(person)
    settings.ELECTION_NAME = "Congreso de la República 2026"

    assert "Elección: Congreso de la República 2026" in client_of.get(PAGE).text


def test_the_image_is_a_png_whose_qr_code_is_the_map_link(client_of: Client, person: CustomUser):
    found(person)

    response = client_of.get(IMAGE)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert 'filename="mi-lugar-de-votacion.png"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert 20_000 < len(response.content) < 300_000
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.width == 1080
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [directions_url(PLACE)]


def test_the_card_kept_offline_says_it_is_offline_and_when_it_was_kept(
    client_of: Client, person: CustomUser
):
    found(person)

    html = client_of.get(OFFLINE).text

    assert "Sin conexión: esta es tu tarjeta guardada el " in html
    assert "Lugar confirmado el 2 de marzo de 2026, 10:40." in html
    assert PLACE.puesto in html
    assert CEDULA not in html
    # No way to download offline; nothing of another page (its messages wait for it).
    assert IMAGE not in html


def test_a_message_waiting_for_the_home_page_is_not_kept_on_the_card(
    client_of: Client, person: CustomUser
):
    found(person)
    client_of.post(reverse("census:refresh"))

    assert "Ya consultamos hace poco" not in client_of.get(OFFLINE).text
    assert "Ya consultamos hace poco" in client_of.get(reverse("census:home")).text


@pytest.mark.parametrize("address", [PAGE, IMAGE, OFFLINE])
def test_there_is_nothing_to_keep_while_no_place_was_found(client_of: Client, person, address):
    store(person, status=LookupStatus.NOT_FOUND, fetched_at=CONFIRMED)

    assert client_of.get(address).status_code == 404


@pytest.mark.parametrize("address", [PAGE, IMAGE, OFFLINE])
def test_a_visitor_is_sent_to_log_in(client: Client, address):
    response = client.get(address)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_found_card_offers_to_keep_it(client_of: Client, person: CustomUser):
    found(person)

    html = client_of.get(reverse("census:home")).text

    assert f'href="{PAGE}"' in html
    assert f'href="{IMAGE}"' in html
    assert "Guardar en este celular para verla sin conexión" in html
    assert 'data-worker="/sw.js"' in html


def test_a_card_without_a_place_offers_nothing_to_keep(client_of: Client, person: CustomUser):
    store(person, status=LookupStatus.NOT_FOUND, fetched_at=CONFIRMED)

    html = client_of.get(reverse("census:home")).text

    assert PAGE not in html
    assert "Guardar en este celular" not in html
