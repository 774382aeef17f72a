"""The text of the day before: sent once per person and election to whoever asked and has
a polling place on their card, with the place and the mesa and never the cédula; paced;
taken up after a crash without texting anyone twice."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from accounts.models import CustomUser
from elections.models import ElectionReminder
from elections.rules.election import Election
from elections.rules.pace import SendingPace
from elections.selectors import ReminderCount, reminder_counts
from elections.services import ReminderRun, ask_for_reminder, send_reminders
from elections.tasks import send_reminders as reminders_task
from integration.elections.election_fixtures import ELECTION_DAY
from integration.elections.reminder_support import Crash, Phones, make_person

pytestmark = pytest.mark.django_db

ELECTION = Election(day=ELECTION_DAY, name="Congreso")
SATURDAY = ELECTION_DAY - timedelta(days=1)
FAST = SendingPace.from_rate("1000/s")


def run(phones: Phones, clock, *, limit: int | None = None, pauses=None) -> ReminderRun:
    return send_reminders(
        election=ELECTION,
        clock=clock,
        sender=phones,
        pace=FAST,
        pause=(pauses.append if pauses is not None else lambda seconds: None),
        limit=limit,
    )


@pytest.fixture
def asked() -> list[CustomUser]:
    """Five people who asked for the text and have a place on their card."""
    return [make_person(n) for n in range(1, 6)]


def test_a_run_interrupted_after_a_text_left_and_restarted_texts_everyone_exactly_once(
    asked: list[CustomUser], today
) -> None:
    clock = today(SATURDAY, hour=10)
    phones = Phones()
    phones.crash_after_accepting = 2

    with pytest.raises(Crash):
        run(phones, clock)
    phones.restart()
    second = run(phones, clock)
    third = run(phones, clock)

    assert [len(phones.texts_to(person)) for person in asked] == [1, 1, 1, 1, 1]
    assert (second.sent, third.sent) == (3, 0)
    # The text that left just before the crash was never confirmed: unknown, not resent.
    counts = reminder_counts(election=ELECTION)
    assert counts[ReminderCount.SENT] == 4
    assert counts[ReminderCount.UNKNOWN] == 1
    assert counts[ReminderCount.PENDING] == 0


def test_a_crash_between_the_claim_and_the_send_is_unknown_and_never_sent_twice(
    asked: list[CustomUser], today
) -> None:
    clock = today(SATURDAY, hour=10)
    phones = Phones()
    phones.crash_before_sending = 3

    with pytest.raises(Crash):
        run(phones, clock)
    phones.restart()
    run(phones, clock)

    texts = [len(phones.texts_to(person)) for person in asked]
    # Whether the third text left, the portal cannot know: it never sends it again.
    assert texts == [1, 1, 0, 1, 1]
    assert ElectionReminder.objects.get(user=asked[2]).status == "claimed"
    assert reminder_counts(election=ELECTION)[ReminderCount.UNKNOWN] == 1


def test_people_who_did_not_ask_or_stopped_asking_or_have_no_place_get_nothing(
    asked: list[CustomUser], today
) -> None:
    never = make_person(10, asks=False)
    stopped = make_person(11)
    ask_for_reminder(user=stopped, wanted=False)
    without_place = make_person(12, place=False)
    phones = Phones()

    result = run(phones, today(SATURDAY, hour=10))

    assert result.sent == 5
    for person in (never, stopped, without_place):
        assert phones.texts_to(person) == []
    assert not ElectionReminder.objects.filter(user__in=[never, stopped, without_place]).exists()
    counts = reminder_counts(election=ELECTION)
    assert counts[ReminderCount.WITHOUT_PLACE] == 1
    assert counts[ReminderCount.PENDING] == 0


def test_the_text_carries_the_place_and_mesa_and_never_the_cedula(
    asked: list[CustomUser], today
) -> None:
    phones = Phones()

    run(phones, today(SATURDAY, hour=10))

    person = asked[2]
    [text] = phones.texts_to(person)
    assert text == (
        "Página Madre: mañana, domingo 8 de marzo, son las elecciones de Congreso. "
        "Votas en IE INEM JOSE FELIX DE RESTREPO, mesa 3 (CARRERA 48 # 1-125, MEDELLIN). "
        "Lleva tu cédula original."
    )
    for someone in asked:
        assert all(someone.cedula not in sent for _, sent in phones.accepted)


def test_a_text_the_service_refuses_is_marked_failed_and_not_retried(
    asked: list[CustomUser], today
) -> None:
    clock = today(SATURDAY, hour=10)
    phones = Phones()
    phones.refused = {str(asked[0].telefono)}

    first = run(phones, clock)
    phones.refused = set()
    again = run(phones, clock)

    assert (first.sent, first.failed, again.sent, again.failed) == (4, 1, 0, 0)
    assert phones.texts_to(asked[0]) == []
    refused = ElectionReminder.objects.get(user=asked[0])
    assert (refused.status, refused.error) == ("failed", "HTTP 400 from the provider")
    assert reminder_counts(election=ELECTION)[ReminderCount.FAILED] == 1


def test_texts_leave_at_the_pace_and_a_bounded_run_leaves_the_rest_to_the_next(
    asked: list[CustomUser], today
) -> None:
    clock = today(SATURDAY, hour=10)
    phones = Phones()
    pauses: list[float] = []

    first = run(phones, clock, limit=2, pauses=pauses)
    second = run(phones, clock, pauses=pauses)

    assert (first.sent, second.sent) == (2, 3)
    # One wait between two texts of a run, none before a run's first.
    assert pauses == [FAST.interval_s] * 3


@pytest.mark.parametrize(
    ("day", "hour"),
    [(SATURDAY, 8), (SATURDAY, 20), (SATURDAY - timedelta(days=1), 12), (ELECTION_DAY, 10)],
)
def test_nothing_leaves_but_the_day_before_in_waking_hours(
    asked: list[CustomUser], today, day: date, hour: int
) -> None:
    phones = Phones()

    result = run(phones, today(day, hour=hour))

    assert result == ReminderRun(due=False)
    assert phones.accepted == []
    assert not ElectionReminder.objects.exists()


def test_the_command_sends_through_the_configured_sender_once(
    asked: list[CustomUser], election: date, today, outbox, capsys
) -> None:
    today(SATURDAY, hour=9)

    call_command("send_election_reminders")
    call_command("send_election_reminders")

    sent = outbox.sent()
    assert sorted(message["to"] for message in sent) == sorted(str(p.telefono) for p in asked)
    assert all("mañana, domingo 8 de marzo" in message["text"] for message in sent)
    assert all(p.cedula not in message["text"] for p in asked for message in sent)
    out = capsys.readouterr().out
    assert "Recordatorios enviados: 5; no enviados: 0." in out
    assert "Recordatorios enviados: 0; no enviados: 0." in out


def test_the_command_says_when_nothing_is_due(
    asked: list[CustomUser], election: date, today, outbox, capsys
) -> None:
    today(SATURDAY - timedelta(days=3))

    call_command("send_election_reminders")

    assert outbox.sent() == []
    assert "No hay recordatorios que enviar ahora" in capsys.readouterr().out


def test_without_an_election_the_schedules_task_sends_nothing(
    asked: list[CustomUser], settings, today, outbox
) -> None:
    settings.ELECTION_DATE = None
    today(SATURDAY, hour=10)

    assert reminders_task() == 0
    assert outbox.sent() == []


def test_the_schedules_task_sends_what_is_due_the_day_before(
    asked: list[CustomUser], election: date, today, outbox
) -> None:
    today(SATURDAY, hour=10)

    assert reminders_task() == 5
    assert len(outbox.sent()) == 5


def test_the_reminders_are_scheduled_with_the_other_periodic_jobs() -> None:
    call_command("setup_schedules", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("setup_schedules", stdout=open(os.devnull, "w"))  # noqa: SIM115

    [schedule] = Schedule.objects.filter(func="elections.tasks.send_reminders")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (
        Schedule.MINUTES,
        1,
        -1,
    )


def test_no_text_starts_after_the_end_of_a_workers_turn(asked: list[CustomUser], today) -> None:
    clock = today(SATURDAY, hour=10)
    start = clock.current
    phones = Phones()

    def wait(seconds: float) -> None:
        clock.current += timedelta(seconds=seconds)

    result = send_reminders(
        election=ELECTION,
        clock=clock,
        sender=phones,
        pace=SendingPace.from_rate("1/s"),
        pause=wait,
        until=start + timedelta(seconds=2),
    )

    # Texts start at 0 s and 1 s; at 2 s the turn is over.
    assert result.sent == 2
    assert ElectionReminder.objects.count() == 2
