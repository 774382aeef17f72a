"""The fixtures every use case of CedulaLookup starts from; the fakes come from
tests/unit/conftest.py."""

from __future__ import annotations

from datetime import datetime

import pytest
from attrs import evolve
from fakes import (
    CEDULA,
    FOUND,
    START,
)

from cedula_domain import (
    AddResult,
    Breaker,
    Cedula,
    LookupRecord,
    Priority,
)
from unit.cedula_lookup.builders import OPENED, deliver


@pytest.fixture
def stored(repository):
    return lambda cedula=CEDULA: repository.get(cedula)


@pytest.fixture
def pending(repository):
    """Stores the pending lookup of a registered person, as if requested at ``at``, in
    ``priority``'s class; no wake-up is sent."""

    def store(
        cedula: Cedula, at: datetime = START, priority: Priority = Priority.FIRST
    ) -> LookupRecord:
        repository.registered.append(cedula)
        record = evolve(LookupRecord.requested(cedula, at), priority=priority)
        assert repository.add(record) is AddResult.ADDED
        return record

    return store


@pytest.fixture
def finished(repository, service, scraper, queue):
    """The cédula was looked up and found at START; the queue is emptied."""
    scraper.steps.append(FOUND)
    service.request_first(CEDULA)
    deliver(queue, service)
    queue.woken.clear()
    return repository.get(CEDULA)


@pytest.fixture
def open_breaker(source) -> Breaker:
    source.stored = OPENED
    return OPENED
