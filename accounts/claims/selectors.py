"""Reads of cédula claims for staff: where the text of a hand-over's code is."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from accounts.models import CedulaClaim, ClaimDecision, OutgoingText
from accounts.phone.rules.phone_code import CodeText, code_text


def with_hand_over_text(claims: QuerySet[CedulaClaim]) -> QuerySet[CedulaClaim]:
    """``claims``, each read with what ``hand_over_text`` needs, in the same query (a
    page of the queue costs the same whatever it shows)."""
    code = ClaimDecision.objects.filter(
        claim=OuterRef("pk"), kind=ClaimDecision.Kind.HAND_OVER, code__isnull=False
    )
    waiting = OutgoingText.objects.filter(code__hand_over__claim=OuterRef("pk"))
    return claims.annotate(
        hand_over_code_kept=Exists(code),
        hand_over_code_undelivered_at=Subquery(code.values("code__undelivered_at")[:1]),
        hand_over_text_waiting=Exists(waiting),
    )


def hand_over_text(claim: CedulaClaim) -> CodeText | None:
    """Where the text of the code the claim's hand-over sent is; None when there was no
    hand-over or its code was forgotten since (``forget_old_codes``). ``claim`` is read
    through ``with_hand_over_text``."""
    if not claim.hand_over_code_kept:  # type: ignore[attr-defined]
        return None
    return code_text(
        undelivered_at=claim.hand_over_code_undelivered_at,  # type: ignore[attr-defined]
        waiting=claim.hand_over_text_waiting,  # type: ignore[attr-defined]
    )
