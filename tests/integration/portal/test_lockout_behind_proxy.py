"""The lockout cannot be turned against a citizen: behind the reverse proxy it counts the
real client's address, a lockout is not renewed by attempts made during it, and one
address cannot spray a password over many cédulas."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import CustomUser
from integration.portal.registration_support import PASSWORD
from portal.client_address import client_address

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
CITIZEN = "198.51.100.20"


@pytest.fixture
def behind_one_proxy(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1


def through_proxy(client_seen_by_proxy: str, forged: str = "") -> Client:
    """A browser whose requests reach the portal through the proxy, which appends the
    address it received them from to whatever X-Forwarded-For the client sent."""
    chain = f"{forged}, {client_seen_by_proxy}" if forged else client_seen_by_proxy
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def log_in(client: Client, cedula: str, password: str):
    return client.post(LOGIN, {"username": cedula, "password": password})


def locked_out(response) -> bool:
    return response.status_code == 429 and "Demasiados intentos fallidos" in response.text


def fail_until_locked(client: Client, cedula: str, settings) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, cedula, "no-es-la-clave")
    assert locked_out(log_in(client, cedula, PASSWORD))


def test_five_wrong_passwords_from_an_attacker_do_not_lock_out_the_citizen(
    behind_one_proxy, person: CustomUser, settings
):
    fail_until_locked(through_proxy(ATTACKER), person.cedula, settings)

    response = log_in(through_proxy(CITIZEN), person.cedula, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("census:home")


def test_a_forged_forwarded_for_gives_the_attacker_no_fresh_start(
    behind_one_proxy, person: CustomUser, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(through_proxy(ATTACKER, forged=f"192.0.2.{attempt}"), person.cedula, "mala")

    assert locked_out(log_in(through_proxy(ATTACKER, forged=CITIZEN), person.cedula, PASSWORD))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def unclosed_quote(attempt: int) -> str:
    """Issue 19's forgery: an address of the client's choosing, then a quote never closed,
    which made the old reader swallow the entry the proxy appended after it."""
    return f'6.6.0.{attempt}, "'


def test_an_unclosed_quote_in_the_forwarded_for_does_not_stop_the_lockout(
    behind_one_proxy, person: CustomUser, settings
):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        forging = through_proxy(ATTACKER, forged=unclosed_quote(attempt))
        assert log_in(forging, person.cedula, "no-es-la-clave").status_code == 200

    fifth = log_in(through_proxy(ATTACKER, forged=unclosed_quote(limit)), person.cedula, "mala")

    assert locked_out(fifth)
    forging = through_proxy(ATTACKER, forged=unclosed_quote(limit + 1))
    assert locked_out(log_in(forging, person.cedula, PASSWORD))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_an_unclosed_quote_in_the_forwarded_for_does_not_lift_the_login_rate(
    behind_one_proxy, person: CustomUser, settings
):
    limit = int(settings.LOGIN_RATE.split("/")[0])
    for index in range(limit):
        sprayer = through_proxy(ATTACKER, forged=unclosed_quote(index))
        assert log_in(sprayer, str(8_000_000 + index), "Clave-comun-2026").status_code == 200

    refused = log_in(through_proxy(ATTACKER, forged=unclosed_quote(limit)), person.cedula, PASSWORD)

    assert refused.status_code == 429
    assert "Demasiadas solicitudes seguidas" in refused.text
    assert log_in(through_proxy(CITIZEN), person.cedula, PASSWORD).status_code == 302


def test_without_trusted_proxies_the_forwarded_for_header_counts_for_nothing(
    person: CustomUser, settings
):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forging = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
        log_in(forging, person.cedula, "no-es-la-clave")

    assert locked_out(log_in(Client(REMOTE_ADDR=ATTACKER), person.cedula, PASSWORD))
    assert log_in(Client(REMOTE_ADDR=CITIZEN), person.cedula, PASSWORD).status_code == 302


def test_attempts_during_the_lockout_do_not_renew_it(
    behind_one_proxy, person: CustomUser, settings
):
    attacker = through_proxy(ATTACKER)
    fail_until_locked(attacker, person.cedula, settings)
    cooloff = settings.AXES_COOLOFF_TIME

    age_attempts_by(cooloff - timedelta(minutes=10))
    for _ in range(3):
        during = log_in(attacker, person.cedula, "sigue-intentando")
        assert locked_out(during)
    assert "no alargan la espera" in during.text
    age_attempts_by(timedelta(minutes=11))

    # The lockout ended a full cool-off after the failures that caused it.
    assert log_in(attacker, person.cedula, PASSWORD).status_code == 302


def age_attempts_by(elapsed: timedelta) -> None:
    """As if ``elapsed`` had passed since every recorded failure."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - elapsed)


def test_spraying_many_cedulas_from_one_address_behind_the_proxy_gets_429(
    behind_one_proxy, person: CustomUser, settings
):
    limit = int(settings.LOGIN_RATE.split("/")[0])
    for index in range(limit):
        # Forged hops change nothing: the proxy's last one is the address that counts.
        sprayer = through_proxy(ATTACKER, forged=f"192.0.2.{index % 250}")
        assert log_in(sprayer, str(8_000_000 + index), "Clave-comun-2026").status_code == 200

    refused = log_in(through_proxy(ATTACKER), str(9_000_000), "Clave-comun-2026")

    assert refused.status_code == 429
    assert "Demasiadas solicitudes seguidas" in refused.text
    assert log_in(through_proxy(CITIZEN), person.cedula, PASSWORD).status_code == 302


def test_the_addresses_of_one_ipv6_subscriber_count_as_one(person: CustomUser, settings):
    for host in range(1, settings.AXES_FAILURE_LIMIT + 1):
        log_in(Client(REMOTE_ADDR=f"2001:db8:1:2::{host}"), person.cedula, "no-es-la-clave")

    assert locked_out(log_in(Client(REMOTE_ADDR="2001:db8:1:2::99"), person.cedula, PASSWORD))
    assert log_in(Client(REMOTE_ADDR="2001:db8:1:3::1"), person.cedula, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "client"),
    [
        (0, "198.51.100.20", "203.0.113.66", "198.51.100.20"),
        (1, PROXY, "203.0.113.66", "203.0.113.66"),
        (1, PROXY, "192.0.2.1, 203.0.113.66", "203.0.113.66"),
        (2, PROXY, "192.0.2.1, 203.0.113.66, 10.0.0.3", "203.0.113.66"),
        # A proxy that sent no header (misconfigured): the proxy is all we know.
        (1, PROXY, "", PROXY),
        (2, PROXY, "203.0.113.66", PROXY),
        (1, PROXY, "no-es-una-ip", PROXY),
        (0, "::ffff:198.51.100.20", "", "198.51.100.20"),
        (0, "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "", "2001:db8:1:2::"),
    ],
)
def test_the_client_is_read_through_the_trusted_proxies_only(
    settings, proxies: int, remote_addr: str, forwarded_for: str, client: str
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr)
    if forwarded_for:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for

    assert client_address(request) == client


def test_axes_logs_name_the_address_never_the_cedula(person: CustomUser, caplog):
    with caplog.at_level("INFO", logger="axes"):
        log_in(Client(REMOTE_ADDR=ATTACKER), person.cedula, "no-es-la-clave")

    assert ATTACKER in caplog.text
    assert person.cedula not in caplog.text
