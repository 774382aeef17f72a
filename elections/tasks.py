"""Django-Q2 entry points of election day: one line each, the rows decide everything."""

from __future__ import annotations

from django.conf import settings

from elections.services import send_due_reminders

# Of each minute's run (census/management/commands/setup_schedules.py), the share spent
# sending: the worker has census lookups to run too. What a run leaves, the next minute's
# takes up.
RUN_SECONDS = 30.0


def send_reminders() -> int:
    """Every minute: the reminders due now, for at most RUN_SECONDS; how many left. A third
    of QCLUSTER_TIMEOUT at most, so that the last text started (a provider's timeout, 10 s
    by default) ends well before the cluster would kill the task and leave it unknown."""
    within_s = min(RUN_SECONDS, settings.QCLUSTER_TIMEOUT / 3)
    return send_due_reminders(within_s=within_s).sent
