"""PHONE_VERIFICATION=1: a new account proves its phone before its first census lookup, and
until then every page but those that lead to verification or to one's rights sends the
person to verify it (accounts.phone.gate)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from accounts.checks import PHONE_GATE, check_phone_gate
from accounts.models import CustomUser, IssuedCode
from accounts.phone.codes import forget_old_codes
from accounts.phone.requirement import phone_verification_due
from accounts.privacy import policy
from accounts.privacy.consents import accept_policy
from cedula_domain import FailureKind, LookupStatus
from census.models import CedulaInfo
from census.tasks import sweep
from integration.portal.census_support import census_wake_ups, store
from integration.portal.registration_support import PASSWORD
from integration.portal.sms_support import Outbox

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:phone_verification")
HOME = reverse("census:home")
PROFILE = reverse("accounts:profile")


@pytest.fixture(autouse=True)
def verification_on(settings) -> None:
    settings.PHONE_VERIFICATION = True


@pytest.fixture
def registered(register, client: Client, outbox: Outbox, django_capture_on_commit_callbacks):
    """A person who just registered: logged in, a code on their phone, nothing looked up."""
    with django_capture_on_commit_callbacks(execute=True):
        response = register()
    assert response.status_code == 302
    # Registration leads home, and the gate on to verification.
    assert response.url == HOME
    assert client.get(HOME).url == VERIFY
    return CustomUser.objects.get()


def verify(client: Client, code: str, capture) -> object:
    with capture(execute=True):
        return client.post(VERIFY, {"code": code})


def test_registering_sends_a_code_and_asks_for_it_before_any_lookup(
    registered: CustomUser, client: Client, outbox: Outbox
):
    [sms] = outbox.messages()
    page = client.get(VERIFY).text

    assert sms["to"] == "+573001234567"
    assert "verificar tu teléfono" in sms["text"]
    assert "300 123 4567" in page
    assert phone_verification_due(user=registered)
    assert not CedulaInfo.objects.exists()
    assert census_wake_ups() == 0


# Every way into the census (and the network) passes the gate; none checks by itself.
GATED = [
    ("get", "census:home"),
    ("get", "census:card"),
    ("get", "census:status"),
    ("post", "census:refresh"),
    ("get", "census:report"),
    ("post", "census:report"),
    ("post", "census:report_place"),
    ("post", "census:report_novedad"),
    ("get", "referrals:my_people"),
    ("post", "referrals:new_link"),
    ("post", "referrals:ask_again"),
    ("get", "referrals:export"),
]
A_REPORT = {"resultado": "no_encontrado"}


@pytest.mark.parametrize(("method", "view_name"), GATED)
def test_every_census_page_sends_whoever_must_verify_to_the_verification_page(
    registered: CustomUser, client: Client, method: str, view_name: str
):
    response = getattr(client, method)(reverse(view_name), A_REPORT if method == "post" else {})

    assert response.status_code == 302
    assert response.url == VERIFY
    assert not CedulaInfo.objects.exists()
    assert census_wake_ups() == 0


def test_the_cards_polling_takes_the_whole_page_to_the_verification_page(
    registered: CustomUser, client: Client
):
    response = client.get(reverse("census:card"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == VERIFY


def test_a_report_from_someone_whose_new_phone_awaits_its_code_is_not_heard(
    logged_in: Client, person: CustomUser
):
    # Their lookup gave up, so the card would ask them to finish it themselves.
    store(person, status=LookupStatus.ERROR, attempts=3, last_failure_kind=FailureKind.UNAVAILABLE)
    before = CedulaInfo.objects.values().get()

    response = logged_in.post(reverse("census:report"), A_REPORT)

    assert response.status_code == 302
    assert response.url == VERIFY
    assert CedulaInfo.objects.values().get() == before
    assert not OrmQ.objects.exists()


# What gets a person to verification, or out, and their rights over their data.
OPEN = [
    "accounts:phone_verification",
    "accounts:profile",
    "accounts:recovery",
    "accounts:recovery_code",
    "accounts:recovery_password",
    "accounts:data_policy",
    "accounts:my_data",
    "accounts:my_data_json",
    "accounts:forget_me",
]


@pytest.mark.parametrize("view_name", OPEN)
def test_the_pages_that_lead_to_verification_or_to_ones_rights_stay_open(
    registered: CustomUser, client: Client, view_name: str
):
    assert client.get(reverse(view_name)).status_code == 200


def test_the_health_check_the_sharing_authorisation_and_logging_out_stay_open(
    registered: CustomUser, client: Client
):
    health = client.get(reverse("operations:health"))  # unhealthy here: no worker runs
    sharing = client.post(reverse("referrals:sharing"), {"compartir": "no"})
    logout = client.post(reverse("accounts:logout"))

    assert "status" in health.json()
    assert sharing.url == PROFILE
    assert logout.status_code == 302
    assert logout.url != VERIFY
    assert not client.get(HOME).wsgi_request.user.is_authenticated


def test_a_new_data_policy_is_accepted_before_the_phone_is_verified(
    person: CustomUser, logged_in: Client, monkeypatch: pytest.MonkeyPatch
):
    accept_policy(user=person)
    monkeypatch.setattr(policy, "POLICY_VERSION", "2099-01")
    monkeypatch.setitem(policy.CHANGES, "2099-01", ("Algo nuevo.",))

    response = logged_in.get(HOME)

    assert response.url.startswith(reverse("accounts:accept_policy"))


def test_the_portal_refuses_to_run_without_the_gate(settings):
    assert check_phone_gate() == []

    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if entry != PHONE_GATE]

    [error] = check_phone_gate()
    assert error.id == "accounts.E001"


def test_the_right_code_verifies_the_phone_and_starts_the_first_lookup(
    registered: CustomUser, client: Client, outbox: Outbox, django_capture_on_commit_callbacks
):
    response = verify(client, outbox.last_code(), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == HOME
    registered.refresh_from_db()
    assert registered.phone_verified_at is not None
    assert not phone_verification_due(user=registered)
    assert CedulaInfo.objects.get().status == "pending"
    assert census_wake_ups() == 1
    assert client.get(reverse("census:card")).status_code == 200


def test_a_wrong_code_is_refused_and_nothing_starts(
    registered: CustomUser, client: Client, outbox: Outbox, django_capture_on_commit_callbacks
):
    wrong = f"{(int(outbox.last_code()) + 1) % 1_000_000:06d}"

    response = verify(client, wrong, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "El código no es correcto. Te quedan 4 intentos con este código" in response.text
    registered.refresh_from_db()
    assert registered.phone_verified_at is None
    assert not CedulaInfo.objects.exists()


def test_after_the_last_wrong_try_the_page_leads_to_a_new_code(
    registered: CustomUser, client: Client, outbox: Outbox, django_capture_on_commit_callbacks
):
    right = outbox.last_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    tries = [verify(client, wrong, django_capture_on_commit_callbacks) for _ in range(5)]
    after = verify(client, right, django_capture_on_commit_callbacks)

    assert "Te queda 1 intento con este código" in tries[3].text
    assert "ya usaste los 5 intentos de ese código. Pide un código nuevo" in tries[4].text
    # Spent: the right code comes too late.
    assert "ya usaste los 5 intentos de ese código" in after.text
    assert "Envíame un código nuevo" in after.text
    registered.refresh_from_db()
    assert registered.phone_verified_at is None


def test_a_new_code_can_be_asked_for_up_to_three_an_hour(
    registered: CustomUser, client: Client, outbox: Outbox
):
    resent = client.post(VERIFY, {"resend": "1"}, follow=True)
    client.post(VERIFY, {"resend": "1"})
    limited = client.post(VERIFY, {"resend": "1"}, follow=True)

    assert "Te enviamos un código nuevo" in resent.text
    assert "Ya te enviamos 3 códigos en la última hora" in limited.text
    assert len(outbox.messages()) == 3


def test_the_sweep_leaves_unverified_accounts_alone_until_they_verify(
    registered: CustomUser, client: Client, outbox: Outbox
):
    assert list(CustomUser.objects.ready_for_lookup()) == []
    sweep()
    assert not CedulaInfo.objects.exists()

    # Verified, but the hand-off after commit is lost (no on_commit here): the sweep's
    # safety net now picks the account up.
    client.post(VERIFY, {"code": outbox.last_code()})
    assert not CedulaInfo.objects.exists()
    sweep()

    assert CedulaInfo.objects.get().cedula == registered.cedula


def test_an_unverified_person_cannot_start_a_lookup_by_refreshing(
    registered: CustomUser, client: Client
):
    response = client.post(reverse("census:refresh"))

    assert response.status_code == 302
    assert response.url == VERIFY
    assert not CedulaInfo.objects.exists()
    assert census_wake_ups() == 0


def test_a_verified_person_visiting_the_verification_page_goes_home(
    registered: CustomUser, client: Client, outbox: Outbox
):
    client.post(VERIFY, {"code": outbox.last_code()})

    response = client.get(VERIFY)

    assert response.status_code == 302
    assert response.url == HOME


def test_recovering_the_password_proves_the_phone_too(
    registered: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    visitor = Client()
    visitor.post(reverse("accounts:recovery"), {"cedula": registered.cedula})
    password = "Otra-clave-nueva-2026"
    code = {"cedula": registered.cedula, "code": outbox.last_code()}
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(reverse("accounts:recovery_code"), code)
        passwords = {"new_password1": password, "new_password2": password}
        visitor.post(reverse("accounts:recovery_password"), passwords)

    registered.refresh_from_db()
    assert registered.phone_verified_at is not None
    assert CedulaInfo.objects.get().status == "pending"


def test_without_verification_every_account_that_accepted_the_policy_is_ready_for_lookup(
    settings, person: CustomUser, logged_in: Client
):
    settings.PHONE_VERIFICATION = False
    accept_policy(user=person)

    assert not phone_verification_due(user=person)
    assert list(CustomUser.objects.ready_for_lookup()) == [person]
    assert logged_in.get(HOME).status_code == 200


@pytest.mark.parametrize("verification", [True, False])
def test_the_rule_and_its_query_agree_on_who_waits(
    person: CustomUser, other_person, settings, verification: bool
):
    settings.PHONE_VERIFICATION = verification
    CustomUser.objects.filter(pk=other_person.pk).update(phone_verified_at="2026-01-01T00:00Z")
    for accepted in (person, other_person):
        accept_policy(user=accepted)

    ready = set(CustomUser.objects.ready_for_lookup())
    waiting = {user for user in CustomUser.objects.all() if phone_verification_due(user=user)}

    assert ready == ({other_person} if verification else {person, other_person})
    assert waiting == ({person} if verification else set())


def change_phone(client: Client, person: CustomUser, phone: str) -> object:
    data = {"nombre_completo": person.nombre_completo, "telefono": phone}
    return client.post(PROFILE, {**data, "current_password": PASSWORD})


def test_a_new_phone_must_be_verified_again_with_a_code_sent_to_it(
    registered: CustomUser, client: Client, outbox: Outbox
):
    client.post(VERIFY, {"code": outbox.last_code()})

    response = change_phone(client, registered, "310 765 4321")

    assert response.status_code == 302
    assert response.url == VERIFY
    registered.refresh_from_db()
    assert phone_verification_due(user=registered)
    assert len(outbox.messages(to="+573107654321")) == 1
    assert "310 765 4321" in client.get(VERIFY).text
    client.post(VERIFY, {"code": outbox.last_code(to="+573107654321")})
    registered.refresh_from_db()
    assert not phone_verification_due(user=registered)


def test_a_code_sent_to_the_old_phone_stops_working_when_the_phone_changes(
    registered: CustomUser, client: Client, outbox: Outbox
):
    old_code = outbox.last_code(to="+573001234567")

    change_phone(client, registered, "310 765 4321")
    response = client.post(VERIFY, {"code": old_code})

    # Tried against the code sent to the new phone, the only one that works.
    assert "El código no es correcto. Te quedan 4 intentos con este código" in response.text
    registered.refresh_from_db()
    assert phone_verification_due(user=registered)


def test_withdrawn_codes_still_count_against_the_hours_three(
    registered: CustomUser, client: Client, outbox: Outbox
):
    change_phone(client, registered, "310 765 4321")
    change_phone(client, registered, "300 123 4567")
    changed_again = change_phone(client, registered, "310 765 4321")

    codes = [sms for sms in outbox.messages() if "verificar tu teléfono" in sms["text"]]
    assert len(codes) == 3
    assert changed_again.url == VERIFY
    assert IssuedCode.objects.count() == 3
    assert all(code.expires_at <= timezone.now() for code in IssuedCode.objects.all())


def test_changing_only_the_name_keeps_the_phone_verified(
    registered: CustomUser, client: Client, outbox: Outbox
):
    client.post(VERIFY, {"code": outbox.last_code()})

    response = client.post(PROFILE, {"nombre_completo": "Otro Nombre", "telefono": "300 123 4567"})

    assert response.url == PROFILE
    registered.refresh_from_db()
    assert registered.nombre_completo == "Otro Nombre"
    assert not phone_verification_due(user=registered)
    assert len(outbox.messages()) == 1


def test_codes_are_deleted_once_they_can_neither_work_nor_count(registered: CustomUser):
    sent = IssuedCode.objects.get()

    assert forget_old_codes(sent.issued_at + timedelta(minutes=59)) == 0
    assert forget_old_codes(sent.issued_at + timedelta(hours=1, seconds=1)) == 1
    assert not IssuedCode.objects.exists()


def test_the_sweep_deletes_the_codes_nothing_needs(registered: CustomUser, client: Client):
    client.post(VERIFY, {"resend": "1"})
    IssuedCode.objects.filter(pk=IssuedCode.objects.earliest("pk").pk).update(
        issued_at=timezone.now() - timedelta(hours=2)
    )

    sweep()

    assert IssuedCode.objects.count() == 1
