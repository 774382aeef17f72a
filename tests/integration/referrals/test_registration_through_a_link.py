from __future__ import annotations

import re

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from integration.portal.registration_support import registration_data
from integration.referrals.referral_support import code_of, make_person, my_link
from referrals.invitations import SESSION_KEY
from referrals.models import Referral, SharingConsentEntry

pytestmark = pytest.mark.django_db

NEW_PERSON = "1234567890"


@pytest.fixture
def ana() -> CustomUser:
    return make_person("43210987", "Ana María Ríos")


@pytest.fixture
def ana_link(ana: CustomUser) -> str:
    client = Client()
    client.force_login(ana, backend="django.contrib.auth.backends.ModelBackend")
    return my_link(client)


def open_link(client: Client, link: str) -> None:
    response = client.get(link)
    assert response.status_code == 302
    assert response.url == reverse("accounts:register")


def register(client: Client, **overrides) -> CustomUser:
    response = client.post(reverse("accounts:register"), registration_data(**overrides))
    assert response.status_code == 302, response.content.decode()
    return CustomUser.objects.get(cedula=NEW_PERSON)


def test_a_link_leads_to_registration_saying_who_invited_with_an_unticked_consent(
    client: Client, ana_link: str
):
    open_link(client, ana_link)

    page = client.get(reverse("accounts:register")).content.decode()

    assert "Te invitó Ana" in page
    assert "Su resultado solo lo verá si lo autorizas abajo." in page
    assert (
        "Autorizo que Ana vea el resultado de mi consulta: mi lugar de votación, o "
        "si no aparezco en el censo, mi cédula está cancelada o no tengo derecho a votar"
    ) in page
    assert "retirar esta autorización cuando quieras" in page
    checkbox = re.search(r'<input type="checkbox" name="compartir_con_referente"[^>]*>', page)
    assert checkbox
    assert "checked" not in checkbox.group(0)


@pytest.mark.parametrize(
    ("full_name", "first_name"),
    [
        ("Ana María Rodríguez Pérez", "Ana"),
        ("  María   José Gómez ", "María"),
        ("Shakira", "Shakira"),
    ],
)
def test_a_visitor_of_a_link_reads_its_owners_first_name_and_nothing_more_of_the_name(
    client: Client, full_name: str, first_name: str
):
    owner = Client()
    owner.force_login(
        make_person("72123456", full_name), backend="django.contrib.auth.backends.ModelBackend"
    )
    open_link(client, my_link(owner))

    response = client.get(reverse("accounts:register"))
    refused = client.post(
        reverse("accounts:register"),
        registration_data(nombre_completo="Carlos Ruiz", password2="otra"),
    )

    for page in (response.content.decode(), refused.content.decode()):
        assert f"Te invitó {first_name}</p>" in page
        assert f"Autorizo que {first_name} vea el resultado de mi consulta" in page
        other_words = [word for word in full_name.split() if word != first_name]
        assert not [word for word in other_words if word in page]


def test_registering_through_a_link_fixes_the_referral_without_consent_by_default(
    client: Client, ana: CustomUser, ana_link: str
):
    open_link(client, ana_link)

    person = register(client)

    referral = Referral.objects.get(referred=person)
    assert referral.referrer == ana
    assert not SharingConsentEntry.objects.exists()


def test_ticking_the_box_records_the_consent_with_its_time(client: Client, ana_link: str):
    open_link(client, ana_link)

    person = register(client, compartir_con_referente="on")

    entry = SharingConsentEntry.objects.get(referral__referred=person)
    assert entry.change == "granted"
    assert entry.at == Referral.objects.get(referred=person).created_at


def test_without_a_link_there_is_no_invitation_and_no_consent_box(client: Client):
    page = client.get(reverse("accounts:register")).content.decode()

    assert "Te invitó" not in page
    assert "compartir_con_referente" not in page
    register(client, compartir_con_referente="on")
    assert not Referral.objects.exists()


@pytest.mark.parametrize("code", ["AAAAbbbbCCCCdddd", "no-es-un-codigo", "1234567890"])
def test_an_unknown_or_forged_code_still_lets_the_person_register_without_referrer(
    client: Client, ana: CustomUser, code: str
):
    open_link(client, f"/r/{code}/")

    assert "Te invitó" not in client.get(reverse("accounts:register")).content.decode()
    register(client)
    assert not Referral.objects.exists()


def test_a_revoked_link_still_lets_the_person_register_without_referrer(
    client: Client, ana: CustomUser, ana_link: str
):
    owner = Client()
    owner.force_login(ana, backend="django.contrib.auth.backends.ModelBackend")
    owner.post(reverse("referrals:new_link"))

    open_link(client, ana_link)

    assert "Te invitó" not in client.get(reverse("accounts:register")).content.decode()
    register(client)
    assert not Referral.objects.exists()


def test_the_first_link_opened_wins(client: Client, ana: CustomUser, ana_link: str):
    beto = make_person("72123456", "Beto Pérez")
    beto_client = Client()
    beto_client.force_login(beto, backend="django.contrib.auth.backends.ModelBackend")
    open_link(client, ana_link)

    open_link(client, my_link(beto_client))

    assert Referral.objects.get(referred=register(client)).referrer == ana


def test_a_later_link_wins_when_the_first_one_was_revoked_meanwhile(
    client: Client, ana: CustomUser, ana_link: str
):
    beto = make_person("72123456", "Beto Pérez")
    beto_client = Client()
    beto_client.force_login(beto, backend="django.contrib.auth.backends.ModelBackend")
    open_link(client, ana_link)
    ana_client = Client()
    ana_client.force_login(ana, backend="django.contrib.auth.backends.ModelBackend")
    ana_client.post(reverse("referrals:new_link"))

    open_link(client, my_link(beto_client))

    assert Referral.objects.get(referred=register(client)).referrer == beto


def test_a_link_is_used_once_per_browser_the_next_registration_there_has_no_referrer(
    client: Client, ana_link: str
):
    open_link(client, ana_link)
    register(client)
    client.post(reverse("accounts:logout"))

    client.post(reverse("accounts:register"), registration_data(cedula="98765432"))

    assert CustomUser.objects.filter(cedula="98765432").exists()
    assert not Referral.objects.filter(referred__cedula="98765432").exists()


def test_a_person_cannot_register_again_through_their_own_link(
    client: Client, ana: CustomUser, ana_link: str
):
    open_link(client, ana_link)

    response = client.post(reverse("accounts:register"), registration_data(cedula=ana.cedula))

    assert response.status_code == 200
    assert "Ya existe una cuenta registrada con esta cédula." in response.content.decode()
    assert not Referral.objects.exists()


def test_a_logged_in_person_opening_a_link_keeps_nothing_of_it(
    client: Client, ana: CustomUser, ana_link: str
):
    beto = make_person("72123456", "Beto Pérez")
    client.force_login(beto, backend="django.contrib.auth.backends.ModelBackend")

    client.get(ana_link)

    assert SESSION_KEY not in client.session


def test_the_account_and_its_referral_are_written_together_or_not_at_all(
    client: Client, ana_link: str, mocker
):
    open_link(client, ana_link)
    # The referral fails to be written after the account was created in the transaction.
    mocker.patch(
        "referrals.views.record_referral", side_effect=IntegrityError("referral not written")
    )

    with pytest.raises(IntegrityError):
        client.post(reverse("accounts:register"), registration_data())

    assert not CustomUser.objects.filter(cedula=NEW_PERSON).exists()
    assert client.session[SESSION_KEY] == code_of(ana_link)


def test_the_invitation_shows_the_inviters_name_escaped(client: Client):
    make_person("72123456", "<b>Beto</b> Pérez")
    beto_client = Client()
    beto_client.force_login(
        CustomUser.objects.get(cedula="72123456"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    open_link(client, my_link(beto_client))

    page = client.get(reverse("accounts:register")).content.decode()

    assert "<b>Beto</b>" not in page
    assert "Te invitó &lt;b&gt;Beto&lt;/b&gt;" in page
