from __future__ import annotations

import pytest

from cedula_domain.cedula import masked_digits
from portal.rules.redaction import mask_cedulas


def test_a_cedula_in_a_line_keeps_only_its_last_four_digits() -> None:
    assert mask_cedulas("lookup for 1234567890 done") == "lookup for ****7890 done"


@pytest.mark.parametrize("cedula", ["123456", "1234567", "12345678", "123456789", "1234567890"])
def test_every_length_from_six_to_ten_digits_is_masked(cedula: str) -> None:
    masked = mask_cedulas(f"cédula={cedula};")

    assert cedula not in masked
    assert masked.startswith("cédula=****")


def test_a_short_run_shows_at_most_half_its_digits() -> None:
    assert masked_digits("123456") == "****456"


@pytest.mark.parametrize(
    "line",
    [
        "2026-11-29 22:31:07,123 INFO started",  # a timestamp's fields
        "listening on 127.0.0.1:8000",  # an address and a port
        "phone +573001234567 verified",  # a longer number: a phone
        "took 12345 ms",  # a short count
        "older than 2026-11-29 22:08:24.123465+00:00",  # microseconds
        "took 0.1234567 s",  # the fraction of a duration
        "1234567.25 pesos",  # a decimal number
    ],
)
def test_timestamps_ports_and_longer_numbers_are_left_alone(line: str) -> None:
    assert mask_cedulas(line) == line


def test_several_cedulas_in_one_line_are_each_masked() -> None:
    assert mask_cedulas("1020304050 and 43210987") == "****4050 and ****0987"


def test_a_cedula_ending_a_sentence_is_still_masked() -> None:
    assert mask_cedulas("registró la cédula 1234567890.") == "registró la cédula ****7890."
