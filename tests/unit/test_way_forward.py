"""Who is offered to finish their lookup on the Registraduría's page, and why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from attrs import evolve
from fakes import CEDULA, FOUND, LEASE, PLACE, START, top_of_range

from cedula_domain import (
    AnswerSource,
    Blocked,
    BlockKind,
    Breaker,
    BreakerPolicy,
    LookupRecord,
    NotFound,
    PageChanged,
    RetryPolicy,
    Unavailable,
    WayForward,
    way_forward,
)

POLICY = RetryPolicy(random=top_of_range)
MINUTE = timedelta(minutes=1)
CLOSED = Breaker()


def blocks(kind: BlockKind, times: int = 3) -> Breaker:
    breaker = CLOSED
    for _ in range(times):
        breaker = breaker.after(Blocked(block=kind), START, BreakerPolicy())
    return breaker


SITE_WANTS_CAPTCHA = blocks(BlockKind.CAPTCHA)
SITE_FIREWALLED = blocks(BlockKind.FIREWALL)
PROBING_ON_CAPTCHA = SITE_WANTS_CAPTCHA.start_probe(START + timedelta(hours=1), LEASE)
PAGE_CHANGED = CLOSED
for _ in range(3):
    PAGE_CHANGED = PAGE_CHANGED.after(PageChanged(missing="#documento"), START, BreakerPolicy())


def waiting() -> LookupRecord:
    """Requested, never tried: it waits in line."""
    return LookupRecord.requested(CEDULA, START)


def tried(outcome, attempt: int = 1) -> LookupRecord:
    claimed = evolve(waiting(), attempts=attempt - 1).claim(START, LEASE)
    return claimed.record_outcome(outcome, START, POLICY)


def gave_up() -> LookupRecord:
    return tried(Unavailable(reason="down"), attempt=3)


def running() -> LookupRecord:
    return waiting().claim(START, LEASE)


@pytest.mark.parametrize(
    ("record", "site", "reason"),
    [
        (gave_up(), CLOSED, WayForward.GAVE_UP),
        (tried(Blocked(block=BlockKind.CAPTCHA), attempt=3), CLOSED, WayForward.GAVE_UP),
        (tried(Blocked(block=BlockKind.CAPTCHA)), CLOSED, WayForward.CAPTCHA),
        (waiting(), SITE_WANTS_CAPTCHA, WayForward.CAPTCHA),
        (waiting(), PROBING_ON_CAPTCHA, WayForward.CAPTCHA),
        (waiting(), SITE_FIREWALLED, WayForward.SITE_REFUSES),
        (waiting(), blocks(BlockKind.BOT_DETECTED), WayForward.SITE_REFUSES),
        (tried(Blocked(block=BlockKind.CAPTCHA)), SITE_FIREWALLED, WayForward.SITE_REFUSES),
        (waiting(), PAGE_CHANGED, WayForward.PAGE_CHANGED),
        (tried(PageChanged(missing="#documento")), PAGE_CHANGED, WayForward.PAGE_CHANGED),
        (gave_up(), PAGE_CHANGED, WayForward.GAVE_UP),
        (
            evolve(gave_up(), voting_place=PLACE, source=AnswerSource.OPERATOR),
            CLOSED,
            WayForward.GAVE_UP,
        ),
        (
            gave_up().report(FOUND, START, AnswerSource.PERSON).restart(START + MINUTE),
            SITE_WANTS_CAPTCHA,
            WayForward.CAPTCHA,
        ),
    ],
    ids=[
        "the lookup gave up",
        "the lookup gave up at a captcha",
        "its own attempt met a captcha, attempts left",
        "waiting while the site wants a captcha of everyone",
        "waiting while a probe runs",
        "waiting while a firewall refuses everyone",
        "waiting while a bot check refuses everyone",
        "its captcha, but the site now refuses for another reason",
        "waiting while the page changed",
        "its own attempt met the changed page",
        "gave up, whatever the site",
        "gave up showing an operator's answer",
        "a refresh of what the person told before",
    ],
)
def test_the_person_gets_the_way_forward_when_the_site_will_not_answer_soon(
    record, site, reason
) -> None:
    assert way_forward(record, site) is reason


@pytest.mark.parametrize(
    ("record", "site"),
    [
        (waiting(), CLOSED),
        (tried(Blocked(block=BlockKind.FIREWALL)), blocks(BlockKind.FIREWALL, 2)),
        (tried(Unavailable(reason="down")), CLOSED),
        (running(), SITE_WANTS_CAPTCHA),
        (running(), PAGE_CHANGED),
        (evolve(waiting(), source=AnswerSource.REGISTRADURIA, voting_place=PLACE), PAGE_CHANGED),
        (evolve(gave_up(), source=AnswerSource.REGISTRADURIA, voting_place=PLACE), CLOSED),
        (tried(Blocked(block=BlockKind.CAPTCHA)).report(FOUND, START, AnswerSource.PERSON), CLOSED),
        (waiting().report(NotFound(), START, AnswerSource.PERSON), SITE_WANTS_CAPTCHA),
        (gave_up().report(NotFound(), START, AnswerSource.PERSON), CLOSED),
        (gave_up().report(FOUND, START, AnswerSource.OPERATOR), PAGE_CHANGED),
        (tried(FOUND), SITE_WANTS_CAPTCHA),
    ],
    ids=[
        "waiting, the site answering",
        "its own attempt met a firewall, the site still asked",
        "its own attempt met a site that was down",
        "an attempt runs, the site wanting a captcha",
        "an attempt runs, the page changed",
        "a refresh of the registraduria's answer",
        "gave up showing the registraduria's answer",
        "the person told us while waiting",
        "the person told us while waiting behind the breaker",
        "the person told us after it gave up",
        "an operator answered",
        "the registraduria answered",
    ],
)
def test_nobody_gets_the_way_forward_otherwise(record, site) -> None:
    assert way_forward(record, site) is None


def test_a_probe_only_takes_a_last_attempt_that_was_offered_the_way_forward_first() -> None:
    last_try = tried(Blocked(block=BlockKind.CAPTCHA), attempt=2)
    site = SITE_FIREWALLED

    offered = way_forward(last_try, site)
    probed = last_try.claim(site.retry_at, LEASE)
    after = probed.record_outcome(Blocked(block=BlockKind.FIREWALL), site.retry_at, POLICY)

    assert offered is WayForward.SITE_REFUSES
    assert way_forward(probed, site.start_probe(site.retry_at, LEASE)) is None
    assert way_forward(after, site) is WayForward.GAVE_UP
