"""Census records stored as the service would leave them, for the portal's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from attrs import evolve

from accounts.models import CustomUser
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
