"""The worker's part of texting: every text due leaves once, however often it is woken.

Requests only write ``OutgoingText`` rows (``accounts.phone.codes``) and wake a worker with
a task that carries nothing, as census lookups are woken: the rows are the truth, a
wake-up only says "look". A worker claims one text at a time with a lease (one UPDATE
decides between workers), sends it, then deletes it; so a wake-up delivered twice, or two
workers woken at once, send nothing twice. A worker that dies between sending and deleting
leaves its text to be sent again when the lease ends: a second SMS, whose new code retires
the first, rather than none. A code text the SMS service refuses leaves its code behind,
marked undelivered (``code_not_sent``), so that the person waiting for it is told.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import CodePurpose, IssuedCode, OutgoingText
from accounts.phone.codes import LIFETIME_MINUTES, code_not_sent, draw_code, reserve_code
from pagina_madre.bootstrap.sms import SmsNotSent, sms_sender, text_lease

logger = logging.getLogger(__name__)


def send_due_texts() -> int:
    """Send every text waiting; how many left."""
    sent = 0
    while (text := _claim_next()) is not None:
        sent += _deliver(text)
    return sent


def _claim_next() -> OutgoingText | None:
    while True:
        now = timezone.now()
        free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
        text = (
            OutgoingText.objects.select_related("user", "code").filter(free).order_by("pk").first()
        )
        if text is None:
            return None
        # Only one worker moves the lease on from what it read: the others look again.
        taken = OutgoingText.objects.filter(pk=text.pk, claimed_until=text.claimed_until)
        if taken.update(claimed_until=now + text_lease()) == 1:
            return text


def _deliver(text: OutgoingText) -> int:
    if text.send_before <= timezone.now():
        # Too late to help: for the person it is a text that could not be sent, and says so.
        logger.warning("a text waited past its time and was dropped unsent")
        _not_sent(text)
        return 0
    if text.user is None or (text.code is None and text.purpose and not _answer_ask(text)):
        # A recovery asked for a cédula no account holds, or an account out of codes for now.
        _drop(text)
        return 0
    body = text.message
    if text.code is not None:
        code = draw_code(text.code)
        if code is None:  # its code was deleted meanwhile (the account forgotten)
            _drop(text)
            return 0
        body = body.format(code=code, minutes=LIFETIME_MINUTES)
    try:
        sms_sender().send(text.phone, body)
    except SmsNotSent as error:
        logger.error("SMS %s not sent: %s", text.purpose or "without a code", error)
        _not_sent(text)
        return 0
    OutgoingText.objects.filter(pk=text.pk).delete()
    return 1


def _answer_ask(text: OutgoingText) -> bool:
    """A recovery ask gets its code now, within the account's allowance, for its phone as
    it is now; False when the account had its share."""
    assert text.user is not None
    with transaction.atomic():
        row = reserve_code(user=text.user, purpose=CodePurpose(text.purpose), limited=True)
        if row is None:
            return False
        text.code = row
        text.phone = text.user.telefono
        text.save(update_fields=["code", "phone"])
    return True


def _not_sent(text: OutgoingText) -> None:
    """Forget a text the SMS service refused; its code stays, undelivered, to say so."""
    with transaction.atomic():
        if text.code_id is not None:
            code_not_sent(text.code_id)
        OutgoingText.objects.filter(pk=text.pk).delete()


def _drop(text: OutgoingText) -> None:
    """Forget a text that will not leave; its code, never sent, does not count."""
    if text.code_id is not None:
        IssuedCode.objects.filter(pk=text.code_id).delete()  # and the text, by cascade
    OutgoingText.objects.filter(pk=text.pk).delete()
