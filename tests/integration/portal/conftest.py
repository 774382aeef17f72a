from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import CustomUser

PASSWORD = "Clave-segura-2026"


def registration_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "nombre_completo": "María Fernanda López",
        "cedula": "1.234.567.890",
        "telefono": "300 123 4567",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "acepta_politica": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


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
