"""Census records stored as the service would leave them, for the portal's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from attrs import evolve
from django.contrib.auth.models import Permission
from django.test import Client
from django_q.models import OrmQ

from accounts.models import CustomUser
from adapters.django_q_queue import RUN_NEXT
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import AddResult, Cedula, Coordinates, LookupRecord, LookupStatus, VotingPlace

PLACE = VotingPlace(
    departamento="ANTIOQUIA",
    municipio="MEDELLIN",
    puesto="IE INEM JOSE FELIX DE RESTREPO",
    direccion="CARRERA 48 # 1-125",
    mesa="7",
    coordinates=Coordinates(latitude=6.2, longitude=-75.57),
)


def store(user: CustomUser, **changes) -> LookupRecord:
    repository = DjangoCedulaRepository()
    now = datetime.now(UTC)
    if changes.get("status", LookupStatus.PENDING).is_final:
        changes.setdefault("next_attempt_at", None)
    record = evolve(LookupRecord.requested(Cedula(user.cedula), now), **changes)
    assert repository.add(record) is AddResult.ADDED
    return repository.get(record.cedula)


def census_wake_ups() -> int:
    """Wake-ups for lookups waiting in the queue (texts to send have wake-ups of their own)."""
    return sum(1 for waiting in OrmQ.objects.all() if waiting.task["func"] == RUN_NEXT)


def as_operator(client: Client) -> Client:
    """``client`` logged in as a superuser, the operator of the admin's census pages."""
    admin = CustomUser.objects.create_superuser(
        "1010101", "Admin-clave-2026", nombre_completo="Operadora", telefono="+573001234567"
    )
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def as_staff_with(client: Client, *codenames: str) -> Client:
    """``client`` logged in as staff holding only the permissions named."""
    staff = CustomUser.objects.create_user(
        "2020202",
        "Staff-clave-2026",
        nombre_completo="Soporte",
        telefono="+573001234568",
        is_staff=True,
    )
    staff.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    return client
