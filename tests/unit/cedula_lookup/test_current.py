"""What a person's lookup shows, stored or not yet."""

from __future__ import annotations

from fakes import (
    CEDULA,
)

from cedula_domain import (
    LookupStatus,
)


def test_a_lookup_not_stored_yet_shows_as_just_requested(service, clock):
    record = service.current(CEDULA)

    assert record.status is LookupStatus.PENDING
    assert record.requested_at == clock.now()
    assert record.attempts == 0


def test_a_stored_lookup_shows_as_stored(service, repository):
    service.request_first(CEDULA)

    assert service.current(CEDULA) == repository.get(CEDULA)
