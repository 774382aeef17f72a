"""`/` for a visitor: what the portal is, who runs it, that it is not the Registraduría, and
the way in; the operator's identity on every page; the demo's page of test cédulas."""

from __future__ import annotations

import pytest
from attrs import evolve
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts.identity.views import DataPolicyView
from census.demo import ANSWERS, TROUBLE
from census_sim.census import MODE_TRIGGERS, entry_for
from pagina_madre.bootstrap.census_lookup import official_page_url

pytestmark = pytest.mark.django_db

OPERATOR = {
    "OPERATOR_NAME": "Fundación Ejemplo de Colombia",
    "OPERATOR_ID": "NIT 900.123.456-7",
    "OPERATOR_ADDRESS": "Calle 10 # 5-20, Bogotá",
    "OPERATOR_EMAIL": "datos@ejemplo.org.co",
    "OPERATOR_PHONE": "+576011234567",
}


@pytest.fixture
def operator(settings) -> dict[str, str]:
    for name, value in OPERATOR.items():
        setattr(settings, name, value)
    return OPERATOR


def test_a_visitor_at_the_root_meets_the_landing_page(client: Client, operator):
    response = client.get("/")

    assert response.status_code == 200
    assert 'data-testid="portada"' in response.text
    assert "No es la Registraduría Nacional del Estado Civil" in response.text
    assert "Fundación Ejemplo de Colombia" in response.text
    assert f'href="{reverse("accounts:register")}"' in response.text
    assert f'href="{reverse("accounts:login")}"' in response.text
    assert f'href="{official_page_url()}"' in response.text


SIMULATOR = "http://127.0.0.1:8765/"


def census_at(settings, url: str) -> None:
    settings.CENSUS = evolve(settings.CENSUS, scraper=evolve(settings.CENSUS.scraper, url=url))


@pytest.mark.parametrize("url", ["/", "/politica-de-datos/"])
def test_the_landing_page_and_the_data_policy_link_to_the_census_configured(
    client: Client, settings, url: str
):
    census_at(settings, SIMULATOR)

    page = client.get(url).text

    assert official_page_url().startswith(SIMULATOR)
    assert f'href="{official_page_url()}"' in page
    assert "consultacenso.registraduria.gov.co" not in page


def test_a_logged_in_person_at_the_root_keeps_their_home_page(logged_in: Client):
    response = logged_in.get("/")

    assert "Hola, Jorge" in response.text
    assert 'data-testid="portada"' not in response.text


def test_logging_in_still_lands_on_the_home_page(client: Client, person):
    response = client.post(
        reverse("accounts:login"), {"username": "1234567", "password": "Clave-segura-2026"}
    )

    assert response.url == reverse("census:home") == "/"
    assert "Hola, Jorge" in client.get(response.url).text


@pytest.mark.parametrize("url", ["/", "/ingresar/", "/registro/", "/politica-de-datos/"])
def test_every_page_says_who_runs_the_portal_and_how_to_reach_them(
    client: Client, operator, url: str
):
    page = client.get(url).text

    footer = page[page.index('data-testid="pie"') :]
    assert "Fundación Ejemplo de Colombia" in footer
    assert "NIT 900.123.456-7" in footer
    assert "Calle 10 # 5-20, Bogotá" in footer
    assert 'href="mailto:datos@ejemplo.org.co"' in footer
    assert "601 123 4567" in footer
    assert "No es la Registraduría" in footer


def test_the_data_policy_names_the_operator_as_the_one_responsible(client: Client, operator):
    page = client.get(reverse("accounts:data_policy")).text

    responsible = page[page.index('data-testid="responsable"') :]
    responsible = responsible[: responsible.index("</ul>")]
    for value in ("Fundación Ejemplo de Colombia", "NIT 900.123.456-7", "datos@ejemplo.org.co"):
        assert value in responsible


def forbidden(*args: object, **kwargs: object) -> None:
    raise PermissionDenied


@pytest.mark.parametrize("url", ["/", "/politica-de-datos/", "403"])
def test_citizens_never_read_a_placeholder_where_the_operator_is_not_configured(
    client: Client, settings, monkeypatch, url: str
):
    for name in OPERATOR:
        setattr(settings, name, "")
    settings.OPERATOR_EMAIL = "datos@ejemplo.org.co"
    if url == "403":
        monkeypatch.setattr(DataPolicyView, "get", forbidden)
        url = reverse("accounts:data_policy")

    page = client.get(url).text

    assert "OPERATOR_" not in page
    assert "falta" not in page
    assert "pendientes" not in page
    assert "No es la Registraduría" in page
    assert 'href="mailto:datos@ejemplo.org.co"' in page


def test_a_portal_without_any_operator_setting_names_nobody_and_offers_no_address(
    client: Client, settings
):
    for name in OPERATOR:
        setattr(settings, name, "")

    page = client.get("/").text
    policy = client.get(reverse("accounts:data_policy")).text

    assert "lo opera" not in page
    for shown in (page, policy):
        assert "OPERATOR_" not in shown
        assert "mailto:" not in shown
    assert "Por otros medios" not in policy


def test_staff_read_which_operator_settings_are_pending_on_every_page_and_in_the_admin(
    client: Client, settings
):
    from accounts.models import CustomUser

    for name in OPERATOR:
        setattr(settings, name, "")
    settings.OPERATOR_NAME = "Fundación Ejemplo de Colombia"
    staff = CustomUser.objects.create_user(
        "5555555", None, nombre_completo="Ana Staff", telefono="+573001112233", is_staff=True
    )
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    notice = client.get(reverse("accounts:data_policy")).text.split(
        'data-testid="operador-pendiente">'
    )[1]
    admin = client.get(reverse("admin:index")).text

    pending = "Datos del responsable pendientes: OPERATOR_ID, OPERATOR_ADDRESS, OPERATOR_EMAIL."
    assert notice.startswith(pending)
    assert pending in admin


def test_the_demo_banner_links_to_the_page_of_test_cedulas(client: Client, settings):
    settings.CENSUS = evolve(settings.CENSUS, simulated=True)

    banner = client.get("/").text.split('data-testid="simulador"')[1].split("</div>")[0]
    demo = client.get(reverse("census:demo"))

    assert f'href="{reverse("census:demo")}"' in banner
    assert demo.status_code == 200
    for listed in (*ANSWERS, *TROUBLE):
        assert listed.cedula in demo.text
        assert listed.shows in demo.text


def test_a_real_portal_has_no_page_of_test_cedulas(client: Client):
    assert client.get(reverse("census:demo")).status_code == 404


@pytest.mark.parametrize("listed", ANSWERS, ids=lambda listed: listed.cedula)
def test_each_demo_answer_is_what_the_simulator_answers(listed):
    assert entry_for(listed.cedula).standing.value == listed.answer


@pytest.mark.parametrize("listed", TROUBLE, ids=lambda listed: listed.cedula)
def test_each_demo_trouble_is_the_mode_the_simulator_triggers(listed):
    assert MODE_TRIGGERS[listed.cedula].value == listed.answer


def test_staff_read_no_notice_once_the_operator_is_configured(client: Client, operator):
    from accounts.models import CustomUser

    staff = CustomUser.objects.create_user(
        "5555555", None, nombre_completo="Ana Staff", telefono="+573001112233", is_staff=True
    )
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    assert "operador-pendiente" not in client.get(reverse("accounts:data_policy")).text
    assert "pendientes" not in client.get(reverse("admin:index")).text
