from __future__ import annotations

import pytest

from portal.rules.person_name import first_name


@pytest.mark.parametrize(
    ("full_name", "shown"),
    [
        ("Ana María Rodríguez Pérez", "Ana"),
        ("María José Gómez", "María"),
        ("Shakira", "Shakira"),
        ("  Policarpa   Salavarrieta  ", "Policarpa"),
        ("Jorge\tEliécer Gaitán", "Jorge"),
        ("Jean-Paul Restrepo", "Jean-Paul"),
    ],
)
def test_the_first_name_is_the_first_word_whatever_the_spaces(full_name: str, shown: str):
    assert first_name(full_name) == shown


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_name_has_no_first_name(blank: str):
    assert first_name(blank) == ""
