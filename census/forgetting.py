"""What the census keeps by cédula beyond the lookup's row (which goes by cascade with the
account): the snapshots of its lookups, anything of the queue's, an operator's pause note."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Replace

from cedula_domain import Cedula
from cedula_domain.cedula import masked_digits
from census.models import SourceState
from pagina_madre.bootstrap.census_lookup import forget_in_queue, forget_snapshots


def forget_lookup_traces(*, cedula: Cedula) -> None:
    """Meant to run in the transaction that forgets the person: files go after it commits."""
    forget_in_queue(cedula)
    # An operator who paused the lookups is named in the note by their cédula.
    SourceState.objects.filter(paused_reason__contains=cedula.value).update(
        paused_reason=Replace(
            F("paused_reason"), Value(cedula.value), Value(masked_digits(cedula.value))
        )
    )
    transaction.on_commit(lambda: forget_snapshots(cedula), robust=True)
