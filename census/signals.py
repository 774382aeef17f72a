"""Signals only hand off: an account asks for its first census lookup once it is ready for
one (``CustomUser.objects.ready_for_lookup``) as its acceptance of the data policy (at
registration, or later) or its phone's verification commits; a forgotten person's lookup
leaves no snapshot or task behind; a handed-over account's lookup drops what its previous
holder told and asks the census again for the new holder."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import CustomUser, PolicyAcceptanceEntry
from accounts.signals import account_handed_over, person_forgotten, phone_verified
from cedula_domain import Cedula
from census.forgetting import forget_lookup_traces
from pagina_madre.bootstrap.census_lookup import lookup_service


@receiver(post_save, sender=PolicyAcceptanceEntry, dispatch_uid="request_first_census_lookup")
def request_first_census_lookup(
    sender: type[PolicyAcceptanceEntry],
    instance: PolicyAcceptanceEntry,
    created: bool,
    **kwargs: Any,
) -> None:
    if created and not kwargs.get("raw"):
        _request_first_on_commit(instance.user_id)


@receiver(phone_verified, dispatch_uid="request_census_lookup_once_verified")
def request_census_lookup_once_verified(
    sender: type[CustomUser], user: CustomUser, **_: Any
) -> None:
    _request_first_on_commit(user.pk)


@receiver(person_forgotten, dispatch_uid="forget_census_lookup_traces")
def forget_census_lookup_traces(sender: type[CustomUser], user: CustomUser, **_: Any) -> None:
    forget_lookup_traces(cedula=Cedula(user.cedula))


@receiver(account_handed_over, dispatch_uid="census_lookup_for_the_new_holder")
def lookup_for_the_new_holder(sender: type[CustomUser], user: CustomUser, **_: Any) -> None:
    cedula = user.cedula
    # robust: the hand-over stands if this fails (logged); the previous holder's word then
    # shows until the Registraduría's next answer replaces it.
    transaction.on_commit(lambda: lookup_service().hand_over(Cedula.parse(cedula)), robust=True)


def _request_first_on_commit(user_id: int) -> None:
    # robust: a failure here is logged and must not break the registration (or the
    # verification) that already committed; the sweep's safety net will pick it up.
    transaction.on_commit(lambda: _request_first_if_ready(user_id), robust=True)


def _request_first_if_ready(user_id: int) -> None:
    ready = CustomUser.objects.ready_for_lookup().filter(pk=user_id)
    cedula = ready.values_list("cedula", flat=True).first()
    if cedula is not None:
        lookup_service().request_first(Cedula.parse(cedula))
