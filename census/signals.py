"""Signals only hand off: a new account asks for its first census lookup once committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import CustomUser
from cedula_domain import Cedula
from pagina_madre.bootstrap import lookup_service


@receiver(post_save, sender=CustomUser, dispatch_uid="request_first_census_lookup")
def request_first_census_lookup(
    sender: type[CustomUser], instance: CustomUser, created: bool, **kwargs: Any
) -> None:
    if not created or kwargs.get("raw"):
        return
    # robust: a failure here is logged and must not break the registration that
    # already committed; the sweep's safety net will pick the account up.
    transaction.on_commit(
        lambda: lookup_service().request_first(Cedula.parse(instance.cedula)), robust=True
    )
