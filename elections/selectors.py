"""Reading election day: the card's block, a person's consent to reminders, who is waiting
for one, and the staff's counts."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import datetime

from attrs import frozen
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from accounts.models import CustomUser
from cedula_domain import VotingPlace
from census.selectors import lookups_of
from elections.models import ElectionReminder, ReminderConsentLine
from elections.presenter import (
    REMINDER_OFFER,
    REMINDER_ON,
    countdown_sentence,
    today_sentence,
)
from elections.rules.election import Election, ElectionMoment
from elections.rules.reminder import ReminderStatus
from elections.rules.reminder_consent import ConsentChange, ReminderConsent


@frozen(kw_only=True)
class ElectionCard:
    """What the census card says of the election, for a person with a polling place."""

    moment: ElectionMoment
    sentence: str
    # Whether the person asked for the text of the day before (offered while it may come).
    reminder_asked: bool
    reminder_offered: bool

    @property
    def reminder_words(self) -> str:
        if self.reminder_asked:
            return REMINDER_ON
        return REMINDER_OFFER if self.reminder_offered else ""

    @property
    def is_today(self) -> bool:
        return self.moment is ElectionMoment.TODAY


def election_card(
    *, election: Election | None, place: VotingPlace | None, user: CustomUser, now: datetime
) -> ElectionCard | None:
    """None when no election is announced, it has passed, or the card has no place."""
    if election is None or place is None:
        return None
    moment = election.moment(now)
    if moment is ElectionMoment.PAST:
        return None
    if moment is ElectionMoment.TODAY:
        return ElectionCard(
            moment=moment,
            sentence=today_sentence(election),
            reminder_asked=False,
            reminder_offered=False,
        )
    asked = reminder_consent_of(user=user).granted
    return ElectionCard(
        moment=moment,
        sentence=countdown_sentence(election, election.days_left(now)),
        reminder_asked=asked,
        # Offered only while a text asked for now could still leave.
        reminder_offered=not asked and election.reminders_ahead(now),
    )


def reminder_consent_of(*, user: CustomUser) -> ReminderConsent:
    lines = ReminderConsentLine.objects.filter(user=user).order_by("pk")
    return ReminderConsent.from_ledger(line.to_domain() for line in lines)


# ReminderConsent's rule in SQL, to find everyone at once: the latest line of a ledger (in
# the order of writing, its pk) is the state, and without any line nothing is sent. Proven
# against ReminderConsent.from_ledger by tests/integration/elections/test_reminder_consent.py.
def consenting_people() -> QuerySet[CustomUser]:
    latest = (
        ReminderConsentLine.objects.filter(user=OuterRef("pk")).order_by("-pk").values("change")[:1]
    )
    return CustomUser.objects.annotate(reminder_change=Subquery(latest)).filter(
        is_active=True, reminder_change=ConsentChange.GRANTED.value
    )


def awaiting_reminder(*, election: Election) -> QuerySet[CustomUser]:
    """People who asked for the text and have no reminder for ``election`` yet (claimed,
    sent or failed), by id; whether their card has a place is read with their lookup."""
    reminded = ElectionReminder.objects.filter(user=OuterRef("pk"), election_day=election.day)
    return consenting_people().filter(~Exists(reminded)).order_by("pk")


@frozen
class Recipient:
    user: CustomUser
    place: VotingPlace


def recipients(*, election: Election, batch: int = 200) -> Iterator[Recipient]:
    """Everyone a reminder is owed to, in order, read a batch at a time: people who asked
    for it, with no reminder for ``election`` yet, whose card has a polling place. Those
    without a place get none (there is nothing to remind them of)."""
    after = 0
    while True:
        people = list(awaiting_reminder(election=election).filter(pk__gt=after)[:batch])
        if not people:
            return
        lookups = lookups_of(people=CustomUser.objects.filter(pk__in=[p.pk for p in people]))
        for person in people:
            lookup = lookups.get(person.pk)
            if lookup is not None and lookup.voting_place is not None:
                yield Recipient(person, lookup.voting_place)
        after = people[-1].pk


class ReminderCount(enum.Enum):
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"
    PENDING = "pending"
    WITHOUT_PLACE = "without_place"


def reminder_counts(*, election: Election) -> dict[ReminderCount, int]:
    """For staff: the reminders of ``election`` sent, refused and unknown (claimed, never
    confirmed), and the people who asked for one still waiting, with a place or without."""
    rows = ElectionReminder.objects.filter(election_day=election.day)
    waiting = awaiting_reminder(election=election)
    with_place = sum(
        1
        for lookup in lookups_of(people=waiting.values("pk")).values()
        if lookup.voting_place is not None
    )
    return {
        ReminderCount.SENT: rows.filter(status=ReminderStatus.SENT.value).count(),
        ReminderCount.FAILED: rows.filter(status=ReminderStatus.FAILED.value).count(),
        ReminderCount.UNKNOWN: rows.filter(status=ReminderStatus.CLAIMED.value).count(),
        ReminderCount.PENDING: with_place,
        ReminderCount.WITHOUT_PLACE: waiting.count() - with_place,
    }
