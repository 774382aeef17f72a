"""The database and Redis: URLs checked for their kind, and never quoted back (they may hold
a password)."""

from __future__ import annotations

import pytest

from pagina_madre.config import InvalidConfig
from unit.settings.environments import local

POSTGRES = "postgres://portal:$ecreto@127.0.0.1:5432/pagina_madre"


def test_without_database_url_sqlite_lives_under_the_data_dir():
    stores = local(PAGINA_MADRE_DATA_DIR="/srv/portal").stores

    assert stores.database_url == "sqlite:////srv/portal/pagina_madre.sqlite3"
    assert stores.sqlite_busy_timeout_s == 20
    assert stores.redis_url == ""


def test_a_fleet_names_its_database_and_its_redis():
    stores = local(
        DATABASE_URL=POSTGRES, REDIS_URL="redis://127.0.0.1:6379/0", SQLITE_BUSY_TIMEOUT_S="5"
    ).stores

    assert stores.database_url == POSTGRES
    assert stores.redis_url == "redis://127.0.0.1:6379/0"
    assert stores.sqlite_busy_timeout_s == 5
    assert "ecreto" not in repr(stores)


@pytest.mark.parametrize("url", ["rediss://cache.internal:6380/1", "unix:///run/redis.sock"])
def test_redis_is_reached_by_tcp_tls_or_a_socket(url: str):
    assert local(REDIS_URL=url).stores.redis_url == url


@pytest.mark.parametrize("url", ["portal:$ecreto@db/pagina_madre", "pagina_madre.sqlite3"])
def test_a_database_url_without_a_scheme_is_refused_without_showing_it(url: str):
    with pytest.raises(InvalidConfig, match="DATABASE_URL must be a database URL") as refusal:
        local(DATABASE_URL=url)

    assert url not in str(refusal.value)


@pytest.mark.parametrize("url", ["http://:$ecreto@127.0.0.1:6379/0", "127.0.0.1:6379"])
def test_a_redis_url_of_another_kind_is_refused_without_showing_it(url: str):
    with pytest.raises(InvalidConfig, match="REDIS_URL must be a redis://") as refusal:
        local(REDIS_URL=url)

    assert url not in str(refusal.value)


def test_a_word_where_the_busy_timeout_goes_is_refused_naming_it():
    with pytest.raises(InvalidConfig, match="SQLITE_BUSY_TIMEOUT_S must be a number"):
        local(SQLITE_BUSY_TIMEOUT_S="veinte")
