"""Looking up where a cédula votes: the rules, free of any framework."""

from cedula_domain.answer_source import AnswerSource
from cedula_domain.breaker import Admission, Breaker, BreakerPolicy, BreakerState
from cedula_domain.cancellation import Cancellation
from cedula_domain.cedula import Cedula, InvalidCedula
from cedula_domain.line import PlaceInLine
from cedula_domain.official_place import OfficialPlace, PlaceCode, PlaceMatch, Unmatched
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Failure,
    FailureKind,
    Found,
    NotEnabled,
    NotFound,
    Outcome,
    PageChanged,
    Terminal,
    Unavailable,
    is_terminal,
)
from cedula_domain.place_matching import Candidates, MatchCounts, code_named, match_place
from cedula_domain.place_names import name_key
from cedula_domain.ports import (
    AddResult,
    CedulaRepository,
    CensusScraper,
    Clock,
    Pace,
    PollingPlaces,
    SourceRepository,
    TaskQueue,
)
from cedula_domain.priority import Priority
from cedula_domain.record import (
    OUTCOME_NAMES,
    AttemptRunning,
    IllegalTransition,
    LookupNotClaimable,
    LookupRecord,
    LookupStateError,
    LookupStatus,
    RegistraduriaAlreadyAnswered,
    outcome_name,
    status_of,
)
from cedula_domain.refresh import RefreshDecision, RefreshPolicy, RefreshReason
from cedula_domain.report import ReportDecision, ReportReason
from cedula_domain.restriction import Restriction
from cedula_domain.retry import RetryPolicy
from cedula_domain.service import CedulaLookup
from cedula_domain.throughput import AttemptTimes, Throughput
from cedula_domain.voting_place import Coordinates, VotingPlace
from cedula_domain.way_forward import WayForward, way_forward

__all__ = [
    "OUTCOME_NAMES",
    "AddResult",
    "Admission",
    "AnswerSource",
    "AttemptRunning",
    "AttemptTimes",
    "BlockKind",
    "Blocked",
    "Breaker",
    "BreakerPolicy",
    "BreakerState",
    "Cancellation",
    "Cancelled",
    "Candidates",
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
    "MatchCounts",
    "NotEnabled",
    "NotFound",
    "OfficialPlace",
    "Outcome",
    "Pace",
    "PageChanged",
    "PlaceCode",
    "PlaceInLine",
    "PlaceMatch",
    "PollingPlaces",
    "Priority",
    "RefreshDecision",
    "RefreshPolicy",
    "RefreshReason",
    "RegistraduriaAlreadyAnswered",
    "ReportDecision",
    "ReportReason",
    "Restriction",
    "RetryPolicy",
    "SourceRepository",
    "TaskQueue",
    "Terminal",
    "Throughput",
    "Unavailable",
    "Unmatched",
    "VotingPlace",
    "WayForward",
    "code_named",
    "is_terminal",
    "match_place",
    "name_key",
    "outcome_name",
    "status_of",
    "way_forward",
]
