"""HTTP entry points of a person's census lookup: the card, its JSON, and refreshing."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import census_record, census_status_json
from cedula_domain import Cedula, LookupRecord, RefreshDecision, RefreshReason
from pagina_madre.services import lookup_service

POLL_SECONDS = 3


def census_card_context(record: LookupRecord | None) -> dict[str, object]:
    return {
        "census": record,
        "census_polling": record is None or not record.status.is_final,
        "census_poll_seconds": POLL_SECONDS,
        "census_official_url": settings.CENSUS_OFFICIAL_URL,
    }


@require_GET
@never_cache
def census_card(request: HttpRequest) -> HttpResponse:
    """The card alone, for htmx polling from the home page."""
    context = census_card_context(census_record(request.user))
    return render(request, "accounts/censo/tarjeta.html", context)


@require_GET
@never_cache
def census_status(request: HttpRequest) -> JsonResponse:
    return JsonResponse(census_status_json(census_record(request.user)))


@require_POST
def census_refresh(request: HttpRequest) -> HttpResponse:
    decision = lookup_service().request_refresh(Cedula(request.user.cedula))
    level = messages.SUCCESS if decision.allowed else messages.INFO
    messages.add_message(request, level, _refresh_message(decision))
    return redirect("accounts:home")


def _refresh_message(decision: RefreshDecision) -> str:
    if decision.reason is RefreshReason.ALLOWED:
        return "Pedimos una nueva consulta a la Registraduría. Verás el resultado aquí."
    if decision.reason is RefreshReason.IN_PROGRESS:
        return "Ya hay una consulta en curso; espera su resultado."
    when = formats.date_format(timezone.localtime(decision.available_at), "j \\d\\e F, H:i").lower()
    return f"Ya consultamos hace poco. Podrás pedir otra consulta desde el {when}."
