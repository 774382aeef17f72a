"""The audit trail of operators reading personal data in the admin (django-auditlog).

An admin that mixes in ``AuditedReads`` leaves an ACCESS entry (who, which record, when,
from where) for every record an operator opens and every row of a list they read. Changes
made in the admin are already in Django's own admin log ("Historial").

The trail names people by the record's id and a masked cédula, never a whole one
(``portal.rules.redaction``). When a person is forgotten, the entries about their records
keep who read what and when, and lose the rest (``forget_in_trail``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import set_actor
from auditlog.models import LogEntry as AuditEntry
from auditlog.registry import AuditlogModelRegistry
from auditlog.signals import accessed
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q, Value
from django.db.models.functions import Concat
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from accounts.models import CustomUser
from cedula_domain.cedula import masked_digits
from portal.client_address import client_address
from portal.rules.redaction import mask_cedulas

# Reads only: registering a model here logs nothing on create, update or delete.
reads = AuditlogModelRegistry(create=False, update=False, delete=False, access=True, m2m=False)

FORGOTTEN = " (datos eliminados)"
# Deleting a leader forgets their whole network's referral rows: in chunks, as databases
# bound the parameters of one query.
_CHUNK = 500


@receiver(pre_save, sender=AuditEntry, dispatch_uid="audit_trail_masks_cedulas")
def mask_cedulas_in_trail(sender: type[AuditEntry], instance: AuditEntry, **_: Any) -> None:
    instance.object_repr = mask_cedulas(instance.object_repr)
    instance.changes_text = mask_cedulas(instance.changes_text or "")


class AuditedReads:
    """Mixed in before ``admin.ModelAdmin`` on the admins of personal data."""

    model: type[Model]

    def __init__(self, model: type[Model], *args: Any) -> None:
        super().__init__(model, *args)  # type: ignore[call-arg]
        if not reads.contains(model):
            reads.register(model)

    def change_view(self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any) -> Any:
        response = super().change_view(request, object_id, *args, **kwargs)  # type: ignore[misc]
        original = _context(response).get("original")
        if request.method == "GET" and original is not None:
            with _operator(request):
                accessed.send(sender=type(original), instance=original)
        return response

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().changelist_view(request, *args, **kwargs)  # type: ignore[misc]
        changelist = _context(response).get("cl")
        if changelist is not None:
            record_reads(request, changelist.result_list)
        return response


def record_reads(request: HttpRequest, records: Iterable[Model]) -> None:
    """The rows of a list page, in one query whatever their number: the entries
    django-auditlog's ``accessed`` signal writes one by one for a record opened."""
    read = [record for record in records if reads.contains(type(record))]
    if not read:
        return
    AuditEntry.objects.bulk_create(
        AuditEntry(
            content_type=ContentType.objects.get_for_model(record),
            object_pk=str(record.pk),
            object_id=record.pk if isinstance(record.pk, int) else None,
            object_repr=mask_cedulas(str(record)),
            action=AuditEntry.Action.ACCESS,
            actor=request.user,
            remote_addr=client_address(request),
            cid=get_cid(),
        )
        for record in read
    )


def _operator(request: HttpRequest) -> AbstractContextManager[None]:
    return set_actor(request.user, remote_addr=client_address(request))


def record_forgetting(*, user: CustomUser, requested_by: CustomUser | None) -> None:
    """The one entry left about a forgotten person: that they were, when, and at whose
    request (staff by name; the person themself leaves no name)."""
    by_staff = requested_by is not None and requested_by.pk != user.pk
    AuditEntry.objects.log_create(
        user,
        force_log=True,
        action=AuditEntry.Action.DELETE,
        # The id is the entry's object_pk; written here too, a long one would be masked.
        object_repr=f"{user._meta.verbose_name} eliminado ({masked_digits(user.cedula)})",
        actor=requested_by if by_staff else None,
        additional_data={"pedido_por": "el personal" if by_staff else "la persona"},
    )


def forget_in_trail(*, records: Mapping[type[Model], Sequence[Any]], cedula: str) -> None:
    """The trails (django-auditlog's and the admin's) about ``records`` (primary keys by
    model) keep who did what and when, and name the record by its id alone; anything else
    that still holds the whole cédula gets it masked."""
    for model, keys in records.items():
        content_type = ContentType.objects.get_for_model(model)
        label = Value(f"{model._meta.verbose_name} #")
        for start in range(0, len(keys), _CHUNK):
            chunk = [str(key) for key in keys[start : start + _CHUNK]]
            AuditEntry.objects.filter(content_type=content_type, object_pk__in=chunk).update(
                object_repr=Concat(label, F("object_pk"), Value(FORGOTTEN)),
                changes=None,
                changes_text="",
                serialized_data=None,
                additional_data=None,
            )
            AdminEntry.objects.filter(content_type=content_type, object_id__in=chunk).update(
                object_repr=Concat(label, F("object_id"), Value(FORGOTTEN))
            )
    masked = masked_digits(cedula)
    for entry in AuditEntry.objects.filter(
        Q(object_repr__contains=cedula) | Q(changes_text__contains=cedula)
    ):
        entry.object_repr = entry.object_repr.replace(cedula, masked)
        entry.changes_text = entry.changes_text.replace(cedula, masked)
        entry.save(update_fields=["object_repr", "changes_text"])
    for entry in AdminEntry.objects.filter(
        Q(object_repr__contains=cedula) | Q(change_message__contains=cedula)
    ):
        entry.object_repr = entry.object_repr.replace(cedula, masked)
        entry.change_message = entry.change_message.replace(cedula, masked)
        entry.save(update_fields=["object_repr", "change_message"])


def _context(response: HttpResponse) -> dict[str, Any]:
    # A TemplateResponse not rendered yet; redirects and errors have none.
    return getattr(response, "context_data", None) or {}
