"""The codes the census tables store, named by the domain (census.models and the adapters
store them; census.presenter only words them). Renaming one would orphan every row stored
under the old name: that takes a data migration, never a change of words."""

from __future__ import annotations

from enum import Enum
from typing import Any

from fakes import FOUND

from cedula_domain import (
    OUTCOME_NAMES,
    AnswerSource,
    Blocked,
    BlockKind,
    BreakerState,
    Cancellation,
    Cancelled,
    FailureKind,
    LookupStatus,
    NotEnabled,
    NotFound,
    PageChanged,
    Priority,
    Unavailable,
    outcome_name,
)


def values(codes: type[Enum]) -> list[Any]:
    return [member.value for member in codes]


def test_the_codes_of_each_stored_enum_are_the_ones_rows_already_hold():
    assert values(LookupStatus) == [
        "pending",
        "processing",
        "found",
        "not_found",
        "cancelled",
        "not_enabled",
        "error",
    ]
    assert values(FailureKind) == ["blocked", "unavailable", "page_changed", "interrupted"]
    assert values(BlockKind) == ["firewall", "captcha", "js_challenge", "bot_detected"]
    assert values(AnswerSource) == ["registraduria", "persona", "operador"]
    assert values(BreakerState) == ["closed", "open", "probing", "changed"]
    assert values(Priority) == [0, 1, 2]


def test_an_attempt_is_stored_under_an_answers_status_or_a_failures_kind():
    assert OUTCOME_NAMES == (
        "found",
        "not_found",
        "cancelled",
        "not_enabled",
        "blocked",
        "unavailable",
        "page_changed",
        "interrupted",
    )


def test_every_outcome_is_stored_under_one_of_the_outcome_names():
    outcomes = [
        FOUND,
        NotFound(),
        Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte")),
        NotEnabled(reason="No se encuentra habilitado para votar"),
        *(Blocked(block=kind) for kind in BlockKind),
        Unavailable(reason="HTTP 500"),
        PageChanged(missing="#documento"),
    ]

    assert {outcome_name(outcome) for outcome in outcomes} <= set(OUTCOME_NAMES)
