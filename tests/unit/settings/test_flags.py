"""Every true/false setting is read one way, the census's included: 1, true, yes, on, sí or
0, false, no, off, in any case; anything else stops the portal, naming the variable."""

from __future__ import annotations

import pytest

from adapters.environment import Environment
from pagina_madre.config import InvalidConfig
from unit.settings.environments import local

FLAGS = (
    "DJANGO_DEBUG",
    "DJANGO_SECURE_SSL",
    "DJANGO_BEHIND_PROXY",
    "PHONE_VERIFICATION",
    "STAFF_TOTP",
    "REGISTRATION_CHALLENGE",
    "WHITENOISE_USE_FINDERS",
    "CENSUS_SIMULATED",
    "CENSUS_HEADLESS",
)


@pytest.mark.parametrize("word", ["1", "true", "True", "yes", "on", "ON", "sí", "Sí", "si", " on "])
def test_these_words_are_true(word: str):
    assert Environment({"FLAG": word}).flag("FLAG") is True


@pytest.mark.parametrize("word", ["0", "false", "FALSE", "no", "No", "off", " 0 "])
def test_these_words_are_false(word: str):
    assert Environment({"FLAG": word}).flag("FLAG") is False


@pytest.mark.parametrize("env", [{}, {"FLAG": ""}, {"FLAG": "  "}])
def test_an_unset_or_blank_flag_leaves_the_default_to_its_value(env: dict[str, str]):
    assert Environment(env).flag("FLAG") is None


@pytest.mark.parametrize("word", ["quizás", "2", "-1", "verdadero", "y", "n", "sii", "nope"])
def test_any_other_word_is_refused_naming_the_variable(word: str):
    with pytest.raises(ValueError, match=f"FLAG must be true or false, not {word!r}"):
        Environment({"FLAG": word}).flag("FLAG")


@pytest.mark.parametrize("name", FLAGS)
def test_every_true_or_false_setting_refuses_nonsense_naming_it(name: str):
    with pytest.raises(InvalidConfig, match=f"{name} must be true or false"):
        local(**{name: "quizás"})


def test_a_true_or_false_setting_reads_si_and_refuses_nonsense_naming_it():
    assert local(PHONE_VERIFICATION="sí").phone_verification is True
    with pytest.raises(InvalidConfig, match="PHONE_VERIFICATION must be true or false"):
        local(PHONE_VERIFICATION="quizás")


def test_each_flag_reaches_its_setting():
    config = local(
        DJANGO_BEHIND_PROXY="yes",
        PHONE_VERIFICATION="on",
        STAFF_TOTP="true",
        REGISTRATION_CHALLENGE="1",
        WHITENOISE_USE_FINDERS="off",
        CENSUS_SIMULATED="sí",
    )

    assert config.security.behind_proxy is True
    assert config.phone_verification is True
    assert config.staff_totp is True
    assert config.limits.registration_challenge is True
    assert config.whitenoise_use_finders is False
    assert config.census.simulated is True
