"""Looking up where a cédula votes: the rules, free of any framework."""

from cedula_domain.answer_source import AnswerSource
from cedula_domain.cancellation import Cancellation
from cedula_domain.cedula import Cedula, InvalidCedula
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Failure,
    FailureKind,
    Found,
    NotFound,
    Outcome,
    PageChanged,
    Terminal,
    Unavailable,
    is_terminal,
)
from cedula_domain.ports import AddResult, CedulaRepository, CensusScraper, Clock, TaskQueue
from cedula_domain.record import (
    AttemptRunning,
    IllegalTransition,
    LookupNotClaimable,
    LookupRecord,
    LookupStateError,
    LookupStatus,
    RegistraduriaAlreadyAnswered,
    status_of,
)
from cedula_domain.refresh import RefreshDecision, RefreshPolicy, RefreshReason
from cedula_domain.report import ReportDecision, ReportReason
from cedula_domain.retry import RetryPolicy
from cedula_domain.service import CedulaLookup
from cedula_domain.voting_place import Coordinates, VotingPlace

__all__ = [
    "AddResult",
    "AnswerSource",
    "AttemptRunning",
    "BlockKind",
    "Blocked",
    "Cancellation",
    "Cancelled",
    "Cedula",
    "CedulaLookup",
    "CedulaRepository",
    "CensusScraper",
    "Clock",
    "Coordinates",
    "Failure",
    "FailureKind",
    "Found",
    "IllegalTransition",
    "InvalidCedula",
    "LookupNotClaimable",
    "LookupRecord",
    "LookupStateError",
    "LookupStatus",
    "NotFound",
    "Outcome",
    "PageChanged",
    "RefreshDecision",
    "RefreshPolicy",
    "RefreshReason",
    "RegistraduriaAlreadyAnswered",
    "ReportDecision",
    "ReportReason",
    "RetryPolicy",
    "TaskQueue",
    "Terminal",
    "Unavailable",
    "VotingPlace",
    "is_terminal",
    "status_of",
]
