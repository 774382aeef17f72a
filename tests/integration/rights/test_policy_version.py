"""A new version of the data policy: whoever accepted an older one accepts it before using
the portal, nothing new is done with their data meanwhile, and the ledger keeps both."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import CustomUser, PolicyAcceptanceEntry
from accounts.privacy import policy
from adapters.django_repository import DjangoCedulaRepository
from census.models import CedulaInfo

pytestmark = pytest.mark.django_db

OLD, NEW = policy.POLICY_VERSION, "2099-01"
ACCEPT = reverse("accounts:accept_policy")


@pytest.fixture
def registered(register, client: Client) -> CustomUser:
    assert register().status_code == 302
    return CustomUser.objects.get()


@pytest.fixture
def new_policy(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(policy, "POLICY_VERSION", NEW)
    monkeypatch.setitem(policy.CHANGES, NEW, ("Ahora explicamos algo nuevo sobre tus datos.",))
    return NEW


def test_a_person_who_accepted_an_older_policy_accepts_the_new_one_first(
    registered, new_policy, client: Client
):
    home = client.get(reverse("census:home"))

    assert home.status_code == 302
    assert home.url == f"{ACCEPT}?next=%2F"
    page = client.get(home.url)
    assert page.status_code == 200
    assert f"Publicamos la versión <strong>{NEW}</strong>" in page.text
    assert f"tú aceptaste la versión {OLD}" in page.text
    assert "Ahora explicamos algo nuevo sobre tus datos." in page.text

    refused = client.post(ACCEPT, {"next": "/"})
    assert refused.status_code == 400
    assert "Marca la casilla para aceptar la nueva política" in refused.text
    assert client.get(reverse("accounts:profile")).status_code == 302

    accepted = client.post(ACCEPT, {"acepto": "on", "next": "/"})
    assert accepted.status_code == 302
    assert accepted.url == "/"
    assert client.get(reverse("census:home")).status_code == 200
    ledger = PolicyAcceptanceEntry.objects.filter(user=registered).order_by("pk")
    assert list(ledger.values_list("version", flat=True)) == [OLD, NEW]
    [first, second] = ledger
    assert first.accepted_at < second.accepted_at
    shown = client.get(reverse("accounts:my_data")).text
    assert OLD in shown
    assert NEW in shown


def test_until_then_the_pages_of_their_rights_stay_open(registered, new_policy, client: Client):
    for name in ("accounts:my_data", "accounts:my_data_json", "accounts:forget_me"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("accounts:data_policy")).status_code == 200


def test_the_card_polled_by_htmx_sends_the_whole_page_to_the_acceptance(
    registered, new_policy, client: Client
):
    response = client.get(reverse("census:card"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == ACCEPT


def test_until_then_their_lookup_is_neither_refreshed_nor_run(
    registered, new_policy, client: Client
):
    now = timezone.now()
    CedulaInfo.objects.create(
        user=registered,
        cedula=registered.cedula,
        status="pending",
        requested_at=now - timedelta(minutes=1),
        next_attempt_at=now - timedelta(minutes=1),
    )
    repository = DjangoCedulaRepository()

    refresh = client.post(reverse("census:refresh"))

    assert refresh.status_code == 302
    assert refresh.url == ACCEPT
    assert repository.next_due(now) is None
    assert repository.count_due(now) == 0
    client.post(ACCEPT, {"acepto": "on"})
    assert repository.next_due(now).cedula.value == registered.cedula


def test_accounts_made_by_staff_without_any_acceptance_are_not_asked(logged_in: Client, new_policy):
    assert logged_in.get(reverse("census:home")).status_code == 200


def test_an_account_made_by_staff_may_accept_the_policy_and_its_lookup_then_starts(
    person: CustomUser, logged_in: Client, django_capture_on_commit_callbacks
):
    page = logged_in.get(ACCEPT)
    assert page.status_code == 200
    assert "Tu cuenta no ha aceptado la" in page.text
    assert "Cambió nuestra política" not in page.text
    assert not CedulaInfo.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        accepted = logged_in.post(ACCEPT, {"acepto": "on", "next": "/"})

    assert accepted.url == "/"
    assert PolicyAcceptanceEntry.objects.get(user=person).version == OLD
    assert CedulaInfo.objects.get(user=person).status == "pending"


def test_an_account_that_accepted_the_current_version_goes_straight_on(registered, client):
    assert client.get(reverse("census:home")).status_code == 200
    assert client.get(ACCEPT).url == reverse("census:home")
