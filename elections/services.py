"""Writing election day: a person asks for the reminder text or stops asking, and the
reminders of the day before leave, once each.

Sending never texts anyone twice: each reminder is claimed first (a row unique per person
and election, written before the text leaves), then marked sent or failed once the SMS
service answered. A run that stops anywhere (a crash, a kill, the end of its time) is
taken up by the next, which skips every claimed reminder: one claimed and never marked
is counted as unknown, never sent again (``elections.rules.reminder``). The texts leave
at ``REMINDER_RATE``, and only in the hours the election allows (``reminders_due``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from attrs import frozen
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import CustomUser
from cedula_domain import Clock
from census.presenter import place_address
from elections.models import ElectionReminder, ReminderConsentLine
from elections.presenter import reminder_text
from elections.rules.election import Election
from elections.rules.pace import SendingPace
from elections.rules.reminder import ReminderStatus
from elections.selectors import Recipient, recipients, reminder_consent_of
from pagina_madre.bootstrap.elections import election_clock, next_election, pause, reminder_pace
from pagina_madre.bootstrap.sms import SmsNotSent, sms_sender

if TYPE_CHECKING:
    from adapters.sms import SmsSender

logger = logging.getLogger(__name__)


def ask_for_reminder(*, user: CustomUser, wanted: bool) -> bool:
    """Grant (``wanted``) or withdraw the consent to the text of the day before; each
    change is a new line of the ledger. Whether anything changed."""
    now = timezone.now()
    with transaction.atomic():
        # Locked so that two changes at once are written one after the other.
        CustomUser.objects.select_for_update().filter(pk=user.pk).first()
        consent = reminder_consent_of(user=user)
        changed = consent.grant(now) if wanted else consent.withdraw(now)
        if changed == consent or changed.latest is None:
            return False
        ReminderConsentLine.objects.create(
            user=user, change=changed.latest.change.value, at=changed.latest.at
        )
        return True


@frozen(kw_only=True)
class ReminderRun:
    # False: no election announced, or not the time of its reminders; nothing was done.
    due: bool
    sent: int = 0
    failed: int = 0


def send_due_reminders(*, within_s: float | None = None) -> ReminderRun:
    """The entry points' use case: the reminders due now leave, through the SMS sender the
    settings name, at their pace; ``within_s`` bounds the run (a worker's turn: no text is
    started after it, and no more than the pace fits in it), None sends them all."""
    election = next_election()
    if election is None:
        return ReminderRun(due=False)
    pace, clock = reminder_pace(), election_clock()
    bounded = within_s is not None
    return send_reminders(
        election=election,
        clock=clock,
        sender=sms_sender(),
        pace=pace,
        pause=pause,
        limit=pace.texts_within(within_s) if bounded else None,
        until=clock.now() + timedelta(seconds=within_s) if bounded else None,
    )


def send_reminders(
    *,
    election: Election,
    clock: Clock,
    sender: SmsSender,
    pace: SendingPace,
    pause: Callable[[float], None],
    limit: int | None = None,
    until: datetime | None = None,
) -> ReminderRun:
    """Send the reminders of ``election`` owed now, at most ``limit`` and none started
    after ``until``, waiting the pace's interval between two texts; stops when their hours
    end."""
    if not election.reminders_due(clock.now()):
        return ReminderRun(due=False)
    sent = failed = 0
    for recipient in recipients(election=election):
        if limit is not None and sent + failed >= limit:
            break
        if sent + failed:
            pause(pace.interval_s)
        now = clock.now()
        if not election.reminders_due(now) or (until is not None and now >= until):
            break
        reminder = _claim(recipient.user, election, clock.now())
        if reminder is None:
            continue
        if _send(sender, recipient, election, reminder, clock.now):
            sent += 1
        else:
            failed += 1
    return ReminderRun(due=True, sent=sent, failed=failed)


def _claim(user: CustomUser, election: Election, now: datetime) -> ElectionReminder | None:
    """The person's reminder, written before its text leaves; None when another sender
    claimed it first, or the person stopped asking meanwhile."""
    try:
        with transaction.atomic():
            reminder = ElectionReminder.objects.create(
                user=user, election_day=election.day, claimed_at=now
            )
            if not reminder_consent_of(user=user).granted:
                transaction.set_rollback(True)
                return None
            return reminder
    except IntegrityError:
        return None


def _send(
    sender: SmsSender,
    recipient: Recipient,
    election: Election,
    reminder: ElectionReminder,
    now: Callable[[], datetime],
) -> bool:
    """Whether the SMS service accepted the text. Anything but its refusal (a crash, a
    kill) leaves the reminder claimed, unknown: whether it left nobody knows."""
    text = reminder_text(election, recipient.place, place_address(recipient.place))
    try:
        sender.send(recipient.user.telefono, text)
    except SmsNotSent as error:
        logger.error("election reminder not sent: %s", error)
        _answer(reminder, ReminderStatus.FAILED, now(), error=str(error)[:200])
        return False
    _answer(reminder, ReminderStatus.SENT, now())
    return True


def _answer(
    reminder: ElectionReminder, status: ReminderStatus, at: datetime, *, error: str = ""
) -> None:
    ElectionReminder.objects.filter(pk=reminder.pk, status=ReminderStatus.CLAIMED.value).update(
        status=status.value, answered_at=at, error=error
    )


def end_previous_holders_reminders(*, account: CustomUser) -> None:
    """Staff handed ``account`` to the claimant of its cédula: the previous holder's consent
    to reminder texts ends, and the claimant gets none until they ask. Meant to run in the
    hand-over's transaction."""
    ReminderConsentLine.objects.filter(user=account).delete()
    ElectionReminder.objects.filter(user=account).delete()
