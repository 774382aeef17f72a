"""Each simulator mode ends in the right outcome, with each engine, and blocks end fast."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from adapters.census_scraper.browser_scraper import BrowserScraper
from cedula_domain.outcomes import (
    Blocked,
    BlockKind,
    Cancelled,
    Found,
    NotFound,
    PageChanged,
    Unavailable,
)
from integration.scraper.scraper_support import (
    CLOSING_S,
    TIMEOUT_S,
    WELL_BEFORE_THE_BUDGET_S,
    timed_lookup,
)

pytestmark = pytest.mark.browser

SLOW_DELAY_S = 1.0
HANG_BUDGET_S = 1.5


@dataclass(frozen=True)
class Case:
    mode: str
    outcome: type
    block: BlockKind | None = None
    cedula: str = "1020304050"
    budget_s: float | None = None
    delay_s: float = SLOW_DELAY_S

    def __str__(self) -> str:
        return self.mode if self.delay_s == SLOW_DELAY_S else f"{self.mode}-{self.delay_s:g}s"


CASES = [
    Case("normal", Found),
    Case("bot_check", Found),
    Case("firewall", Blocked, BlockKind.FIREWALL),
    Case("firewall_api", Blocked, BlockKind.FIREWALL),
    Case("captcha", Blocked, BlockKind.CAPTCHA),
    Case("js_challenge", Blocked, BlockKind.JS_CHALLENGE),
    Case("js_challenge_pass", Found),
    Case("slow", Found),
    Case("hang", Unavailable, budget_s=HANG_BUDGET_S),
    Case("http_500", Unavailable),
    Case("http_503", Unavailable),
    Case("malformed_json", PageChanged),
    Case("changed_page", PageChanged),
    Case("html_answer", Found),
    # Written as an adversary would, from the site facts: text in the source that is on
    # no one's screen says nothing, a block that shows says it at once.
    Case("spa_strings", Found),
    Case("hidden_rejection", Found),
    Case("noscript_notice", Found),
    Case("captcha_loaded", Found),
    Case("captcha_after_submit", Blocked, BlockKind.CAPTCHA),
    Case("turnstile", Blocked, BlockKind.CAPTCHA),
    Case("rejected_after_form", Blocked, BlockKind.FIREWALL),
    # The app is replaced at different moments of filling the form.
    Case("rejected_during_fill", Blocked, BlockKind.FIREWALL, delay_s=0.0),
    Case("rejected_during_fill", Blocked, BlockKind.FIREWALL, delay_s=0.05),
    Case("rejected_during_fill", Blocked, BlockKind.FIREWALL, delay_s=0.15),
    Case("status_403_json", Blocked, BlockKind.FIREWALL),
    Case("status_429", Blocked, BlockKind.FIREWALL),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_mode_ends_in_its_outcome(scraper: BrowserScraper, census_sim: Any, case: Case):
    census_sim.set_mode(case.mode, delay_s=case.delay_s)

    outcome, elapsed = timed_lookup(scraper, case.cedula, case.budget_s)

    assert isinstance(outcome, case.outcome), outcome
    assert outcome.engine == scraper.engine
    if case.block is not None:
        assert isinstance(outcome, Blocked)
        assert outcome.block is case.block
    if case.outcome in (Blocked, Unavailable, PageChanged) and case.budget_s is None:
        assert elapsed < WELL_BEFORE_THE_BUDGET_S, (
            f"{case.mode} took {elapsed:.1f} s of a {TIMEOUT_S} s budget"
        )


def test_a_found_place_is_read_with_its_quirks_cleaned(
    stealth_scraper: BrowserScraper, census_sim: Any
):
    outcome, _ = timed_lookup(stealth_scraper, "1144000111")

    assert isinstance(outcome, Found)
    place = outcome.place
    assert (place.departamento, place.municipio) == ("VALLE", "CALI")
    assert place.puesto == "COLEGIO SANTA LIBRADA"
    assert place.mesa == "23"
    assert place.coordinates is not None
    assert '"nom_puesto": "  COLEGIO SANTA LIBRADA "' in outcome.evidence


def test_a_cancelled_cedula_is_read_with_its_reason(
    stealth_scraper: BrowserScraper, census_sim: Any
):
    outcome, _ = timed_lookup(stealth_scraper, "20000051")

    assert isinstance(outcome, Cancelled)
    assert outcome.cancellation.novedad == "Cancelada por Muerte Facultad Ley"
    assert outcome.cancellation.resolucion == "1051"


def test_a_cedula_outside_the_census_is_not_found(stealth_scraper: BrowserScraper, census_sim: Any):
    outcome, _ = timed_lookup(stealth_scraper, "99999999")

    assert isinstance(outcome, NotFound)
    assert "no se encuentra en el censo" in outcome.message


@pytest.mark.parametrize(
    ("cedula", "expected"),
    [("20000022", Cancelled), ("1000000001", NotFound), ("43210987", Found)],
)
def test_without_json_the_answer_is_read_from_the_rendered_page(
    stealth_scraper: BrowserScraper, census_sim: Any, cedula: str, expected: type
):
    census_sim.set_mode("html_answer")

    outcome, _ = timed_lookup(stealth_scraper, cedula)

    assert isinstance(outcome, expected), outcome


@pytest.mark.parametrize(
    ("cedula", "outcome_type", "block"),
    [
        ("900000001", Blocked, BlockKind.FIREWALL),
        ("900000002", Blocked, BlockKind.CAPTCHA),
        ("900000005", Unavailable, None),
        ("900000007", PageChanged, None),
    ],
)
def test_reserved_cedulas_trigger_their_failure_in_normal_mode(
    stealth_scraper: BrowserScraper,
    census_sim: Any,
    cedula: str,
    outcome_type: type,
    block: BlockKind | None,
):
    outcome, elapsed = timed_lookup(stealth_scraper, cedula)

    assert isinstance(outcome, outcome_type), outcome
    assert getattr(outcome, "block", None) is block
    assert elapsed < WELL_BEFORE_THE_BUDGET_S


def test_a_lookup_never_outlasts_its_budget_when_the_api_never_answers(
    stealth_scraper: BrowserScraper, census_sim: Any
):
    outcome, elapsed = timed_lookup(stealth_scraper, "900000004", budget_s=1.5)

    assert isinstance(outcome, Unavailable)
    assert "1.5 s del presupuesto" in outcome.reason
    assert elapsed < 1.5 + CLOSING_S


def test_a_block_keeps_the_rejection_page_and_its_support_id(
    stealth_scraper: BrowserScraper, census_sim: Any
):
    census_sim.set_mode("firewall")

    outcome, _ = timed_lookup(stealth_scraper, "1020304050")

    assert isinstance(outcome, Blocked)
    assert outcome.support_id.isdigit()
    assert "Request Rejected" in outcome.evidence
    assert census_sim.requests("POST /back/api/consulta") == 0


def test_one_lookup_makes_one_consulta_call(stealth_scraper: BrowserScraper, census_sim: Any):
    timed_lookup(stealth_scraper, "72123456")

    stats = census_sim.stats()
    assert stats["requests"]["GET /"] == 1
    assert [call["cedula"] for call in stats["consultas"]] == ["72123456"]
