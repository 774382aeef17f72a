"""/perfil/mis-datos/ and its download: everything we hold about the person, from every
app, and nothing about anyone else beyond the names they may know."""

from __future__ import annotations

import json

import pytest
from axes.models import AccessLog
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser
from accounts.privacy.consents import accept_policy
from accounts.privacy.data_sections import SHOWN_ITEMS
from cedula_domain import AnswerSource, LookupStatus
from census.models import CedulaInfo
from integration.portal.census_support import PLACE, store
from integration.referrals.referral_support import brought, make_person
from referrals.services import link_for, share_voting_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(person: CustomUser) -> CustomUser:
    accept_policy(user=person)
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, source=AnswerSource.REGISTRADURIA)
    referrer = make_person("5555555", "Ana María Ríos")
    link_for(owner=referrer)
    brought(referrer, person)
    share_voting_place(person=person, share=True)
    share_voting_place(person=person, share=False)
    link_for(owner=person)
    brought(person, make_person("7777777", "Invitada Uno"))
    return person


def test_the_download_holds_every_section_with_its_dates(member, logged_in: Client):
    response = logged_in.get(reverse("accounts:my_data_json"))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["cuenta"]["cédula"] == "1234567"
    assert data["cuenta"]["teléfono"] == "+573001112233"
    [acceptance] = data["autorizaciones_de_la_política_de_datos"]
    assert acceptance["aceptada_el"].endswith("-05:00")  # Colombia's time
    lookup = data["consulta_del_censo"]
    assert lookup["lugar_de_votación"]["puesto"] == PLACE.puesto
    assert lookup["origen_del_dato"] == "Registraduría"
    referrals = data["referidos"]
    # Named as their link named them: by the first name.
    assert referrals["quién_te_invitó"]["nombre"] == "Ana"
    assert referrals["quién_te_invitó"]["le_compartes_el_resultado_de_tu_consulta"] is False
    changes = referrals["quién_te_invitó"]["historial_de_tu_autorización"]
    assert [change["cambio"] for change in changes] == ["Autorizó", "Retiró la autorización"]
    assert [p["nombre"] for p in referrals["personas_que_invitaste"]] == ["Invitada Uno"]
    # People are named as the person knows them: no one else's cédula or phone.
    assert "7777777" not in response.text
    assert "5555555" not in response.text


ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def test_the_page_tells_the_person_in_plain_words_and_leaves_the_technical_copy_to_the_download(
    member, logged_in: Client
):
    AccessLog.objects.create(
        username=member.cedula, ip_address="203.0.113.7", user_agent=ANDROID_CHROME
    )
    CedulaInfo.objects.filter(user=member).update(evidence='{"mesa": "12"}')

    page = logged_in.get(reverse("accounts:my_data")).text
    data = json.loads(logged_in.get(reverse("accounts:my_data_json")).content)

    for words in (
        "Tu cuenta",
        "Tus autorizaciones de la política de datos",
        "Tu consulta del censo electoral",
        "Referidos",
        "Jorge Eliécer Gaitán",
        "300 111 2233",
        PLACE.puesto,
        "Te invitó",
        "Retiraste la autorización",
        "Invitada Uno",
        "con un navegador Chrome en Android",
        "Para qué",
        "Quién lo ve",
        "Guardamos la respuesta original 30 días",
        "Descargar una copia de tus datos (JSON)",
        "Eliminar mi cuenta y todos mis datos",
    ):
        assert words in page, words
    for technical in (
        "+573001112233",
        "203.0.113.7",
        "Dirección IP",
        "Mozilla/5.0",
        '{"mesa"',
        "Líder",
        "Ríos",
    ):
        assert technical not in page, technical
    logins = [(entry["dirección_IP"], entry["navegador"]) for entry in data["ingresos"]["ingresos"]]
    assert ("203.0.113.7", ANDROID_CHROME) in logins
    assert data["consulta_del_censo"]["respuesta_original_guardada"] == '{"mesa": "12"}'


def test_a_person_with_no_lookup_or_referrals_gets_the_sections_they_have(logged_in: Client):
    data = json.loads(logged_in.get(reverse("accounts:my_data_json")).content)

    assert "consulta_del_censo" not in data
    assert data["referidos"]["quién_te_invitó"] is None
    assert data["autorizaciones_de_la_política_de_datos"] == []


def test_a_long_list_shows_its_first_items_and_leads_to_the_download_that_holds_every_one(
    person: CustomUser, logged_in: Client, django_assert_max_num_queries
):
    link_for(owner=person)
    people = [make_person(str(7_000_000 + n), f"Invitada {n:02d}") for n in range(SHOWN_ITEMS + 5)]
    brought(person, *people)

    with django_assert_max_num_queries(15):
        page = logged_in.get(reverse("accounts:my_data")).text
    data = json.loads(logged_in.get(reverse("accounts:my_data_json")).content)

    assert "Invitada 00" in page
    assert f"Invitada {SHOWN_ITEMS - 1:02d}" in page
    assert f"Invitada {SHOWN_ITEMS:02d}" not in page
    more = page[page.index("Y 5 más") :].split("</li>")[0]
    assert f'<a href="{reverse("accounts:my_data_json")}" download>' in more
    invited = data["referidos"]["personas_que_invitaste"]
    assert [entry["nombre"] for entry in invited] == [each.nombre_completo for each in people]
