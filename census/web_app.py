"""The portal as an app on the phone: its manifest (name, icons, start page) and its service
worker (``census/service_worker.js``), which keeps a person's card for a day without a
connection when they ask. Both hold nothing of anyone, so anyone may fetch them.

The worker is served from the root, not from /static/, so that its scope is the whole
site (it must answer navigations to "/"); its version is named by the static files'
manifest (a deploy with any new file is a new worker, whose caches replace the old ones)
and by its own source."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

from pagina_madre.middleware import holds_no_personal_data
from pagina_madre.static_files import HASHED_NAME

WORKER_SOURCE = Path(__file__).parent / "service_worker.js"
NAME = "Página Madre"
THEME_COLOUR = "#0a58ca"
# The cache the card kept on the phone lives in: not versioned, so a deploy keeps it.
CARD_CACHE = "pagina-madre-tarjeta"
STATIC_CACHE_PREFIX = "pagina-madre-estaticos-"
# What "/" shows without a connection when no card is kept: no file, no style, nothing
# of anyone.
NOTHING_KEPT = (
    '<!doctype html><html lang="es-CO"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Sin conexión · Página Madre</title></head><body><main>"
    "<h1>Sin conexión</h1>"
    "<p>No hay ninguna tarjeta guardada en este celular. Cuando tengas conexión, entra a "
    "Página Madre y, en tu tarjeta, toca «Guardar en este celular para verla sin "
    "conexión».</p></main></body></html>"
)
# Forms whose sending ends or changes whose session this browser holds.
SESSION_ENDS = ("accounts:logout", "accounts:forget_me", "accounts:login", "accounts:register")


@login_not_required
@require_GET
@holds_no_personal_data
def manifest(request: HttpRequest) -> HttpResponse:
    icons = [
        {
            "src": static(f"census/img/icono-{side}.png"),
            "sizes": f"{side}x{side}",
            "type": "image/png",
        }
        for side in (192, 512)
    ]
    body = {
        "name": NAME,
        "short_name": NAME,
        "description": "Dónde votas, en tu celular, también sin conexión.",
        "lang": "es-CO",
        "start_url": reverse("census:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


@login_not_required
@require_GET
@holds_no_personal_data
def service_worker(request: HttpRequest) -> HttpResponse:
    config = {
        "home": reverse("census:home"),
        "card": reverse("census:offline_card"),
        "cardCache": CARD_CACHE,
        "staticCachePrefix": STATIC_CACHE_PREFIX,
        "staticPrefix": static(""),
        "hashedName": HASHED_NAME.pattern,
        "sessionEnds": [reverse(name) for name in SESSION_ENDS],
        "nothingKept": NOTHING_KEPT,
    }
    source = WORKER_SOURCE.read_text()
    config["version"] = worker_version(source, config)
    script = source.replace("__CONFIG__", json.dumps(config, ensure_ascii=False), 1)
    response = HttpResponse(script, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker on each visit; no cache stands in between.
    response["Cache-Control"] = "no-cache"
    return response


def worker_version(source: str, config: dict[str, object]) -> str:
    """A new version whenever the worker, what it is told, or any static file changes
    (the manifest's hash, where collectstatic wrote one)."""
    static_hash = getattr(staticfiles_storage, "manifest_hash", "") or ""
    digest = hashlib.sha256()
    for part in (source, json.dumps(config, sort_keys=True), static_hash):
        digest.update(part.encode())
    return digest.hexdigest()[:12]
