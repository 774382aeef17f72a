"""HTTP entry points of the card to keep ("Guárdalo"): the printable page, its image (PNG),
and the copy the service worker keeps on the phone (census/web_app.py). Each is the
person's own, and there is none while their lookup holds no place (404)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from census.keepsake import IMAGE_FILE_NAME, Keepsake, keepsake_of, moment_words
from census.keepsake_image import keepsake_png, map_qr_svg
from census.presenter import WHAT_TO_BRING

TEMPLATE = "census/tarjeta_para_guardar.html"


@require_GET
def keepsake_page(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATE, _context(_keepsake(request), offline=False))


@require_GET
def keepsake_image(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(keepsake_png(_keepsake(request)), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{IMAGE_FILE_NAME}"'
    return response


@require_GET
def offline_card(request: HttpRequest) -> HttpResponse:
    """The page the service worker keeps when the person asks, and shows at "/" without a
    connection: it says so, and since when."""
    return render(request, TEMPLATE, _context(_keepsake(request), offline=True))


def _keepsake(request: HttpRequest) -> Keepsake:
    keepsake = keepsake_of(request.user)
    if keepsake is None:
        raise Http404
    return keepsake


def _context(keepsake: Keepsake, *, offline: bool) -> dict[str, object]:
    return {
        "keepsake": keepsake,
        "keepsake_qr": map_qr_svg(keepsake.map_url) if keepsake.map_url else "",
        "what_to_bring": WHAT_TO_BRING,
        "offline": offline,
        "saved_words": moment_words(timezone.now()),
        # A message waiting for the home page stays there, out of a page kept or printed.
        "messages": (),
    }
