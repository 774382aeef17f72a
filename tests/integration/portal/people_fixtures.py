"""People on the portal, for the test client: ``register``, ``person``, ``other_person``
and ``logged_in``.

A pytest plugin (tests/conftest.py lists it), so every suite asks for these by name. It
is loaded in runs without Django too (`-p no:django`): the user model is imported only
when a fixture runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.urls import reverse

from integration.portal.registration_support import PASSWORD, registration_data

if TYPE_CHECKING:
    from django.test import Client

    from accounts.models import CustomUser


@pytest.fixture
def register(client: Client) -> Callable[..., Any]:
    def _register(**overrides: Any) -> Any:
        return client.post(reverse("accounts:register"), registration_data(**overrides))

    return _register


@pytest.fixture
def person(db: None) -> CustomUser:
    from accounts.models import CustomUser

    return CustomUser.objects.create_user(
        "1234567",
        PASSWORD,
        nombre_completo="Jorge Eliécer Gaitán",
        telefono="+573001112233",
    )


@pytest.fixture
def other_person(db: None) -> CustomUser:
    from accounts.models import CustomUser

    return CustomUser.objects.create_user(
        "98765432", "Otra-clave-2026", nombre_completo="Otra Persona", telefono="+573009998877"
    )


@pytest.fixture
def logged_in(client: Client, person: CustomUser) -> Client:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client
