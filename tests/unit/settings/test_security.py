"""Debug, HTTPS, the secret key and the hosts: production is the default, and a local run on
plain HTTP says so."""

from __future__ import annotations

import pytest

from pagina_madre.config import InvalidConfig, PortalConfig
from unit.settings.environments import SECRET_KEY, local, production


def test_production_without_a_secret_key_refuses_to_start_naming_it():
    with pytest.raises(InvalidConfig, match="DJANGO_SECRET_KEY is required in production"):
        PortalConfig.from_env({"DJANGO_ALLOWED_HOSTS": "portal.paginamadre.co"})


def test_a_blank_secret_key_is_no_secret_key():
    with pytest.raises(InvalidConfig, match="DJANGO_SECRET_KEY is required"):
        PortalConfig.from_env({"DJANGO_SECRET_KEY": "  "})


@pytest.mark.parametrize("env", [{"DJANGO_SECURE_SSL": "0"}, {"DJANGO_DEBUG": "1"}])
def test_a_local_run_or_debug_needs_no_secret_key(env: dict[str, str]):
    assert PortalConfig.from_env(env).security.secret_key is None


def test_a_secret_key_starting_with_a_dollar_is_taken_as_given():
    key = "$_5" + "k" * 50  # django-environ would read "$..." as another variable's name

    assert local(DJANGO_SECRET_KEY=key, _5kkk="other").security.secret_key == key
    assert production(DJANGO_SECRET_KEY=f" {key}").security.secret_key == f" {key}"


def test_with_debug_off_https_is_hardened_unless_switched_off():
    assert production().security.secure_ssl is True
    assert production().security.hsts_seconds == 31_536_000
    assert production(DJANGO_SECURE_SSL="0").security.secure_ssl is False


def test_debug_pages_never_come_with_https_hardened():
    config = PortalConfig.from_env({"DJANGO_DEBUG": "1", "DJANGO_SECURE_SSL": "1"})

    assert config.security.debug is True
    assert config.security.secure_ssl is False


def test_hosts_and_trusted_origins_are_comma_separated():
    security = production(
        DJANGO_ALLOWED_HOSTS="portal.paginamadre.co, www.paginamadre.co,",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://portal.paginamadre.co",
    ).security

    assert security.allowed_hosts == ("portal.paginamadre.co", "www.paginamadre.co")
    assert security.csrf_trusted_origins == ("https://portal.paginamadre.co",)
    assert production().security.csrf_trusted_origins == ()


def test_behind_a_proxy_hsts_and_the_forwarded_scheme_are_read():
    security = production(DJANGO_HSTS_SECONDS="600", DJANGO_BEHIND_PROXY="1").security

    assert security.hsts_seconds == 600
    assert security.behind_proxy is True
    assert repr(SECRET_KEY) not in repr(security)


def test_a_word_where_the_hsts_seconds_go_is_refused_naming_it():
    with pytest.raises(InvalidConfig, match="DJANGO_HSTS_SECONDS must be a number"):
        production(DJANGO_HSTS_SECONDS="un año")
