"""A cédula someone else registered: the claim, the staff queue, the hand-over and its trail."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any
from unittest.mock import ANY

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.claims.services import submit_claim
from accounts.models import CedulaClaim, ClaimDecision, CustomUser, IssuedCode
from accounts.phone.codes import forget_old_codes
from accounts.phone.texts import send_due_texts
from accounts.privacy.policy import POLICY_VERSION
from cedula_domain import AnswerSource, LookupStatus
from cedula_domain.priority import Priority
from census.models import CedulaInfo
from integration.portal.census_support import PLACE, as_operator, as_staff_with, store
from integration.portal.sms_support import Outbox, SmsService
from integration.referrals.referral_support import code_of, link_in, make_person
from referrals.models import Leader, Referral, SharingConsentEntry
from referrals.services import link_for, record_referral

pytestmark = pytest.mark.django_db

CLAIM = reverse("accounts:claim")
CLAIMS = reverse("admin:accounts_cedulaclaim_changelist")
CLAIMANT_PHONE = "+573105551234"
SQUATTER_PASSWORD = "Clave-segura-2026"  # the person fixture's


def claim_data(**overrides: str | None) -> dict[str, str]:
    data = {
        "cedula": "1.234.567",
        "nombre_completo": "Ana María Pérez",
        "telefono": "310 555 1234",
        "message": "Alguien registró mi cédula; yo nunca tuve cuenta aquí.",
        "acepta_politica": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def a_claim(cedula: str = "1234567", full_name: str = "Ana María Pérez") -> CedulaClaim:
    return submit_claim(
        cedula=cedula, full_name=full_name, phone=CLAIMANT_PHONE, message="Es mi cédula."
    )


def decide(staff: Client, action: str, *claims: CedulaClaim, note: str = "Verificado"):
    """The admin's two steps: choose the action, then confirm it on its own page."""
    chosen = {"action": action, "_selected_action": [claim.pk for claim in claims]}
    confirmation = staff.post(CLAIMS, chosen)
    done = staff.post(CLAIMS, {**chosen, "confirm": "yes", "note": note}, follow=True)
    return confirmation, done


def can_log_in(password: str) -> bool:
    credentials = {"username": "1234567", "password": password}
    return Client().post(reverse("accounts:login"), credentials).status_code == 302


def test_registering_a_taken_cedula_says_how_to_claim_it_or_recover_the_password(
    register, person: CustomUser
):
    response = register(cedula="1.234.567")

    assert "Ya existe una cuenta registrada con esta cédula." in response.text
    assert 'data-testid="cedula-con-cuenta"' in response.text
    assert f'href="{CLAIM}"' in response.text
    assert f'href="{reverse("accounts:recovery")}"' in response.text


def test_a_registration_with_a_free_cedula_does_not_mention_claims(register):
    response = register(password2="no-coincide")

    assert 'data-testid="cedula-con-cuenta"' not in response.text


def test_a_claim_is_received_and_waits_for_staff(client: Client, person: CustomUser):
    response = client.post(CLAIM, claim_data(), follow=True)

    assert response.redirect_chain == [(reverse("accounts:claim_received"), 302)]
    assert "Recibimos tu reclamo" in response.text
    claim = CedulaClaim.objects.get()
    assert (claim.cedula, claim.full_name, str(claim.phone)) == (
        "1234567",
        "Ana María Pérez",
        CLAIMANT_PHONE,
    )
    assert claim.status == CedulaClaim.Status.PENDING
    assert claim.policy_version == POLICY_VERSION
    assert claim.policy_accepted_at is not None
    person.refresh_from_db()
    assert person.nombre_completo == "Jorge Eliécer Gaitán"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"acepta_politica": None}, "Debes aceptar la política de datos para enviar el reclamo."),
        ({"cedula": "12AB"}, "La cédula solo puede tener números"),
        ({"telefono": "+1 202 555 0100"}, "Escribe un número de teléfono colombiano válido"),
        ({"nombre_completo": "   "}, "Escribe tu nombre completo."),
        ({"message": "x" * 1001}, "Escribe como máximo 1000 caracteres (escribiste 1001)."),
    ],
)
def test_a_claim_with_bad_data_is_explained_and_nothing_is_saved(
    client: Client, overrides: dict[str, str | None], message: str
):
    response = client.post(CLAIM, claim_data(**overrides))

    assert response.status_code == 200
    assert message in response.text
    assert not CedulaClaim.objects.exists()


def test_claims_are_limited_per_client_address(client: Client, settings):
    settings.CLAIM_RATE = "1/h"
    client.post(CLAIM, claim_data())

    response = client.post(CLAIM, claim_data(cedula="7654321"))

    assert response.status_code == 429
    assert CedulaClaim.objects.count() == 1


def test_staff_hand_the_account_over_to_the_claimant(
    client: Client, person: CustomUser, outbox: Outbox
):
    squatter = Client()
    squatter.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    claim = a_claim()
    staff = as_operator(client)

    confirmation, done = decide(staff, "hand_over", claim, note="Cédula física verificada")

    assert confirmation.status_code == 200
    assert "Vas a entregar la cuenta de la cédula" in confirmation.text
    assert "Ana María Pérez" in confirmation.text
    assert "La cuenta empieza de cero" in confirmation.text
    assert "El código por SMS para que el reclamante cree su contraseña va en camino" in done.text
    person.refresh_from_db()
    assert person.nombre_completo == "Ana María Pérez"
    assert str(person.telefono) == CLAIMANT_PHONE
    assert not person.has_usable_password()
    assert not can_log_in(SQUATTER_PASSWORD)
    assert not squatter.get(reverse("census:home")).context["user"].is_authenticated
    [sms] = outbox.messages()
    assert sms["to"] == CLAIMANT_PHONE
    assert "http://testserver/recuperar/codigo/" in sms["text"]
    claim.refresh_from_db()
    assert claim.status == CedulaClaim.Status.HANDED_OVER
    assert claim.decided_at is not None


def test_a_hand_over_leaves_an_audit_row_and_admin_log_entries(
    client: Client, person: CustomUser, outbox: Outbox
):
    claim = a_claim()
    staff = as_operator(client)

    decide(staff, "hand_over", claim, note="Cédula física verificada")

    decision = ClaimDecision.objects.get()
    operator = CustomUser.objects.get(cedula="1010101")
    assert decision.claim == claim
    assert decision.kind == ClaimDecision.Kind.HAND_OVER
    assert decision.decided_by == operator
    assert decision.decided_at == CedulaClaim.objects.get().decided_at
    assert decision.note == "Cédula física verificada"
    assert decision.account == person
    assert decision.previous_full_name == "Jorge Eliécer Gaitán"
    assert str(decision.previous_phone) == "+573001112233"
    logged = {
        (entry.content_type.model, entry.object_id): entry.get_change_message()
        for entry in LogEntry.objects.filter(user=operator)
    }
    assert "Cuenta entregada al reclamante" in logged["cedulaclaim", str(claim.pk)]
    assert "contraseña anulada" in logged["customuser", str(person.pk)]


def test_the_claimant_sets_a_password_with_the_code_and_is_in(
    client: Client, person: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    claimant = hand_over_and_log_in(client, outbox, django_capture_on_commit_callbacks)

    home = claimant.get(reverse("census:home"))
    assert home.context["user"].nombre_completo == "Ana María Pérez"
    assert can_log_in(CLAIMANT_PASSWORD)


def test_staff_reject_a_claim_and_the_account_stays_as_it_was(
    client: Client, person: CustomUser, outbox: Outbox
):
    claim = a_claim()
    staff = as_operator(client)

    _, done = decide(staff, "reject", claim, note="No presentó documentos")

    assert "Reclamos rechazados: 1." in done.text
    claim.refresh_from_db()
    assert claim.status == CedulaClaim.Status.REJECTED
    decision = ClaimDecision.objects.get()
    assert decision.kind == ClaimDecision.Kind.REJECTION
    assert decision.note == "No presentó documentos"
    assert decision.decided_by.cedula == "1010101"
    person.refresh_from_db()
    assert person.nombre_completo == "Jorge Eliécer Gaitán"
    assert can_log_in(SQUATTER_PASSWORD)
    assert outbox.messages() == []
    assert LogEntry.objects.filter(object_id=str(claim.pk)).exists()


def test_choosing_the_action_alone_changes_nothing(client: Client, person: CustomUser, outbox):
    claim = a_claim()

    confirmation = as_operator(client).post(
        CLAIMS, {"action": "hand_over", "_selected_action": [claim.pk]}
    )

    assert confirmation.status_code == 200
    assert CedulaClaim.objects.get().status == CedulaClaim.Status.PENDING
    assert not ClaimDecision.objects.exists()
    assert can_log_in(SQUATTER_PASSWORD)


def test_a_decided_claim_cannot_be_decided_again(client: Client, person: CustomUser, outbox):
    claim = a_claim()
    staff = as_operator(client)
    decide(staff, "reject", claim)

    _, again = decide(staff, "hand_over", claim)

    assert "Ese reclamo ya estaba decidido." in again.text
    assert ClaimDecision.objects.count() == 1
    assert can_log_in(SQUATTER_PASSWORD)


def test_an_account_is_handed_over_one_claim_at_a_time(client: Client, person, outbox):
    first, second = a_claim(), a_claim(full_name="Otra Persona")

    _, done = decide(as_operator(client), "hand_over", first, second)

    assert "Elige un solo reclamo para entregar una cuenta." in done.text
    assert not ClaimDecision.objects.exists()


def test_a_cedula_without_account_has_nothing_to_hand_over(client: Client, outbox: Outbox):
    claim = a_claim(cedula="7654321")

    _, done = decide(as_operator(client), "hand_over", claim)

    assert "Ninguna cuenta tiene ya esa cédula" in done.text
    assert CedulaClaim.objects.get().status == CedulaClaim.Status.PENDING
    assert outbox.messages() == []


def test_staff_who_may_only_view_claims_cannot_decide_them(
    client: Client, person: CustomUser, outbox
):
    claim = a_claim()
    staff = as_staff_with(client, "view_cedulaclaim")

    listing = staff.get(CLAIMS)
    decide(staff, "hand_over", claim)

    assert listing.status_code == 200
    assert "Entregar la cuenta al reclamante" not in listing.text
    assert CedulaClaim.objects.get().status == CedulaClaim.Status.PENDING
    assert can_log_in(SQUATTER_PASSWORD)


def test_staff_with_the_decide_permission_can_hand_over(client: Client, person, outbox):
    claim = a_claim()
    staff = as_staff_with(client, "view_cedulaclaim", "decide_cedulaclaim")

    decide(staff, "hand_over", claim)

    assert CedulaClaim.objects.get().status == CedulaClaim.Status.HANDED_OVER
    assert ClaimDecision.objects.get().decided_by.cedula == "2020202"


def test_the_queue_filters_by_status_and_tells_whether_the_cedula_has_an_account(
    client: Client, person: CustomUser
):
    staff = as_operator(client)
    a_claim()
    a_claim(cedula="7654321", full_name="Sin Cuenta")
    # Once, so that what a process reads only once (Django's cache of content types) is
    # read before counting.
    staff.get(CLAIMS)
    with CaptureQueriesContext(connection) as two_claims:
        listing = staff.get(CLAIMS, {"status__exact": "pendiente"})
    for _ in range(3):
        a_claim()
    with CaptureQueriesContext(connection) as five_claims:
        staff.get(CLAIMS, {"status__exact": "pendiente"})

    assert listing.status_code == 200
    assert "Sin Cuenta" in listing.text
    assert listing.text.count('alt="True"') == 1  # only 1234567 has an account
    assert len(five_claims) == len(two_claims)
    assert "Sin Cuenta" not in staff.get(CLAIMS, {"status__exact": "rechazado"}).text


def test_the_audit_trail_cannot_be_edited_or_deleted_even_by_a_superuser(
    client: Client, person: CustomUser, outbox
):
    claim = a_claim()
    staff = as_operator(client)
    decide(staff, "reject", claim, note="original")
    decision = ClaimDecision.objects.get()
    change = reverse("admin:accounts_claimdecision_change", args=[decision.pk])

    page = staff.get(change)
    edited = staff.post(change, {"note": "cambiada"})
    deleted = staff.post(reverse("admin:accounts_claimdecision_delete", args=[decision.pk]))
    claim_edited = staff.post(
        reverse("admin:accounts_cedulaclaim_change", args=[claim.pk]), {"status": "pendiente"}
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert edited.status_code == deleted.status_code == claim_edited.status_code == 403
    decision.refresh_from_db()
    assert decision.note == "original"
    assert CedulaClaim.objects.get().status == CedulaClaim.Status.REJECTED


# The holder before the claim signed in from their own address and browser.
HOLDER_ADDRESS = "203.0.113.7"
HOLDER_BROWSER = "NavegadorDelAnterior/1.0"


@pytest.fixture
def holders_world(person: CustomUser) -> dict[str, Any]:
    """What the account's holder built before the claim: a link, Beto (who shares his
    voting place with them) and Carla (who does not) brought through it, Xiomara who
    brought them and sees where they vote, leader status, and logins of their own."""
    old_link = link_for(owner=person)
    beto = make_person("43210987", "Beto Pérez")
    carla = make_person("72123456", "Carla Gómez")
    xiomara = make_person("52123456", "Xiomara Ruiz")
    record_referral(referred=beto, link=old_link, shares_place=True)
    record_referral(referred=carla, link=old_link, shares_place=False)
    record_referral(referred=person, link=link_for(owner=xiomara), shares_place=True)
    Leader.objects.create(person=person, meta=10)
    holder = Client(REMOTE_ADDR=HOLDER_ADDRESS, HTTP_USER_AGENT=HOLDER_BROWSER)
    credentials = {"username": "1234567", "password": SQUATTER_PASSWORD}
    assert holder.post(reverse("accounts:login"), credentials).status_code == 302
    # What the claimant must not inherit is there to inherit.
    theirs = holder.get(reverse("accounts:my_data_json")).text
    # Xiomara brought them: named as her link names her, by her first name.
    for trace in (HOLDER_ADDRESS, HOLDER_BROWSER, "Beto Pérez", '"Xiomara"'):
        assert trace in theirs, trace
    return {"old_code": old_link.code, "beto": beto, "carla": carla, "xiomara": xiomara}


CLAIMANT_PASSWORD = "Clave-de-ana-2026"


def hand_over_and_log_in(client: Client, outbox: Outbox, capture) -> Client:
    """Staff hand the account over; the claimant sets a password with the texted code and
    is in, on a device of their own."""
    with capture(execute=True):
        decide(as_operator(client), "hand_over", a_claim())
    claimant = Client()
    password = CLAIMANT_PASSWORD
    code = {"cedula": "1234567", "code": outbox.last_code(CLAIMANT_PHONE)}
    assert claimant.post(reverse("accounts:recovery_code"), code).status_code == 302
    response = claimant.post(
        reverse("accounts:recovery_password"),
        {"new_password1": password, "new_password2": password},
    )
    assert response.status_code == 302
    return claimant


def test_the_claimant_gets_an_account_afresh_and_the_people_brought_keep_theirs(
    client: Client,
    person: CustomUser,
    holders_world: dict[str, Any],
    outbox: Outbox,
    django_capture_on_commit_callbacks,
):
    claimant = hand_over_and_log_in(client, outbox, django_capture_on_commit_callbacks)

    people_page = claimant.get(reverse("referrals:my_people")).text
    assert "Trajiste a <strong>0</strong> personas." in people_page
    assert "Beto Pérez" not in people_page
    assert "Carla Gómez" not in people_page
    assert 'data-testid="red"' not in people_page  # no leader's network
    assert 'data-testid="meta"' not in people_page  # nor their goal
    assert code_of(link_in(people_page)) != holders_world["old_code"]
    my_data = claimant.get(reverse("accounts:my_data")).text
    download = claimant.get(reverse("accounts:my_data_json"))
    mine = json.loads(download.content)
    for trace in (HOLDER_ADDRESS, HOLDER_BROWSER, "Jorge Eliécer Gaitán", "Beto", "Xiomara"):
        assert trace not in my_data, trace
        assert trace not in download.text, trace
    assert mine["cuenta"]["nombre_completo"] == "Ana María Pérez"
    assert mine["referidos"] == {
        "quién_te_invitó": None,
        "tus_enlaces_de_invitación": [ANY],
        "personas_que_invitaste": [],
        "líder": None,
    }
    [acceptance] = mine["autorizaciones_de_la_política_de_datos"]
    assert acceptance["versión"] == POLICY_VERSION
    # Only the claimant's own sign-in, from the code, is there.
    assert [login["navegador"] for login in mine["ingresos"]["ingresos"]] == [ANY]
    assert mine["ingresos"]["intentos_fallidos"] == []
    assert "Xiomara" not in claimant.get(reverse("accounts:profile")).text
    # The people brought keep their accounts, with no referrer and nothing shared.
    beto, carla = holders_world["beto"], holders_world["carla"]
    assert set(CustomUser.objects.filter(pk__in=[beto.pk, carla.pk])) == {beto, carla}
    assert not Referral.objects.filter(referred__in=[beto, carla]).exists()
    assert not SharingConsentEntry.objects.filter(referral__referred=beto).exists()
    # Xiomara, who brought the previous holder, sees nothing of the new one.
    xiomara = Client()
    xiomara.force_login(holders_world["xiomara"], "django.contrib.auth.backends.ModelBackend")
    assert "Ana María Pérez" not in xiomara.get(reverse("referrals:my_people")).text
    # The old link invites nobody, in nobody's name.
    visitor = Client()
    opened = visitor.get(reverse("referrals:follow", args=[holders_world["old_code"]]))
    assert "Te invitó" not in visitor.get(opened.url).text
    # Staff's trail keeps who held the account.
    assert ClaimDecision.objects.get().previous_full_name == "Jorge Eliécer Gaitán"


def test_a_hand_over_tells_nobody_who_had_shared_with_the_previous_holder(
    client: Client,
    person: CustomUser,
    holders_world: dict[str, Any],
    outbox: Outbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(as_operator(client), "hand_over", a_claim())

    assert [sms["to"] for sms in outbox.messages()] == [CLAIMANT_PHONE]


def test_the_census_answer_stays_with_the_cedula_after_a_hand_over(
    client: Client, person: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, source=AnswerSource.REGISTRADURIA)

    claimant = hand_over_and_log_in(client, outbox, django_capture_on_commit_callbacks)

    lookup = CedulaInfo.objects.get(cedula="1234567")
    assert (lookup.status, lookup.source, lookup.puesto) == ("found", "registraduria", PLACE.puesto)
    assert PLACE.puesto in claimant.get(reverse("census:home")).text


def test_what_the_previous_holder_told_of_the_census_goes_and_the_lookup_starts_again(
    client: Client, person: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, source=AnswerSource.PERSON)

    claimant = hand_over_and_log_in(client, outbox, django_capture_on_commit_callbacks)

    lookup = CedulaInfo.objects.get(cedula="1234567")
    assert (lookup.status, lookup.source, lookup.puesto) == ("pending", "", "")
    assert lookup.priority == Priority.FIRST.value
    assert PLACE.puesto not in claimant.get(reverse("census:home")).text


def sms_column(staff: Client) -> dict[str, str]:
    """The queue's «SMS del código», by claimant."""
    rows = re.findall(
        r'<td class="field-full_name">([^<]*)</td>.*?<td class="field-hand_over_sms">([^<]*)</td>',
        staff.get(CLAIMS).text,
        flags=re.S,
    )
    return dict(rows)


def sms_field(staff: Client, claim: CedulaClaim) -> str:
    """«SMS del código» on the claim's own page."""
    page = staff.get(reverse("admin:accounts_cedulaclaim_change", args=[claim.pk])).text
    found = re.search(r'field-hand_over_sms.*?<div class="readonly">([^<]*)</div>', page, re.S)
    assert found, "no «SMS del código» on the claim's page"
    return found.group(1)


def test_the_queue_says_whether_a_hand_overs_code_left_is_on_its_way_or_could_not_be_sent(
    client: Client, person: CustomUser, other_person: CustomUser, sms_service: SmsService
):
    staff = as_operator(client)
    refused = a_claim()
    sent = a_claim(cedula=other_person.cedula, full_name="Berta Ruiz")
    rejected = a_claim(cedula="7654321", full_name="Sin Cuenta")
    decide(staff, "reject", rejected)

    sms_service.down()
    _, done = decide(staff, "hand_over", refused)
    assert "va en camino" in done.text
    assert sms_column(staff)["Ana María Pérez"] == "en camino"
    send_due_texts()
    sms_service.up()
    decide(staff, "hand_over", sent)
    send_due_texts()

    assert sms_column(staff) == {
        "Ana María Pérez": "no se pudo enviar",
        "Berta Ruiz": "enviado",
        "Sin Cuenta": "-",
    }
    assert sms_field(staff, refused) == "no se pudo enviar"
    assert sms_field(staff, sent) == "enviado"
    # The claimant of the refused code may ask for another, as anyone: it is not counted.
    ask = Client().post(reverse("accounts:recovery"), {"cedula": person.cedula}, follow=True)
    assert ask.status_code == 200
    assert send_due_texts() == 1


def test_once_its_code_is_forgotten_the_queue_no_longer_tells_what_its_text_did(
    client: Client, person: CustomUser, sms_service: SmsService
):
    staff = as_operator(client)
    claim = a_claim()
    decide(staff, "hand_over", claim)
    send_due_texts()
    issued = IssuedCode.objects.get()

    forget_old_codes(issued.issued_at + timedelta(hours=1, seconds=1))

    assert sms_column(staff) == {"Ana María Pérez": "ya no consta"}
    assert ClaimDecision.objects.get().code is None
