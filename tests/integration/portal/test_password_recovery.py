"""Password recovery end to end over HTTP: the code travels by the file SMS backend."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from accounts.models import CodePurpose, CustomUser, IssuedCode, OutgoingText
from accounts.phone.tasks import send_texts
from accounts.phone.verification import send_verification_code
from adapters.sms import SmsConfig
from integration.portal.sms_support import Outbox

pytestmark = pytest.mark.django_db

RECOVER = reverse("accounts:recovery")
RECOVER_CODE = reverse("accounts:recovery_code")
NEW_PASSWORD_PAGE = reverse("accounts:recovery_password")
PHONE = "+573001112233"  # the person fixture's
NEW_PASSWORD = "Otra-clave-nueva-2026"
REFUSED = "El código no es correcto, ya se usó o venció."
NO_PASS = "Para crear una contraseña nueva, primero escribe en este navegador el código"


def ask_for_code(client: Client, cedula: str = "1.234.567"):
    """Ask, and let a worker send what is due (the SMS leaves after the answer)."""
    response = client.post(RECOVER, {"cedula": cedula}, follow=True)
    send_texts()
    return response


def type_code(client: Client, code: str, cedula: str = "1234567"):
    """The first step: the code, on its own page."""
    return client.post(RECOVER_CODE, {"cedula": cedula, "code": code})


def choose(client: Client, password: str = NEW_PASSWORD, again: str | None = None):
    """The second step: the new password, twice."""
    data = {"new_password1": password, "new_password2": password if again is None else again}
    return client.post(NEW_PASSWORD_PAGE, data)


def send_code(client: Client, code: str, cedula: str = "1234567", password: str = NEW_PASSWORD):
    """Both steps: the code, then (when it was accepted) the new password."""
    typed = type_code(client, code, cedula)
    if typed.status_code != 302:
        return typed
    assert typed.url == NEW_PASSWORD_PAGE
    return choose(client, password)


def a_wrong_code_for(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def page_without(text: str, cedula: str) -> str:
    """The page minus what differs by design: the cédula typed and the CSRF tokens."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", text.replace(cedula, "CEDULA"))


def can_log_in(password: str) -> bool:
    response = Client().post(
        reverse("accounts:login"), {"username": "1234567", "password": password}
    )
    return response.status_code == 302


def test_the_login_page_offers_password_recovery(client: Client):
    page = client.get(reverse("accounts:login")).text

    assert f'href="{RECOVER}"' in page
    assert "¿Olvidaste tu contraseña?" in page


def test_a_person_sets_a_new_password_with_the_code_sent_to_their_phone(
    client: Client, person: CustomUser, outbox: Outbox
):
    asked = ask_for_code(client)

    assert asked.redirect_chain == [(RECOVER_CODE, 302)]
    assert "Si la cédula tiene una cuenta, enviamos un código" in asked.text
    assert 'value="1234567"' in asked.text  # the cédula carried to the second step
    [sms] = outbox.messages()
    assert sms["to"] == PHONE
    assert "recuperar tu contraseña" in sms["text"]

    typed = type_code(client, outbox.last_code())

    assert typed.status_code == 302
    assert typed.url == NEW_PASSWORD_PAGE
    assert "_auth_user_id" not in client.session  # not in before the password is chosen
    page = client.get(NEW_PASSWORD_PAGE).text
    assert "El código es correcto. Ahora crea tu contraseña nueva." in page
    assert 'name="new_password1"' in page
    assert 'name="new_password2"' in page
    assert 'name="code"' not in page
    assert "Tu contraseña debe tener al menos 8 caracteres." in page
    assert "Tu contraseña no puede parecerse a tu cédula ni a tu nombre." in page

    response = choose(client)

    assert response.status_code == 302
    assert response.url == reverse("census:home")
    assert client.get(reverse("census:home")).context["user"] == person
    assert client.session.get_expire_at_browser_close()
    assert can_log_in(NEW_PASSWORD)
    assert not can_log_in("Clave-segura-2026")


def test_asking_for_a_code_answers_the_same_whether_or_not_the_cedula_has_an_account(
    person: CustomUser, outbox: Outbox
):
    existing = ask_for_code(Client(), "1234567")
    missing = ask_for_code(Client(), "7654321")

    assert existing.status_code == missing.status_code == 200
    assert existing.redirect_chain == missing.redirect_chain
    assert page_without(existing.text, "1234567") == page_without(missing.text, "7654321")
    assert len(outbox.messages()) == 1
    assert "2233" not in existing.text  # not even the end of the phone number


# What differs between any two statements alike: strings (the cédula, times, keys), numbers
# (the account's id, savepoints' names) and NULL (no account).
LITERALS = re.compile(r"'(?:[^']|'')*'|\d+|\bNULL\b")


def statements_of(cedula: str, address: str, capture) -> list[str]:
    """The statements an ask for a code runs, its commit's wake-up included, literals out."""
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        response = Client(REMOTE_ADDR=address).post(RECOVER, {"cedula": cedula})
    assert response.status_code == 302
    return [LITERALS.sub("?", query["sql"]) for query in queries.captured_queries]


def test_asking_for_a_code_runs_the_same_queries_either_way_and_sends_no_sms_meanwhile(
    person: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    existing = statements_of("1234567", "192.0.2.1", django_capture_on_commit_callbacks)
    missing = statements_of("7654321", "192.0.2.2", django_capture_on_commit_callbacks)

    assert len(existing) == len(missing)
    assert existing == missing
    assert outbox.sent() == []  # the SMS service was not called inside either request
    assert OutgoingText.objects.count() == 2
    assert OrmQ.objects.count() == 2  # one wake-up each, alike

    send_texts()

    [sms] = outbox.sent()
    assert sms["to"] == PHONE
    assert not OutgoingText.objects.exists()


def test_a_cedula_that_cannot_exist_is_explained(client: Client, outbox: Outbox):
    response = client.post(RECOVER, {"cedula": "12AB"})

    assert response.status_code == 200
    assert "La cédula solo puede tener números" in response.text
    assert outbox.messages() == []


def test_a_wrong_code_says_how_many_tries_remain_and_the_password_stays(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    wrong = a_wrong_code_for(outbox.last_code())

    first, second = type_code(client, wrong), type_code(client, wrong)

    assert first.status_code == 200
    assert "<title>Error: Escribe el código · Página Madre</title>" in first.text
    assert "El código no es correcto. Te quedan 4 intentos con este código" in first.text
    assert "El código no es correcto. Te quedan 3 intentos con este código" in second.text
    assert 'value="1234567"' in second.text  # the cédula kept
    assert "_auth_user_id" not in client.session
    assert NO_PASS in client.get(NEW_PASSWORD_PAGE).text
    assert can_log_in("Clave-segura-2026")


def test_a_code_tried_before_any_was_asked_for_says_no_tries_with_or_without_account(
    person: CustomUser, outbox: Outbox
):
    with_account = type_code(Client(), "123456", cedula="1234567")
    without = type_code(Client(), "123456", cedula="7654321")

    for response in (with_account, without):
        assert response.status_code == 200
        assert REFUSED in response.text
        assert "intento" not in response.text


def test_wrong_codes_after_an_ask_read_the_same_whether_or_not_the_cedula_has_an_account(
    person: CustomUser, outbox: Outbox
):
    def pages(cedula: str, address: str) -> list[str]:
        client = Client(REMOTE_ADDR=address)
        ask_for_code(client, cedula)
        wrong = a_wrong_code_for(outbox.last_code())
        # From two browsers: the count is the code's, not the browser's.
        tries = [type_code(client, wrong, cedula) for _ in range(3)]
        tries += [type_code(Client(REMOTE_ADDR=address), wrong, cedula) for _ in range(3)]
        return [page_without(response.text, cedula) for response in tries]

    existing = pages("1234567", "192.0.2.1")
    missing = pages("7654321", "192.0.2.2")

    assert existing == missing
    assert "Te queda 1 intento con este código" in existing[3]
    assert "ya usaste los 5 intentos de ese código" in existing[4]
    assert "El código no es correcto, ya se usó o venció" not in existing[5]
    assert "ya usaste los 5 intentos de ese código" in existing[5]


def test_an_expired_code_is_refused(client: Client, person: CustomUser, outbox: Outbox):
    ask_for_code(client)
    IssuedCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = send_code(client, outbox.last_code())

    assert REFUSED in response.text
    assert can_log_in("Clave-segura-2026")


def test_after_five_wrong_tries_even_the_right_code_is_refused(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    code = outbox.last_code()
    wrong = a_wrong_code_for(code)
    for left in (4, 3, 2):
        assert f"Te quedan {left} intentos con este código" in type_code(client, wrong).text
    assert "Te queda 1 intento con este código" in type_code(client, wrong).text
    last = type_code(client, wrong)

    response = type_code(client, code)

    for spent in (last, response):
        assert "ya usaste los 5 intentos de ese código. Pide un código nuevo" in spent.text
        # What to do now, as a button right under the form.
        assert f'href="{RECOVER}" data-testid="pedir-otro-codigo">Pedir un código nuevo' in (
            spent.text
        )
    assert IssuedCode.objects.get().attempts == 5
    assert NO_PASS in client.get(NEW_PASSWORD_PAGE).text
    assert can_log_in("Clave-segura-2026")


def test_a_code_works_only_once(client: Client, person: CustomUser, outbox: Outbox):
    ask_for_code(client)
    code = outbox.last_code()
    send_code(client, code)

    response = send_code(Client(), code, password="Tercera-clave-2026")

    assert REFUSED in response.text
    assert can_log_in(NEW_PASSWORD)


def test_a_new_code_retires_the_one_before(client: Client, person: CustomUser, outbox: Outbox):
    ask_for_code(client)
    first = outbox.last_code()
    ask_for_code(client)
    second = outbox.last_code()

    if first != second:  # one chance in a million that the two are the same code
        assert "El código no es correcto." in send_code(client, first).text
    assert send_code(client, second).status_code == 302


def test_an_account_gets_at_most_three_codes_an_hour(
    client: Client, person: CustomUser, outbox: Outbox
):
    for _ in range(4):
        response = ask_for_code(client)
        assert "Si la cédula tiene una cuenta, enviamos un código" in response.text

    assert len(outbox.messages()) == 3
    IssuedCode.objects.update(issued_at=timezone.now() - timedelta(hours=1, seconds=1))
    ask_for_code(client)
    assert len(outbox.messages()) == 4


def test_a_new_password_ends_the_sessions_open_elsewhere(
    client: Client, person: CustomUser, outbox: Outbox
):
    elsewhere = Client()
    elsewhere.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    assert elsewhere.get(reverse("census:home")).status_code == 200

    ask_for_code(client)
    send_code(client, outbox.last_code())

    response = elsewhere.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_weak_password_is_refused_and_the_same_pass_works_for_a_better_one(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    assert type_code(client, outbox.last_code()).status_code == 302

    weak = choose(client, "1234567")
    mismatched = choose(client, NEW_PASSWORD, again="x")

    assert "Tu contraseña se parece demasiado a tu cédula." in weak.text
    assert "Las dos contraseñas no coinciden" in mismatched.text
    for refused in (weak, mismatched):
        assert refused.text.count("<title>Error: Nueva contraseña") == 1
        assert 'data-testid="error-summary"' in refused.text
    assert IssuedCode.objects.get().attempts == 0
    assert choose(client).status_code == 302
    assert can_log_in(NEW_PASSWORD)


def test_the_new_password_page_refuses_a_visit_without_a_code_accepted_in_this_browser(
    client: Client, person: CustomUser, outbox: Outbox
):
    direct = client.get(NEW_PASSWORD_PAGE)
    posted = choose(client)

    for response in (direct, posted):
        assert response.status_code == 200
        assert NO_PASS in response.text
        assert f'class="btn btn-primary w-100" href="{RECOVER}">Empezar de nuevo' in response.text
        assert 'name="new_password1"' not in response.text
    # A code accepted in another browser opens nothing here.
    ask_for_code(client)
    assert type_code(Client(), outbox.last_code()).status_code == 302
    assert NO_PASS in choose(client).text
    assert can_log_in("Clave-segura-2026")


def test_the_pass_to_choose_a_password_works_once(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    type_code(client, outbox.last_code())
    assert choose(client).status_code == 302
    client.post(reverse("accounts:logout"))

    again = choose(client, "Tercera-clave-2026")

    assert NO_PASS in again.text
    assert can_log_in(NEW_PASSWORD)


def test_the_pass_closes_ten_minutes_after_the_code_was_accepted(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    type_code(client, outbox.last_code())
    session = client.session
    verified_at = datetime.fromisoformat(session["recovery_pass"]["verified_at"])
    session["recovery_pass"]["verified_at"] = (verified_at - timedelta(minutes=10)).isoformat()
    session.save()

    response = choose(client)

    assert NO_PASS in response.text
    assert "recovery_pass" not in client.session
    assert can_log_in("Clave-segura-2026")


def test_an_account_handed_over_meanwhile_closes_the_pass(
    client: Client, person: CustomUser, outbox: Outbox
):
    ask_for_code(client)
    type_code(client, outbox.last_code())
    IssuedCode.objects.filter(user=person).delete()  # as a hand-over does

    assert NO_PASS in choose(client).text
    assert can_log_in("Clave-segura-2026")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12345", "Escribe el código de 6 dígitos que te llegó por mensaje de texto."),
        ("abcdef", "Escribe el código de 6 dígitos que te llegó por mensaje de texto."),
        ("", "Escribe el código de 6 dígitos que te llegó por mensaje de texto."),
    ],
)
def test_something_that_is_not_a_code_is_explained_without_spending_a_try(
    client: Client, person: CustomUser, outbox: Outbox, typed: str, message: str
):
    ask_for_code(client)

    response = send_code(client, typed)

    assert response.status_code == 200
    assert message in response.text
    assert IssuedCode.objects.get().attempts == 0


def test_a_phone_verification_code_cannot_reset_the_password(
    client: Client, person: CustomUser, outbox: Outbox
):
    send_verification_code(user=person)

    response = send_code(client, outbox.last_code())

    assert REFUSED in response.text
    assert can_log_in("Clave-segura-2026")


def test_codes_are_stored_only_as_a_keyed_hash(client: Client, person: CustomUser, outbox):
    ask_for_code(client)

    stored = IssuedCode.objects.get()
    assert stored.purpose == CodePurpose.RECOVERY
    assert outbox.last_code() not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_when_the_sms_cannot_leave_the_page_says_the_same_and_the_code_does_not_count(
    client: Client, person: CustomUser, settings, tmp_path
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.SMS = SmsConfig(backend="file", file_path=blocker / "outbox.jsonl")

    response = ask_for_code(client)

    assert "Si la cédula tiene una cuenta, enviamos un código" in response.text
    # Its trace stays, matching nothing, until codes are forgotten.
    refused = IssuedCode.objects.get()
    assert refused.undelivered_at is not None
    assert refused.code_hash == ""
    assert not OutgoingText.objects.exists()


def test_asking_for_codes_is_limited_per_client_address(client: Client, settings, outbox):
    settings.RECOVERY_RATE = "2/h"
    for cedula in ("1234567", "2345678"):
        assert ask_for_code(client, cedula).status_code == 200

    response = client.post(RECOVER, {"cedula": "3456789"})

    assert response.status_code == 429
