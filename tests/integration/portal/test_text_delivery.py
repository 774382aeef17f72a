"""Texts leave from a worker, once: what a request queues, how a wake-up carries nothing,
and what happens when a wake-up comes twice, a worker dies, or a text waits too long."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_q.models import OrmQ

from accounts.models import CodePurpose, CustomUser, IssuedCode, OutgoingText
from accounts.phone.codes import guess_code, latest_code_text, send_code, send_text
from accounts.phone.recovery import RECOVERY_SMS
from accounts.phone.rules.phone_code import CodeText
from accounts.phone.tasks import send_texts
from accounts.phone.verification import VERIFICATION_SMS
from census.tasks import sweep
from integration.portal.sms_support import Outbox
from pagina_madre.bootstrap import sms as sms_part

pytestmark = pytest.mark.django_db

PHONE = "+573001112233"  # the person fixture's


def queue_code(person: CustomUser) -> None:
    send_code(user=person, purpose=CodePurpose.RECOVERY, message=RECOVERY_SMS)


def test_a_queued_text_is_sent_once_even_when_its_task_runs_twice(
    person: CustomUser, outbox: Outbox
):
    queue_code(person)

    assert send_texts() == 1
    assert send_texts() == 0  # the same wake-up, delivered again

    [sms] = outbox.sent()
    assert sms["to"] == PHONE
    assert not OutgoingText.objects.exists()


def test_a_worker_woken_while_another_sends_the_text_sends_nothing(
    person: CustomUser, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
):
    the_phone = sms_part.sms_sender()
    meanwhile: list[int] = []

    class SecondWorkerWokenMeanwhile:
        def send(self, to: Any, text: str) -> None:
            meanwhile.append(send_texts())
            the_phone.send(to, text)

    monkeypatch.setattr(sms_part, "build_sms_sender", lambda config: SecondWorkerWokenMeanwhile())
    queue_code(person)

    assert send_texts() == 1

    assert meanwhile == [0]
    assert len(outbox.sent()) == 1


def test_a_text_whose_worker_died_sending_it_leaves_once_its_lease_ends(
    person: CustomUser, outbox: Outbox
):
    queue_code(person)
    # A worker claimed it and died before it could say it was sent.
    OutgoingText.objects.update(claimed_until=timezone.now() + timedelta(minutes=1))

    assert send_texts() == 0
    OutgoingText.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert send_texts() == 1

    assert len(outbox.sent()) == 1
    code = outbox.last_code()
    assert guess_code(user=person, purpose=CodePurpose.RECOVERY, code=code).accepted is not None


def test_the_wake_up_carries_nothing_of_the_text(
    person: CustomUser, outbox: Outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_code(person)

    [wake_up] = OrmQ.objects.all()
    task = wake_up.task
    assert task["func"] == "accounts.phone.tasks.send_texts"
    assert task["args"] == ()
    assert task["kwargs"] == {}
    assert person.cedula not in repr(task)
    assert "3001112233" not in repr(task)


def test_a_queued_code_is_drawn_only_as_its_text_leaves(person: CustomUser, outbox: Outbox):
    queue_code(person)

    waiting = OutgoingText.objects.get()
    assert "{code}" in waiting.message
    assert IssuedCode.objects.get().code_hash == ""  # no code matches it yet

    send_texts()

    assert len(IssuedCode.objects.get().code_hash) == 64
    code = outbox.last_code()
    assert guess_code(user=person, purpose=CodePurpose.RECOVERY, code=code).accepted is not None


def test_a_text_that_waited_past_its_codes_life_is_not_sent_and_says_so(
    person: CustomUser, outbox: Outbox
):
    queue_code(person)
    OutgoingText.objects.update(send_before=timezone.now() - timedelta(seconds=1))

    assert send_texts() == 0

    assert outbox.sent() == []
    assert not OutgoingText.objects.exists()
    # Kept as a code that could not be sent: the page tells the person, and it counts not.
    assert IssuedCode.objects.get().undelivered_at is not None
    assert latest_code_text(user=person, purpose=CodePurpose.RECOVERY) is CodeText.NOT_SENT


def test_a_text_for_an_account_forgotten_meanwhile_never_leaves(person: CustomUser, outbox: Outbox):
    send_code(user=person, purpose=CodePurpose.VERIFICATION, message=VERIFICATION_SMS)
    send_text(user=person, to="+573009998877", message="Tu número cambió.")

    person.delete()

    assert send_texts() == 0
    assert outbox.sent() == []


def test_a_text_without_a_code_leaves_as_written_to_the_number_given(
    person: CustomUser, outbox: Outbox
):
    send_text(user=person, to="+573009998877", message="Tu número cambió {sin código}.")

    send_texts()

    [sms] = outbox.sent()
    assert sms["to"] == "+573009998877"
    assert sms["text"] == "Tu número cambió {sin código}."
    assert not IssuedCode.objects.exists()


def test_the_sweep_sends_the_texts_whose_wake_up_was_lost(person: CustomUser, outbox: Outbox):
    queue_code(person)  # its wake-up never runs here (no commit in this test)

    sweep()

    assert len(outbox.sent()) == 1
