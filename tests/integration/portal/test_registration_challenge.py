"""The optional proof of work on registration (REGISTRATION_CHALLENGE=1): our own ALTCHA
challenge, solved here as a browser would, so the tests prove the server's check."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from altcha import solve_challenge_v1
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.identity.challenge import CHALLENGE_LIFETIME, NOT_SOLVED, new_challenge
from accounts.models import CustomUser, UsedChallenge
from integration.portal.csp_support import watch_for_violations
from integration.portal.registration_support import registration_data

REGISTER = reverse("accounts:register")
CHALLENGE = re.compile(r'data-registration-challenge="([^"]+)"')


@pytest.fixture
def challenge_on(settings) -> None:
    settings.REGISTRATION_CHALLENGE = True
    # Small, so that solving it in Python takes no time.
    settings.REGISTRATION_CHALLENGE_MAX_NUMBER = 2_000


def challenge_of(page: str) -> dict[str, Any]:
    found = CHALLENGE.search(page)
    assert found, "the registration page carries no challenge"
    return json.loads(html.unescape(found.group(1)))


def solution(challenge: dict[str, Any], **changes: Any) -> str:
    """What the page's script sends: the challenge with the number that solves it."""
    solved = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    assert solved is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solved.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
        **changes,
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def register_solving(client: Client, **overrides: Any):
    page = client.get(REGISTER).text
    data = registration_data(reto=solution(challenge_of(page)), **overrides)
    return client.post(REGISTER, data)


@pytest.mark.django_db
def test_without_the_setting_registration_asks_for_no_challenge(client: Client):
    assert not CHALLENGE.search(client.get(REGISTER).text)
    assert client.post(REGISTER, registration_data()).status_code == 302


@pytest.mark.django_db
def test_a_solved_challenge_lets_the_person_register(challenge_on, client: Client):
    response = register_solving(client)

    assert response.status_code == 302
    assert CustomUser.objects.filter(cedula="1234567890").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reto",
    [
        None,
        "",
        "no-es-base64",
        base64.b64encode(b'{"algorithm": "SHA-256"}').decode(),
    ],
)
def test_a_form_without_a_solution_is_refused_in_spanish(challenge_on, client: Client, reto):
    response = client.post(REGISTER, registration_data(reto=reto))

    assert response.status_code == 200
    assert html.escape(NOT_SOLVED) in response.text or NOT_SOLVED in response.text
    assert 'value="María Fernanda López"' in response.text
    assert not CustomUser.objects.exists()


@pytest.mark.django_db
def test_a_wrong_number_is_refused(challenge_on, client: Client):
    challenge = challenge_of(client.get(REGISTER).text)
    wrong = solution(challenge, number=challenge["maxNumber"] + 1)

    response = client.post(REGISTER, registration_data(reto=wrong))

    assert response.status_code == 200
    assert not CustomUser.objects.exists()


@pytest.mark.django_db
def test_a_challenge_we_did_not_sign_is_refused(challenge_on, client: Client):
    challenge = challenge_of(client.get(REGISTER).text)
    forged = solution(challenge, signature="0" * 64)

    assert client.post(REGISTER, registration_data(reto=forged)).status_code == 200
    assert not CustomUser.objects.exists()


@pytest.mark.django_db
def test_a_solution_serves_for_one_registration_only(challenge_on, client: Client):
    reto = solution(challenge_of(client.get(REGISTER).text))
    assert client.post(REGISTER, registration_data(reto=reto)).status_code == 302

    again = Client().post(REGISTER, registration_data(reto=reto, cedula="7654321"))

    assert again.status_code == 200
    assert not CustomUser.objects.filter(cedula="7654321").exists()


def other_address(index: int) -> str:
    return f"198.18.{index // 250}.{index % 250 + 1}"


@pytest.mark.django_db
def test_a_used_solution_stays_refused_after_hundreds_of_other_posts(challenge_on, client):
    reto = solution(challenge_of(client.get(REGISTER).text))
    assert client.post(REGISTER, registration_data(reto=reto)).status_code == 302

    # Each from an address of its own, each using up a solution of its own, each counted
    # by the limits: 200 such posts once evicted the mark of the first use.
    others = Client()
    for index in range(250):
        mistaken = registration_data(
            reto=solution(new_challenge()), cedula=str(7_000_000 + index), password2="Otra-2026"
        )
        sent = others.post(REGISTER, mistaken, REMOTE_ADDR=other_address(index))
        assert sent.status_code == 200

    again = others.post(
        REGISTER, registration_data(reto=reto, cedula="7654321"), REMOTE_ADDR=other_address(250)
    )

    assert again.status_code == 200
    assert html.escape(NOT_SOLVED) in again.text or NOT_SOLVED in again.text
    assert not CustomUser.objects.filter(cedula="7654321").exists()


@pytest.mark.django_db
def test_the_marks_of_expired_challenges_go_as_new_solutions_are_used(challenge_on, client):
    now = timezone.now()
    UsedChallenge.objects.create(signature="a" * 64, expires_at=now - timedelta(seconds=1))
    UsedChallenge.objects.create(signature="b" * 64, expires_at=now + timedelta(minutes=5))

    assert register_solving(client).status_code == 302

    kept = set(UsedChallenge.objects.values_list("signature", flat=True))
    assert "a" * 64 not in kept
    assert "b" * 64 in kept
    assert len(kept) == 2


@pytest.mark.django_db
def test_a_challenge_past_its_lifetime_is_refused(
    challenge_on, client: Client, monkeypatch: pytest.MonkeyPatch
):
    issued_at = timezone.now() - CHALLENGE_LIFETIME - timedelta(minutes=1)
    with monkeypatch.context() as then:
        then.setattr("accounts.identity.challenge.timezone.now", lambda: issued_at)
        old_page = client.get(REGISTER).text

    response = client.post(REGISTER, registration_data(reto=solution(challenge_of(old_page))))

    assert response.status_code == 200
    assert not CustomUser.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_browser_solves_the_challenge_as_the_person_registers(
    challenge_on, settings, browser_page: Page
):
    settings.REGISTRATION_CHALLENGE_MAX_NUMBER = 50_000
    page = browser_page
    violations = watch_for_violations(page)
    page.goto("/registro/")

    page.get_by_label("Nombre completo").fill("Policarpa Salavarrieta")
    page.get_by_label("Cédula").fill("52345678")
    page.get_by_label("Teléfono").fill("3104567890")
    page.get_by_label("Contraseña", exact=True).fill("Clave-segura-2026")
    page.get_by_label("Repite la contraseña").fill("Clave-segura-2026")
    page.get_by_label("Acepto la").check()
    page.get_by_role("button", name="Registrarme").click()

    expect(page.get_by_role("heading", name="Hola, Policarpa")).to_be_visible(timeout=30_000)
    assert CustomUser.objects.filter(cedula="52345678").exists()
    assert violations == []
