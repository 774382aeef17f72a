from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cedula_domain import Cedula, InvalidCedula

# Enough examples to reach the edge cases of a short string, few enough to stay fast.
modest = settings(max_examples=40, deadline=None)

# Every number of 3 to 10 digits without a leading zero.
digits = st.integers(min_value=100, max_value=9_999_999_999).map(str)
separator = st.sampled_from(["", "", ".", " ", "\t", "\u00a0"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234.567.890", "1234567890"),
        ("1 234 567", "1234567"),
        ("  79123456 \n", "79123456"),
        ("123", "123"),
    ],
)
def test_a_cedula_is_read_as_its_digits_without_separators(text: str, value: str) -> None:
    assert Cedula.parse(text) == Cedula(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Escribe tu número de cédula."),
        (" . . ", "Escribe tu número de cédula."),
        ("12a456", "solo puede tener números"),
        ("١٢٣٤٥٦", "solo puede tener números"),
        ("-123456", "solo puede tener números"),
        ("0123456", "no puede empezar por cero"),
        ("12", "entre 3 y 10 dígitos"),
        ("12345678901", "entre 3 y 10 dígitos"),
    ],
)
def test_text_that_cannot_be_a_cedula_is_refused_with_a_readable_message(
    text: str, message: str
) -> None:
    with pytest.raises(InvalidCedula, match=message):
        Cedula.parse(text)


def test_a_cedula_prints_as_its_digits_and_formats_as_on_the_card() -> None:
    cedula = Cedula.parse("1234567890")

    assert str(cedula) == "1234567890"
    assert cedula.formatted == "1.234.567.890"
    assert Cedula.parse("123").formatted == "123"


@modest
@given(st.data())
def test_any_valid_number_survives_any_dots_and_spaces_inserted(data: st.DataObject) -> None:
    number = data.draw(digits)
    seps = data.draw(st.lists(separator, min_size=len(number) + 1, max_size=len(number) + 1))
    text = "".join(sep + digit for sep, digit in zip(seps, number, strict=False)) + seps[-1]

    assert Cedula.parse(text).value == number


@modest
@given(digits)
def test_the_formatted_cedula_parses_back_to_itself(number: str) -> None:
    cedula = Cedula.parse(number)

    assert Cedula.parse(cedula.formatted) == cedula


@modest
@given(
    st.text(alphabet="0123456789. "),
    st.characters().filter(lambda c: c not in "0123456789." and not c.isspace()),
    st.text(alphabet="0123456789. "),
)
def test_any_text_with_something_other_than_digits_and_separators_is_refused(
    before: str, intruder: str, after: str
) -> None:
    with pytest.raises(InvalidCedula):
        Cedula.parse(before + intruder + after)
