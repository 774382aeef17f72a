"""When the SMS service refuses a code's text: the worker keeps a trace of it (the code
undelivered, matching nothing, not counted), the person verifying their phone is told and
asks for another, and recovery still tells nobody anything."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CodePurpose, CustomUser, IssuedCode, OutgoingText
from accounts.phone.codes import forget_old_codes
from accounts.phone.texts import send_due_texts
from accounts.phone.views import CODE_NOT_SENT, CODE_ON_ITS_WAY
from adapters.sms import SmsNotSent
from integration.portal.sms_support import CODE, Outbox, SmsService
from pagina_madre.bootstrap import sms as sms_part

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:phone_verification")
HOME = reverse("census:home")
RECOVER = reverse("accounts:recovery")
RECOVER_CODE = reverse("accounts:recovery_code")
NEW_CODE = "Te enviamos un código nuevo"
REFUSED = "El código no es correcto, ya se usó o venció."
# The note on the verification page about the latest code's text, and the button after it.
NOTE = re.compile(
    r'<div class="alert (?P<kind>alert-\w+)[^"]*" role="(?P<role>\w+)" '
    r'data-testid="estado-del-codigo">(?P<text>[^<]*)</div>\s*'
    r'<form method="post"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"[^>]*>\s*'
    r'<button type="submit" name="resend"'
)


@pytest.fixture(autouse=True)
def verification_on(settings) -> None:
    settings.PHONE_VERIFICATION = True


@pytest.fixture
def registered(register, sms_service: SmsService, django_capture_on_commit_callbacks):
    """A person who just registered while the SMS service was down; no worker ran yet."""
    sms_service.down()
    with django_capture_on_commit_callbacks(execute=True):
        assert register().status_code == 302
    return CustomUser.objects.get()


def note_on(client: Client) -> dict[str, str] | None:
    """What the verification page says of the latest code's text, next to the button that
    asks for another; None when it says nothing."""
    found = NOTE.search(client.get(VERIFY).text)
    return None if found is None else found.groupdict()


def resend(client: Client) -> str:
    return client.post(VERIFY, {"resend": "1"}, follow=True).text


def test_a_person_whose_code_could_not_be_sent_is_told_and_verifies_with_another(
    registered: CustomUser, client: Client, sms_service: SmsService, outbox: Outbox
):
    assert note_on(client) == {"kind": "alert-info", "role": "status", "text": CODE_ON_ITS_WAY}

    assert send_due_texts() == 0

    assert note_on(client) == {"kind": "alert-danger", "role": "alert", "text": CODE_NOT_SENT}
    refused = IssuedCode.objects.get()
    assert refused.undelivered_at is not None
    assert refused.code_hash == ""
    assert not OutgoingText.objects.exists()

    sms_service.up()
    asked = resend(client)

    assert NEW_CODE in asked
    assert CODE_ON_ITS_WAY in asked
    assert CODE_NOT_SENT not in asked
    assert send_due_texts() == 1
    assert note_on(client) is None
    response = client.post(VERIFY, {"code": outbox.last_code()})
    assert response.status_code == 302
    assert response.url == HOME
    registered.refresh_from_db()
    assert registered.phone_verified_at is not None


def test_codes_whose_text_was_refused_do_not_count_against_the_hours_three(
    registered: CustomUser, client: Client, sms_service: SmsService, outbox: Outbox
):
    send_due_texts()
    for _ in range(3):
        assert NEW_CODE in resend(client)
        send_due_texts()

    sms_service.up()
    asked = [resend(client) for _ in range(4)]
    send_due_texts()

    assert all(NEW_CODE in page for page in asked[:3])
    assert "Ya te enviamos 3 códigos en la última hora" in asked[3]
    assert len(outbox.sent()) == 3
    assert IssuedCode.objects.filter(undelivered_at__isnull=False).count() == 4


def test_a_code_whose_sending_failed_never_works_even_if_it_reached_the_phone(
    registered: CustomUser,
    client: Client,
    sms_service: SmsService,
    outbox: Outbox,
    monkeypatch: pytest.MonkeyPatch,
):
    sms_service.up()
    the_phone = sms_part.sms_sender()

    class DeliversThenTimesOut:
        def send(self, to: Any, text: str) -> None:
            the_phone.send(to, text)
            raise SmsNotSent("no answer in time")

    monkeypatch.setattr(sms_part, "build_sms_sender", lambda config: DeliversThenTimesOut())
    code = outbox.last_code()  # the worker runs: the text arrived, the service said it failed

    response = client.post(VERIFY, {"code": code})

    assert REFUSED in response.text
    assert CODE_NOT_SENT in response.text
    assert IssuedCode.objects.get().attempts == 0  # no guess counts against a dead code
    registered.refresh_from_db()
    assert registered.phone_verified_at is None


def test_the_trace_of_a_refused_code_is_forgotten_like_any_code(registered: CustomUser):
    send_due_texts()
    refused = IssuedCode.objects.get()

    assert forget_old_codes(refused.issued_at + timedelta(minutes=59)) == 0
    assert forget_old_codes(refused.issued_at + timedelta(hours=1, seconds=1)) == 1
    assert not IssuedCode.objects.exists()


def test_the_data_of_a_person_says_which_code_could_not_be_sent(
    registered: CustomUser, client: Client
):
    send_due_texts()

    [code] = client.get(reverse("accounts:my_data_json")).json()["códigos_enviados"]

    assert code["para"] == "verificar el teléfono"
    assert code["no_se_pudo_enviar_el"] is not None


def page_without(text: str, cedula: str) -> str:
    """The page minus what differs by design: the cédula typed and the CSRF tokens."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text.replace(cedula, "CEDULA"))


def test_recovery_answers_the_same_whether_or_not_there_is_an_account_or_its_sms_left(
    person: CustomUser, sms_service: SmsService, outbox: Outbox
):
    def ask(cedula: str, address: str) -> tuple[str, str]:
        visitor = Client(REMOTE_ADDR=address)
        answer = visitor.post(RECOVER, {"cedula": cedula}, follow=True).text
        send_due_texts()
        # A code nobody was sent: refused the same way whatever the reason, tries left
        # included, and that is the point.
        texted = {CODE.search(sms["text"]).group(1) for sms in outbox.sent()}  # type: ignore[union-attr]
        wrong = next(code for code in ("123456", "654321") if code not in texted)
        tried = visitor.post(RECOVER_CODE, {"cedula": cedula, "code": wrong})
        return page_without(answer, cedula), page_without(tried.text, cedula)

    sms_service.down()
    refused = ask("1234567", "192.0.2.1")
    no_account = ask("7654321", "192.0.2.2")
    sms_service.up()
    sent = ask("1234567", "192.0.2.3")

    assert refused == no_account == sent
    assert "El código no es correcto. Te quedan 4 intentos con este código" in refused[1]
    assert CODE_NOT_SENT not in refused[0] + refused[1]
    assert len(outbox.sent()) == 1
    assert IssuedCode.objects.filter(
        purpose=CodePurpose.RECOVERY, undelivered_at__isnull=False
    ).exists()
