"""Every form of the portal sent with mistakes, in the GOV.UK pattern: a summary at the top
linking to each field, "Error:" first in the title, nothing marked valid, what the person
typed kept except passwords, and a sentence saying those were emptied."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from integration.portal.registration_support import PASSWORD, registration_data
from referrals.services import link_for

pytestmark = pytest.mark.django_db

PASSWORDS_EMPTIED = "Por seguridad vaciamos los campos de contraseña"

# A visitor's forms, each sent with mistakes, and the fields its summary must link to.
VISITOR_FORMS = {
    "registro": (
        "accounts:register",
        registration_data(cedula="12ab", telefono="", password2="Otra-2026", acepta_politica=None),
        {"id_cedula", "id_telefono", "id_password2", "id_acepta_politica"},
    ),
    "ingreso": ("accounts:login", {"username": "1234567", "password": "mala"}, {"id_username"}),
    "recuperacion": ("accounts:recovery", {"cedula": ""}, {"id_cedula"}),
    "codigo de recuperacion": (
        "accounts:recovery_code",
        {"cedula": "", "code": "12"},
        {"id_cedula", "id_code"},
    ),
    "reclamo": (
        "accounts:claim",
        {"cedula": "", "nombre_completo": "", "telefono": "", "message": ""},
        {"id_cedula", "id_nombre_completo", "id_telefono", "id_message", "id_acepta_politica"},
    ),
}


def summary_of(page: str) -> str:
    match = re.search(r'<div class="error-summary.*?</div>', page, re.S)
    assert match, "the page has no error summary"
    return match.group(0)


def linked_fields(page: str) -> set[str]:
    return set(re.findall(r'href="#([\w-]+)"', summary_of(page)))


def title_of(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match
    return match.group(1)


def password_values(page: str) -> list[str]:
    return re.findall(r'<input type="password"[^>]*\svalue=', page)


@pytest.mark.parametrize("form", VISITOR_FORMS.values(), ids=VISITOR_FORMS.keys())
def test_a_form_sent_with_mistakes_opens_on_a_summary_linking_to_each_field(
    client: Client, form: tuple[str, dict, set[str]]
):
    url, data, fields = form

    page = client.post(reverse(url), data).text

    assert 'role="alert"' in summary_of(page)
    assert "Hay un problema" in summary_of(page)
    assert linked_fields(page) == fields
    for field in fields:
        assert f'id="{field}"' in page
    assert title_of(page).startswith("Error: ")


@pytest.mark.parametrize("form", VISITOR_FORMS.values(), ids=VISITOR_FORMS.keys())
def test_no_field_of_a_refused_form_is_ever_marked_valid(
    client: Client, form: tuple[str, dict, set[str]]
):
    url, data, _fields = form

    page = client.post(reverse(url), data).text

    assert "is-valid" not in page
    assert "is-invalid" in page or url == "accounts:login"


def test_what_the_person_typed_comes_back_except_the_passwords_and_the_page_says_so(
    client: Client,
):
    data = registration_data(cedula="1.234.567.890", telefono="300 123 4567", password2="Otra-2026")

    page = client.post(reverse("accounts:register"), data).text

    assert 'value="María Fernanda López"' in page
    assert 'value="1.234.567.890"' in page
    assert 'value="300 123 4567"' in page
    assert password_values(page) == []
    assert PASSWORDS_EMPTIED in summary_of(page)
    assert not CustomUser.objects.exists()


def test_a_refused_login_empties_the_password_and_says_so(client: Client, person):
    page = client.post(reverse("accounts:login"), {"username": "1.234.567", "password": "x"}).text

    assert 'value="1.234.567"' in page
    assert password_values(page) == []
    assert PASSWORDS_EMPTIED in summary_of(page)
    assert "La cédula o la contraseña no son correctas." in summary_of(page)


def test_a_form_without_passwords_says_nothing_about_them(client: Client):
    page = client.post(reverse("accounts:recovery"), {"cedula": "abc"}).text

    assert PASSWORDS_EMPTIED not in page


def test_a_form_not_yet_sent_has_no_summary_and_no_error_in_its_title(client: Client):
    page = client.get(reverse("accounts:register")).text

    assert 'data-testid="error-summary"' not in page
    assert not title_of(page).startswith("Error")
    assert page.count("autofocus") == 1
    assert re.search(r'<input[^>]*name="nombre_completo"[^>]*autofocus', page)


def test_a_registration_sent_back_takes_no_field_focus_from_its_summary(client: Client):
    page = client.post(reverse("accounts:register"), registration_data(cedula="")).text

    assert "autofocus" not in page


def test_a_form_sent_back_does_not_take_the_focus_from_its_summary(client: Client):
    page = client.post(reverse("accounts:login"), {"username": "", "password": ""}).text

    assert "autofocus" not in page


def test_registration_through_a_referral_link_has_the_same_summary(client: Client, person):
    client.get(reverse("referrals:follow", args=[link_for(owner=person).code]))

    page = client.post(reverse("accounts:register"), registration_data(cedula="")).text

    assert 'data-testid="invitacion"' in page
    assert linked_fields(page) == {"id_cedula"}
    assert PASSWORDS_EMPTIED in summary_of(page)


def test_a_failed_password_change_stays_at_the_profiles_address(logged_in: Client, person):
    data = {
        "formulario": "clave",
        "old_password": "no-es",
        "new_password1": "Nueva-clave-2027",
        "new_password2": "Nueva-clave-2027",
    }

    response = logged_in.post(reverse("accounts:profile"), data)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/perfil/"
    assert linked_fields(response.text) == {"id_old_password"}
    assert "Tu contraseña actual no es correcta. Escríbela de nuevo." in response.text
    assert PASSWORDS_EMPTIED in summary_of(response.text)
    assert title_of(response.text).startswith("Error: ")
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_the_password_change_works_from_the_profile_page(logged_in: Client, person):
    data = {
        "formulario": "clave",
        "old_password": PASSWORD,
        "new_password1": "Nueva-clave-2027",
        "new_password2": "Nueva-clave-2027",
    }

    response = logged_in.post(reverse("accounts:profile"), data, follow=True)

    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Tu contraseña quedó cambiada." in response.text
    person.refresh_from_db()
    assert person.check_password("Nueva-clave-2027")


def test_the_former_password_address_opened_leads_to_the_form_on_the_profile(logged_in: Client):
    response = logged_in.get(reverse("accounts:change_password"))

    assert response.status_code == 302
    assert response.url == "/perfil/#cambiar-clave"


def test_a_profile_with_mistakes_links_to_them_and_keeps_the_other_form_quiet(logged_in: Client):
    page = logged_in.post(
        reverse("accounts:profile"), {"nombre_completo": " ", "telefono": "12"}
    ).text

    assert linked_fields(page) == {"id_nombre_completo", "id_telefono"}
    assert "Escribe tu nombre completo." in summary_of(page)
    assert PASSWORDS_EMPTIED not in page
    assert "is-valid" not in page


def test_a_wrong_verification_code_opens_on_the_summary(logged_in: Client, settings):
    settings.PHONE_VERIFICATION = True

    page = logged_in.post(reverse("accounts:phone_verification"), {"code": "12"}).text

    assert linked_fields(page) == {"id_code"}
    assert title_of(page).startswith("Error: ")


def test_the_password_rules_are_told_under_the_field_where_the_password_is_chosen(
    client: Client,
):
    data = registration_data(password1="12345678", password2="12345678")

    page = client.post(reverse("accounts:register"), data).text

    assert linked_fields(page) == {"id_password1"}
    assert "Tu contraseña no puede tener solo números." in summary_of(page)
