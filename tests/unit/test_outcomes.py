from __future__ import annotations

import pytest
from fakes import FOUND

from cedula_domain import (
    Blocked,
    BlockKind,
    Cancellation,
    Cancelled,
    FailureKind,
    NotEnabled,
    NotFound,
    PageChanged,
    Restriction,
    Unavailable,
    is_terminal,
    outcome_name,
)
from cedula_domain.outcomes import EVIDENCE_LIMIT


def test_answers_are_terminal_and_failures_are_not() -> None:
    cancelled = Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte"))
    not_enabled = NotEnabled(reason="No se encuentra habilitado para votar")
    failures = [Blocked(block=BlockKind.CAPTCHA), Unavailable(reason="x"), PageChanged(missing="x")]

    answers = [FOUND, NotFound(), cancelled, not_enabled]
    assert all(is_terminal(outcome) for outcome in answers)
    assert not any(is_terminal(outcome) for outcome in failures)


@pytest.mark.parametrize(
    ("failure", "kind", "detail"),
    [
        (
            Blocked(block=BlockKind.FIREWALL, support_id="1234"),
            FailureKind.BLOCKED,
            "bloqueada por un cortafuegos (código de soporte 1234)",
        ),
        (Blocked(block=BlockKind.CAPTCHA), FailureKind.BLOCKED, "bloqueada por un CAPTCHA"),
        (
            Unavailable(reason="el portal respondió HTTP 500"),
            FailureKind.UNAVAILABLE,
            "el portal respondió HTTP 500",
        ),
        (
            PageChanged(missing="#documento"),
            FailureKind.PAGE_CHANGED,
            "la página cambió: falta #documento",
        ),
    ],
)
def test_a_failure_says_its_kind_and_what_happened(failure, kind, detail) -> None:
    assert failure.kind is kind
    assert failure.detail == detail


@pytest.mark.parametrize("block", list(BlockKind))
def test_every_block_is_told_to_operators_in_spanish_words_not_its_code(block) -> None:
    detail = Blocked(block=block).detail

    assert detail.startswith("bloqueada por ")
    assert block.value not in detail


def test_a_cedula_not_enabled_keeps_what_the_census_said_as_a_restriction() -> None:
    outcome = NotEnabled(
        reason="Vigente con pérdida o suspensión de los derechos políticos",
        resolucion="0456",
        fecha="2024-02-10",
    )

    assert outcome.restriction == Restriction(
        reason="Vigente con pérdida o suspensión de los derechos políticos",
        resolucion="0456",
        fecha="2024-02-10",
    )


def test_evidence_is_cut_to_a_bounded_size() -> None:
    outcome = NotFound(evidence="x" * (EVIDENCE_LIMIT + 10))

    assert len(outcome.evidence) == EVIDENCE_LIMIT


def test_an_attempt_is_stored_under_the_status_its_answer_leads_to_or_its_failure_kind():
    assert outcome_name(NotFound(message="no")) == "not_found"
    assert outcome_name(Unavailable(reason="HTTP 500")) == "unavailable"
