"""Forgetting a person over HTTP: by themself from /perfil/eliminar/ with their password,
or by staff from the admin. What the cascade reaches and what it cannot both go; what
others own stays."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry as AuditEntry
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.claims.services import reject_claim, submit_claim
from accounts.models import (
    CedulaClaim,
    ClaimDecision,
    CodePurpose,
    CustomUser,
    ForgottenAcceptances,
    IssuedCode,
    PolicyAcceptanceEntry,
)
from accounts.privacy.consents import accept_policy
from accounts.privacy.policy import POLICY_VERSION
from cedula_domain import LookupStatus
from census.models import CedulaInfo
from integration.portal.census_support import PLACE, as_operator, store
from integration.referrals.referral_support import brought, make_person
from referrals.models import Leader, Referral, ReferralLink, SharingConsentEntry
from referrals.services import link_for, share_voting_place

pytestmark = pytest.mark.django_db

PASSWORD = "Clave-segura-2026"
FORGET = reverse("accounts:forget_me")


def sessions_of(person: CustomUser) -> list[Session]:
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(person.pk)
    ]


@pytest.fixture
def someone_with_everything(person: CustomUser) -> CustomUser:
    """``person`` (cédula 1234567) as a long-time member: a lookup, consents, a referrer
    they share with, people they brought, a leader's goal, logins, another device."""
    accept_policy(user=person, version="2026-11")
    accept_policy(user=person)
    store(person, status=LookupStatus.FOUND, voting_place=PLACE, evidence="<p>1234567</p>")
    referrer = make_person("5555555", "Quien Invitó")
    link_for(owner=referrer)
    brought(referrer, person)
    share_voting_place(person=person, share=True)
    link_for(owner=person)
    brought(person, make_person("7777777", "Invitada Uno"), make_person("8888888", "Invitado Dos"))
    Leader.objects.create(person=person, meta=10)
    now = timezone.now()
    IssuedCode.objects.create(
        user=person, purpose=CodePurpose.RECOVERY, code_hash="x", issued_at=now, expires_at=now
    )
    AccessLog.objects.create(username="1234567", ip_address="10.0.0.1", user_agent="Firefox")
    AccessAttempt.objects.create(
        username="1234567", ip_address="10.0.0.2", user_agent="x", failures_since_start=2
    )
    other_device = Client()
    other_device.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return person


def test_a_wrong_password_changes_nothing(someone_with_everything, logged_in: Client):
    response = logged_in.post(FORGET, {"password": "no-es-esta"})

    assert response.status_code == 400
    assert "La contraseña no es correcta. No eliminamos nada." in response.text
    assert CustomUser.objects.filter(cedula="1234567").exists()
    assert CedulaInfo.objects.filter(cedula="1234567").exists()
    assert Referral.objects.count() == 3
    assert logged_in.get(reverse("accounts:my_data")).status_code == 200


def test_the_goodbye_page_is_only_for_whoever_just_deleted_their_account(
    client: Client, logged_in: Client
):
    assert client.get(reverse("accounts:goodbye")).url == "/"
    assert logged_in.get(reverse("accounts:goodbye")).url == "/"


def test_the_person_and_everything_about_them_goes_with_the_right_password(
    someone_with_everything, logged_in: Client
):
    person = someone_with_everything
    assert len(sessions_of(person)) == 2  # this browser and another device

    response = logged_in.post(FORGET, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:goodbye")
    goodbye = response.text.split('data-testid="despedida"')[1]
    assert "Borramos tu cuenta y todos tus datos" in goodbye
    assert "tu consulta del censo y las copias de sus respuestas" in goodbye
    assert "Las personas que invitaste conservan sus cuentas" in goodbye
    assert 'href="/"' in goodbye
    assert "Ingresa con tu cédula" not in response.text
    assert not CustomUser.objects.filter(pk=person.pk).exists()
    assert not CedulaInfo.objects.exists()
    assert not PolicyAcceptanceEntry.objects.filter(user_id=person.pk).exists()
    assert not ReferralLink.objects.filter(owner_id=person.pk).exists()
    assert not SharingConsentEntry.objects.exists()
    assert not Leader.objects.exists()
    assert not IssuedCode.objects.exists()
    assert not AccessLog.objects.filter(username="1234567").exists()
    assert not AccessAttempt.objects.filter(username="1234567").exists()
    assert sessions_of(person) == []
    # Only a count of who accepted each version stays, and nothing says who.
    assert dict(ForgottenAcceptances.objects.values_list("version", "people")) == {
        "2026-11": 1,
        POLICY_VERSION: 1,
    }


def test_people_they_brought_keep_their_accounts_without_a_referrer(
    someone_with_everything, logged_in: Client
):
    logged_in.post(FORGET, {"password": PASSWORD})

    invited = CustomUser.objects.filter(cedula__in=["7777777", "8888888"])
    assert invited.count() == 2
    assert not Referral.objects.filter(referred__in=invited).exists()
    assert CustomUser.objects.filter(cedula="5555555").exists()
    assert not Referral.objects.exists()


def test_decided_claims_about_their_cedula_go_and_a_pending_one_waits_for_staff(
    someone_with_everything, logged_in: Client, other_person: CustomUser
):
    other_person.is_staff = True
    other_person.save()
    rejected = submit_claim(cedula="1234567", full_name="Otro", phone="+573001112299", message="m")
    reject_claim(claim=rejected, decided_by=other_person, note="No probó nada")
    pending = submit_claim(cedula="1234567", full_name="Dueña", phone="+573001112288", message="m")

    logged_in.post(FORGET, {"password": PASSWORD})

    assert list(CedulaClaim.objects.all()) == [pending]
    assert not ClaimDecision.objects.exists()


def test_the_trails_keep_who_did_what_without_naming_the_forgotten_person(
    someone_with_everything, logged_in: Client, client: Client
):
    person = someone_with_everything
    operator = as_operator(Client())
    operator.get(reverse("admin:accounts_customuser_change", args=[person.pk]))
    LogEntry.objects.log_actions(
        user_id=CustomUser.objects.get(cedula="1010101").pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message="Teléfono corregido para 1234567",
        single_object=True,
    )

    logged_in.post(FORGET, {"password": PASSWORD})

    reads = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(person.pk))
    assert reads.count() == 1
    assert reads.get().actor.cedula == "1010101"
    forgetting = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert forgetting.object_repr == "usuario eliminado (****567)"
    assert forgetting.additional_data == {"pedido_por": "la persona"}
    trail = [*AuditEntry.objects.values_list("object_repr", "changes_text")]
    trail += [*LogEntry.objects.values_list("object_repr", "change_message")]
    assert not [line for line in trail if "1234567" in str(line) or "Gaitán" in str(line)]


def test_staff_forget_a_person_from_the_admin_after_confirming(someone_with_everything):
    person = someone_with_everything
    operator = as_operator(Client())
    delete = reverse("admin:accounts_customuser_delete", args=[person.pk])

    confirmation = operator.get(delete)
    assert confirmation.status_code == 200
    assert "consultas del censo: 1" in confirmation.text.lower()
    assert CustomUser.objects.filter(pk=person.pk).exists()
    done = operator.post(delete, {"post": "yes"})

    assert done.status_code == 302
    assert not CustomUser.objects.filter(pk=person.pk).exists()
    assert not CedulaInfo.objects.exists()
    assert not AccessLog.objects.filter(username="1234567").exists()
    forgetting = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert forgetting.actor.cedula == "1010101"
    assert forgetting.additional_data == {"pedido_por": "el personal"}
    assert not LogEntry.objects.filter(object_repr__contains="1234567").exists()


def test_staff_whose_decisions_must_stay_are_told_their_account_cannot_go(
    person: CustomUser, other_person: CustomUser
):
    other_person.is_staff = True
    other_person.save()
    claim = submit_claim(cedula=person.cedula, full_name="X", phone="+573001112299", message="m")
    reject_claim(claim=claim, decided_by=other_person)
    staff = Client()
    staff.force_login(other_person, backend="django.contrib.auth.backends.ModelBackend")

    response = staff.post(FORGET, {"password": "Otra-clave-2026"}, follow=True)

    assert "No pudimos eliminar tu cuenta desde aquí" in response.text
    assert CustomUser.objects.filter(pk=other_person.pk).exists()
    assert ClaimDecision.objects.count() == 1


def test_a_forgotten_cedula_can_register_again(register, client: Client):
    register()
    client.post(FORGET, {"password": PASSWORD})

    assert register().status_code == 302
    assert CustomUser.objects.get().cedula == "1234567890"
    assert CustomUser.objects.get().policy_acceptances.count() == 1


def test_only_a_logged_in_person_reaches_their_data(client: Client):
    for name in ("accounts:my_data", "accounts:my_data_json", "accounts:forget_me"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_the_staff_action_forgets_every_person_chosen(someone_with_everything, other_person):
    operator = as_operator(Client())
    chosen = {
        "action": "delete_selected",
        "_selected_action": [someone_with_everything.pk, other_person.pk],
        "post": "yes",
    }

    operator.post(reverse("admin:accounts_customuser_changelist"), chosen)

    assert not CustomUser.objects.filter(cedula__in=["1234567", "98765432"]).exists()
    assert ForgottenAcceptances.objects.get(version=POLICY_VERSION).people == 1
