from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from registration_support import PASSWORD, registration_data
from sms_support import outbox  # noqa: F401  (the file SMS backend, read back)
from support.rate_limits import rate_limits_start_afresh  # noqa: F401

from accounts.models import CustomUser


@pytest.fixture
def register(client: Client) -> Callable[..., Any]:
    def _register(**overrides: Any) -> Any:
        return client.post(reverse("accounts:register"), registration_data(**overrides))

    return _register


@pytest.fixture
def person(db: None) -> CustomUser:
    return CustomUser.objects.create_user(
        "1234567",
        PASSWORD,
        nombre_completo="Jorge Eliécer Gaitán",
        telefono="+573001112233",
    )


@pytest.fixture
def other_person(db: None) -> CustomUser:
    return CustomUser.objects.create_user(
        "98765432", "Otra-clave-2026", nombre_completo="Otra Persona", telefono="+573009998877"
    )


@pytest.fixture
def logged_in(client: Client, person: CustomUser) -> Client:
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client
