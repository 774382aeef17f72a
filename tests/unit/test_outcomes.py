from __future__ import annotations

import pytest
from fakes import FOUND

from cedula_domain import (
    Blocked,
    BlockKind,
    Cancellation,
    Cancelled,
    FailureKind,
    NotFound,
    PageChanged,
    Unavailable,
    is_terminal,
)
from cedula_domain.outcomes import EVIDENCE_LIMIT


def test_answers_are_terminal_and_failures_are_not() -> None:
    cancelled = Cancelled(cancellation=Cancellation(novedad="Cancelada por Muerte"))
    failures = [Blocked(block=BlockKind.CAPTCHA), Unavailable(reason="x"), PageChanged(missing="x")]

    assert all(is_terminal(outcome) for outcome in [FOUND, NotFound(), cancelled])
    assert not any(is_terminal(outcome) for outcome in failures)


@pytest.mark.parametrize(
    ("failure", "kind", "detail"),
    [
        (
            Blocked(block=BlockKind.FIREWALL, support_id="1234"),
            FailureKind.BLOCKED,
            "blocked by firewall (support id 1234)",
        ),
        (Blocked(block=BlockKind.CAPTCHA), FailureKind.BLOCKED, "blocked by captcha"),
        (Unavailable(reason="timeout"), FailureKind.UNAVAILABLE, "timeout"),
        (PageChanged(missing="#documento"), FailureKind.PAGE_CHANGED, "page changed: #documento"),
    ],
)
def test_a_failure_says_its_kind_and_what_happened(failure, kind, detail) -> None:
    assert failure.kind is kind
    assert failure.detail == detail


def test_evidence_is_cut_to_a_bounded_size() -> None:
    outcome = NotFound(evidence="x" * (EVIDENCE_LIMIT + 10))

    assert len(outcome.evidence) == EVIDENCE_LIMIT
