from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright
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


@pytest.fixture
def browser_page(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    """A page of a real Chromium driven by Playwright, for the portal served by live_server."""
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # are still synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = os.environ.get("CENSUS_BROWSER_EXECUTABLE") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(base_url=live_server.url, locale="es-CO")
        page = context.new_page()
        page.set_default_timeout(10_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
