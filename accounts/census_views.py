"""HTTP entry points of a person's census lookup: the card, its JSON, refreshing, and
telling us what the Registraduría's page said when the automatic lookup could not."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.forms import CensusReportForm
from accounts.selectors import census_record, census_status_json
from cedula_domain import (
    Cedula,
    LookupRecord,
    RefreshDecision,
    RefreshReason,
    ReportReason,
)
from pagina_madre.services import lookup_service

POLL_SECONDS = 3


REPORT_MESSAGES = {
    ReportReason.ACCEPTED: "Gracias. Guardamos lo que te mostró la Registraduría; ya lo ves aquí.",
    ReportReason.LOOKUP_RUNNING: (
        "En este momento estamos consultando la Registraduría por ti, así que no guardamos "
        "tu respuesta. Espera el resultado de esa consulta."
    ),
    ReportReason.REGISTRADURIA_ANSWERED: (
        "La Registraduría ya nos dio la respuesta que ves aquí, así que no la cambiamos. "
        "Si crees que está desactualizada, usa «Volver a consultar»."
    ),
}


def census_card_context(
    record: LookupRecord | None, report_form: CensusReportForm | None = None
) -> dict[str, object]:
    """The card's context. A form that came back with errors is shown whatever the record
    says, so the person sees what to fix."""
    offers_report = report_form is not None or (record is not None and record.awaits_person)
    return {
        "census": record,
        # Polling swaps the whole card, which would wipe what the person is typing.
        "census_polling": not offers_report and (record is None or not record.status.is_final),
        "census_poll_seconds": POLL_SECONDS,
        "census_official_url": settings.CENSUS_OFFICIAL_URL,
        "census_report_form": (report_form or CensusReportForm()) if offers_report else None,
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


@require_POST
def census_report(request: HttpRequest) -> HttpResponse:
    """The person tells us what the Registraduría's page showed them."""
    form = CensusReportForm(request.POST)
    if not form.is_valid():
        context = census_card_context(census_record(request.user), report_form=form)
        return render(request, "accounts/inicio.html", context, status=400)
    decision = lookup_service().report_answer(Cedula(request.user.cedula), form.to_answer())
    level = messages.SUCCESS if decision.accepted else messages.WARNING
    messages.add_message(request, level, REPORT_MESSAGES[decision.reason])
    return redirect("accounts:home")
