"""What one client may ask of the portal: registrations, existence answers, logins and
reports are limited, and a limit reached is a Spanish page with HTTP 429, never a 500."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
import redis
from django.core.cache import cache
from django.core.checks import Tags, run_checks
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.urls import reverse
from django_ratelimit.core import get_usage

from accounts.models import CustomUser
from integration.fleet.fleet_harness import RedisDatabase, Unreachable
from integration.portal.registration_support import PASSWORD, registration_data
from portal.client_address import by_client_address
from portal.rate_limits import enforce_limit

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
LOGIN = reverse("accounts:login")
# The page whose answer is saved (census.views: choosing on the first page saves nothing).
REPORT = reverse("census:report_place")
ATTACKER = "203.0.113.66"
NEIGHBOUR = "198.51.100.20"


def limit_of(rate: str) -> int:
    return int(rate.split("/")[0])


def register_from(address: str, cedula: str, **overrides: str):
    """A registration from a browser of its own at ``address`` (a registered person is
    logged in, so each new account needs a fresh browser)."""
    data = registration_data(cedula=cedula, **overrides)
    return Client(REMOTE_ADDR=address).post(REGISTER, data)


def assert_limited(response) -> None:
    assert response.status_code == 429
    assert "Demasiadas solicitudes seguidas" in response.text
    assert int(response["Retry-After"]) > 0


# Registrations


def test_registrations_from_one_address_stop_at_the_hourly_limit(settings):
    limit = limit_of(settings.REGISTRATION_RATE)
    for index in range(limit):
        assert register_from(ATTACKER, str(5_000_000 + index)).status_code == 302

    response = register_from(ATTACKER, "5999999")

    assert_limited(response)
    assert "Inténtalo de nuevo en" in response.text
    assert CustomUser.objects.count() == limit
    assert not CustomUser.objects.filter(cedula="5999999").exists()


def test_a_limited_address_does_not_stop_people_elsewhere(settings):
    for index in range(limit_of(settings.REGISTRATION_RATE) + 1):
        register_from(ATTACKER, str(5_000_000 + index))

    assert register_from(NEIGHBOUR, "6000000").status_code == 302


def test_forms_sent_back_with_mistakes_do_not_use_up_the_registrations(settings):
    for _ in range(limit_of(settings.REGISTRATION_RATE) + 2):
        mistaken = register_from(ATTACKER, "5000000", password2="Otra-clave-2026")
        assert mistaken.status_code == 200

    assert register_from(ATTACKER, "5000000").status_code == 302


def test_the_registration_limit_comes_from_the_settings(settings):
    settings.REGISTRATION_RATE = "1/h"

    assert register_from(ATTACKER, "5000000").status_code == 302
    assert_limited(register_from(ATTACKER, "5000001"))


# The existence answer


def test_asking_whether_cedulas_have_accounts_stops_at_the_limit(settings, person):
    limit = limit_of(settings.EXISTENCE_ANSWER_RATE)
    probe = Client(REMOTE_ADDR=ATTACKER)
    for index in range(limit - 1):
        probe.post(REGISTER, {"cedula": str(7_000_000 + index)})
    answered = probe.post(REGISTER, {"cedula": person.cedula})
    assert "Ya existe una cuenta registrada con esta cédula." in answered.text

    refused = probe.post(REGISTER, {"cedula": person.cedula})

    assert_limited(refused)
    assert "Ya existe" not in refused.text
    elsewhere = Client(REMOTE_ADDR=NEIGHBOUR).post(REGISTER, {"cedula": person.cedula})
    assert "Ya existe una cuenta registrada con esta cédula." in elsewhere.text


def test_reading_the_registration_page_is_not_limited(settings):
    page = Client(REMOTE_ADDR=ATTACKER)

    for _ in range(limit_of(settings.EXISTENCE_ANSWER_RATE) + 1):
        assert page.get(REGISTER).status_code == 200


# Logins


def test_spraying_a_password_over_many_cedulas_from_one_address_gets_429(settings, person):
    limit = limit_of(settings.LOGIN_RATE)
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    for index in range(limit):
        response = sprayer.post(LOGIN, {"username": str(8_000_000 + index), "password": PASSWORD})
        assert response.status_code == 200

    # Even the right password: the address has used up its attempts.
    refused = sprayer.post(LOGIN, {"username": person.cedula, "password": PASSWORD})

    assert_limited(refused)
    assert "_auth_user_id" not in sprayer.session
    citizen = Client(REMOTE_ADDR=NEIGHBOUR)
    assert citizen.post(LOGIN, {"username": person.cedula, "password": PASSWORD}).status_code == 302


def test_the_admin_s_login_counts_with_the_portal_s(settings, person):
    limit = limit_of(settings.LOGIN_RATE)
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    for index in range(limit):
        sprayer.post(LOGIN, {"username": str(8_000_000 + index), "password": PASSWORD})

    refused = sprayer.post(
        reverse("admin:login"), {"username": person.cedula, "password": PASSWORD}
    )

    assert_limited(refused)


def test_the_login_page_itself_is_not_limited(settings):
    visitor = Client(REMOTE_ADDR=ATTACKER)

    for _ in range(limit_of(settings.LOGIN_RATE) + 1):
        assert visitor.get(LOGIN).status_code == 200


# The person's result report


def test_a_person_sending_results_over_and_over_gets_429(settings, logged_in, other_person):
    for _ in range(limit_of(settings.REPORT_RATE)):
        assert logged_in.post(REPORT, {}).status_code == 400

    assert_limited(logged_in.post(REPORT, {}))
    # Counted per person, not per address: someone else on the same connection goes on.
    other = Client()
    other.force_login(other_person, backend="django.contrib.auth.backends.ModelBackend")
    assert other.post(REPORT, {}).status_code == 400


# The counts


def test_the_counts_live_in_the_database_cache_shared_by_every_process(settings):
    assert settings.RATELIMIT_USE_CACHE == "default"
    assert settings.CACHES["default"]["BACKEND"] == ("portal.counter_cache.CounterDatabaseCache")

    register_from(ATTACKER, "5000000")

    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")
        keys = [row[0] for row in cursor.fetchall()]
    assert any(settings.RATELIMIT_CACHE_PREFIX in key for key in keys)


def expiry(key: str) -> datetime:
    table = connection.ops.quote_name("pagina_madre_cache")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT expires FROM {table} WHERE cache_key = %s", [cache.make_and_validate_key(key)]
        )
        return cursor.fetchone()[0]


def test_counting_keeps_the_window_s_expiry():
    cache.add("contador", 1, 3600)
    before = expiry("contador")

    assert cache.incr("contador") == 2
    assert cache.incr("contador", 5) == 7

    assert expiry("contador") == before
    assert cache.get("contador") == 7


def test_counting_something_never_counted_fails_as_the_cache_api_says():
    with pytest.raises(ValueError, match="not found"):
        cache.incr("nunca-contado")


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_are_all_counted():
    cache.add("concurrente", 0, 3600)
    threads, per_thread = 6, 15

    def count() -> None:
        try:
            for _ in range(per_thread):
                cache.incr("concurrente")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=count) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert cache.get("concurrente") == threads * per_thread
    cache.delete("concurrente")


# Counts no traffic can evict


@pytest.fixture(
    params=[
        "database",
        # A Redis database claimed for the test (the fleet's harness) and emptied after it;
        # one at a time with the other tests of the local servers.
        pytest.param("redis", marks=pytest.mark.xdist_group("shared_servers")),
    ]
)
def counts_kept_in(request: pytest.FixtureRequest, settings) -> Iterator[str]:
    """The counts where the portal keeps them: the embedded database cache, or Redis
    (REDIS_URL)."""
    if request.param == "database":
        yield request.param
        return
    try:
        claimed = RedisDatabase.claim()
    except Unreachable as error:
        pytest.skip(f"no Redis server to count in: {error}")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": claimed.url,
        },
    }
    try:
        yield request.param
    finally:
        claimed.release()


def flood_address(index: int) -> str:
    return f"198.18.{index // 250}.{index % 250 + 1}"


def one_login_from_each_of(count: int) -> None:
    """What ``count`` other clients leave in the counts with one login each: the login's
    limit counted as its view counts it."""
    factory = RequestFactory()
    for index in range(count):
        request = factory.post(LOGIN, REMOTE_ADDR=flood_address(index))
        enforce_limit(request, group="login", rate_setting="LOGIN_RATE")


def test_a_flood_of_other_addresses_gives_a_limited_address_no_fresh_start(
    counts_kept_in, settings, person
):
    limit = limit_of(settings.LOGIN_RATE)
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    for index in range(limit):
        response = sprayer.post(LOGIN, {"username": str(8_000_000 + index), "password": PASSWORD})
        assert response.status_code == 200

    one_login_from_each_of(1_000)

    assert_limited(sprayer.post(LOGIN, {"username": person.cedula, "password": PASSWORD}))
    # Where a count had been evicted, it was by luck not the sprayer's: none was.
    assert logins_counted_from(1_000, settings) == [1] * 1_000


def logins_counted_from(count: int, settings) -> list[int]:
    factory = RequestFactory()
    return [
        get_usage(
            factory.post(LOGIN, REMOTE_ADDR=flood_address(index)),
            group="login",
            key=by_client_address,
            rate=settings.LOGIN_RATE,
            increment=False,
        )["count"]
        for index in range(count)
    ]


def cache_rows() -> int:
    table = connection.ops.quote_name("pagina_madre_cache")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        return cursor.fetchone()[0]


def test_a_write_to_a_full_table_deletes_the_expired_counts_and_keeps_every_live_one():
    before = cache_rows()
    for index in range(400):
        cache.set(f"vigente-{index}", index, 3600)
        # A timeout of 0 stores an entry already expired: a window that ended.
        cache.set(f"vencido-{index}", index, 0)
    assert cache_rows() > before + 400

    cache.set("uno-mas", 1, 3600)

    assert cache_rows() == before + 401
    assert cache.get_many([f"vigente-{index}" for index in range(400)]) == {
        f"vigente-{index}": index for index in range(400)
    }


LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def counting_in_redis(settings, url: str) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }


def cache_deploy_warnings() -> set[str]:
    return {
        message.id
        for message in run_checks(include_deployment_checks=True, tags=[Tags.caches])
        if message.id.startswith("portal.")
    }


@pytest.fixture
def local_redis() -> Iterator[redis.Redis]:
    server = redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=2)
    try:
        server.ping()
    except redis.RedisError as error:
        pytest.skip(f"no local Redis to check: {error}")
    yield server
    server.close()


def test_the_database_cache_needs_no_word_about_eviction():
    assert cache_deploy_warnings() == set()


@pytest.mark.xdist_group("shared_servers")
def test_a_redis_that_never_evicts_passes_the_deploy_checks(settings, local_redis):
    assert local_redis.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
    counting_in_redis(settings, LOCAL_REDIS)

    assert cache_deploy_warnings() == set()


@pytest.mark.xdist_group("shared_servers")
def test_a_redis_that_may_evict_the_counts_is_a_deploy_warning(settings, local_redis):
    if int(local_redis.config_get("maxmemory")["maxmemory"]) != 0:
        pytest.skip("the local Redis has a memory limit: no test may make it evict")
    counting_in_redis(settings, LOCAL_REDIS)
    original = local_redis.config_get("maxmemory-policy")["maxmemory-policy"]
    # Without a memory limit no policy ever evicts: the server's keys are safe meanwhile.
    local_redis.config_set("maxmemory-policy", "volatile-lru")
    try:
        warnings = cache_deploy_warnings()
    finally:
        local_redis.config_set("maxmemory-policy", original)

    assert warnings == {"portal.W001"}


def test_a_redis_whose_policy_cannot_be_read_is_a_deploy_warning(settings):
    counting_in_redis(settings, "redis://127.0.0.1:1/0")

    assert cache_deploy_warnings() == {"portal.W002"}
