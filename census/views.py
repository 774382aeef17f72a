"""HTTP entry points of a person's census lookup: the home page with its card, the card
alone, its JSON, refreshing, and telling us what the Registraduría's page said when the
automatic lookup could not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from cedula_domain import Cedula, LookupRecord, RefreshDecision, RefreshReason, ReportReason
from census.forms import CensusReportForm
from census.presenter import OFFICIAL_URL, failure_sentence, status_json
from census.selectors import census_record
from pagina_madre.bootstrap import lookup_service

POLL_SECONDS = 3


# Only when the account was deleted while its page was open.
NO_ACCOUNT_MESSAGE = "No encontramos tu cuenta. Vuelve a ingresar."

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
    ReportReason.NO_ACCOUNT: NO_ACCOUNT_MESSAGE,
}


def census_card_context(
    record: LookupRecord, report_form: CensusReportForm | None = None
) -> dict[str, object]:
    """The card's context. A form that came back with errors is shown whatever the record
    says, so the person sees what to fix."""
    offers_report = report_form is not None or record.awaits_person
    return {
        "census": record,
        "census_failure": failure_sentence(record),
        # Polling swaps the whole card, which would wipe what the person is typing.
        "census_polling": not offers_report and not record.status.is_final,
        "census_poll_seconds": POLL_SECONDS,
        "census_official_url": OFFICIAL_URL,
        "census_report_form": (report_form or CensusReportForm()) if offers_report else None,
    }


class HomeView(TemplateView):
    """The person's page: their data and where they vote."""

    template_name = "census/inicio.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        record = census_record(self.request.user)
        return super().get_context_data(**kwargs) | census_card_context(record)


@require_GET
def census_card(request: HttpRequest) -> HttpResponse:
    """The card alone, for htmx polling from the home page."""
    context = census_card_context(census_record(request.user))
    return render(request, "census/tarjeta.html", context)


@require_GET
def census_status(request: HttpRequest) -> JsonResponse:
    return JsonResponse(status_json(census_record(request.user)))


@require_POST
def census_refresh(request: HttpRequest) -> HttpResponse:
    decision = lookup_service().request_refresh(Cedula(request.user.cedula))
    level = messages.SUCCESS if decision.allowed else messages.INFO
    messages.add_message(request, level, _refresh_message(decision))
    return redirect("census:home")


def _refresh_message(decision: RefreshDecision) -> str:
    if decision.reason is RefreshReason.ALLOWED:
        return "Pedimos una nueva consulta a la Registraduría. Verás el resultado aquí."
    if decision.reason is RefreshReason.IN_PROGRESS:
        return "Ya hay una consulta en curso; espera su resultado."
    if decision.reason is RefreshReason.NO_ACCOUNT:
        return NO_ACCOUNT_MESSAGE
    when = formats.date_format(timezone.localtime(decision.available_at), "j \\d\\e F, H:i").lower()
    return f"Ya consultamos hace poco. Podrás pedir otra consulta desde el {when}."


@require_POST
def census_report(request: HttpRequest) -> HttpResponse:
    """The person tells us what the Registraduría's page showed them."""
    form = CensusReportForm(request.POST)
    if not form.is_valid():
        context = census_card_context(census_record(request.user), report_form=form)
        return render(request, "census/inicio.html", context, status=400)
    decision = lookup_service().report_answer(Cedula(request.user.cedula), form.to_answer())
    level = messages.SUCCESS if decision.accepted else messages.WARNING
    messages.add_message(request, level, REPORT_MESSAGES[decision.reason])
    return redirect("census:home")
