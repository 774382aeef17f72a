"""How often a waiting card asks for itself again: the one rule.

A card whose answer is due within a minute asks every few seconds, so the person sees it
as soon as it is in. One that waits longer asks less often, about four times over what
is left of its wait (an estimate that keeps getting closer, so the polls quicken as the
answer nears), never more often than every 15 seconds nor less than every minute: a
thousand people waiting half an hour cost the host a few requests a second, not hundreds.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from cedula_domain import PlaceInLine

SOON = timedelta(minutes=1)
SOON_POLL_SECONDS = 3
SLOWEST_POLL_SECONDS = 60
# Between the quick polls of an answer due soon and the slowest ones.
WAITING_POLL_SECONDS = 15
POLLS_OVER_THE_WAIT = 4


def poll_seconds(line: PlaceInLine | None, now: datetime) -> int:
    """Seconds until a card that is still changing asks again. ``line`` is its place in
    line; None when it is not waiting its turn (an attempt runs now, or the record is
    about to be stored): the answer is due within seconds."""
    if line is None:
        return SOON_POLL_SECONDS
    if line.estimated_at is None:
        # Paused by an operator: nobody can tell when; whatever changes is no hurry.
        return SLOWEST_POLL_SECONDS
    wait = line.estimated_at - now
    if wait <= SOON:
        return SOON_POLL_SECONDS
    share = round(wait.total_seconds() / POLLS_OVER_THE_WAIT)
    return min(max(share, WAITING_POLL_SECONDS), SLOWEST_POLL_SECONDS)
