"""The two sizes every page is checked at, and a browser page logged in as someone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from attrs import evolve
from django.conf import settings
from django.test import Client
from phonenumber_field.phonenumber import PhoneNumber
from playwright.sync_api import Page

from accounts.identity.services import register_person
from accounts.models import CustomUser
from adapters.django_repository import DjangoCedulaRepository
from cedula_domain import AddResult, Cedula, LookupRecord

# A common laptop, and the narrowest phone in wide use.
SCREENS = {"escritorio": {"width": 1280, "height": 800}, "celular": {"width": 360, "height": 740}}
PASSWORD = "Clave-segura-2026"


def at_each_screen(page: Page) -> Iterator[str]:
    """Sets the page to each screen size in turn, yielding its name."""
    for name, size in SCREENS.items():
        page.set_viewport_size(size)
        yield name


def someone(cedula: str, nombre: str = "Policarpa Salavarrieta") -> CustomUser:
    """A registered person; registering asks for their first lookup, as the portal does."""
    return register_person(
        cedula=cedula,
        nombre_completo=nombre,
        telefono=PhoneNumber.from_string("+573104567890"),
        password=PASSWORD,
    )


def log_in(page: Page, user: CustomUser, base_url: str) -> None:
    """The browser holds ``user``'s session, as after logging in through the form."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )


def set_lookup(user: CustomUser, **changes: Any) -> LookupRecord:
    """``user``'s lookup stored as the service would have left it after ``changes``."""
    repository = DjangoCedulaRepository()
    cedula = Cedula(user.cedula)
    stored = repository.get(cedula)
    record = stored or LookupRecord.requested(cedula, datetime.now(UTC))
    if changes.get("status", record.status).is_final:
        changes.setdefault("next_attempt_at", None)
    changed = evolve(record, **changes)
    if stored:
        assert repository.save(changed)
    else:
        assert repository.add(changed) is AddResult.ADDED
    return repository.get(cedula)
