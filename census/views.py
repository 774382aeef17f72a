"""HTTP entry points of a person's census lookup: the home page with its card, the card
alone, its JSON, refreshing, and telling us what the Registraduría's page said when the
automatic lookup could not. Whoever must still verify their phone never reaches them
(accounts.phone.gate)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from accounts.models import CustomUser
from cedula_domain import (
    Cedula,
    LookupStatus,
    RefreshDecision,
    RefreshReason,
    ReportReason,
)
from census.fleet_status import fleet_status
from census.forms import CensusReportForm
from census.presenter import (
    CANCELLED_MEANING,
    CANCELLED_NEXT_STEP,
    NOT_ENABLED_MEANING,
    NOT_ENABLED_NEXT_STEP,
    NOT_FOUND_MEANING,
    TOLD_WHILE_WAITING,
    WHAT_TO_BRING,
    announcement,
    cancellation_meaning,
    card_heading,
    directions_url,
    failure_sentence,
    gave_up_sentence,
    line_sentence,
    moment_words,
    place_address,
    refresh_sentence,
    status_json,
    way_forward_next_step,
    way_forward_sentence,
)
from census.selectors import (
    census_line,
    census_record,
    census_refresh_decision,
    census_way_forward,
)
from pagina_madre.bootstrap.census_lookup import lookup_service
from polling_places.selectors import current_list
from portal.rate_limits import limited

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
    ReportReason.NOT_OFFERED: (
        "No guardamos esta respuesta: por ahora no hace falta que nos cuentes qué te salió. "
        "Lo que ves aquí es lo último que sabemos."
    ),
}


def census_card_context(
    user: CustomUser, report_form: CensusReportForm | None = None
) -> dict[str, object]:
    """The card's context. A form that came back with errors is shown whatever the record
    says, so the person sees what to fix."""
    record = census_record(user)
    line = census_line(user)
    now = timezone.now()  # after the line's estimate, which counts from its own now
    way = census_way_forward(record)
    offers_report = report_form is not None or way is not None
    # Polling swaps the whole card, which would wipe what the person is typing; and once
    # the person told us their answer, it is shown until the Registraduría's (on their
    # next visit).
    polling = not (offers_report or record.status.is_final or record.told_by_person)
    # Offered only when it would be accepted; otherwise the card says from when.
    refresh = census_refresh_decision(user) if record.status.is_final else None
    told_while_waiting = record.told_by_person and record.status is LookupStatus.PENDING
    return {
        "census": record,
        "census_heading": card_heading(
            record, told_while_waiting=told_while_waiting, offers_report=offers_report
        ),
        "census_failure": failure_sentence(record),
        "census_gave_up": gave_up_sentence(record),
        "census_line": line_sentence(line, now),
        "census_polling": polling,
        "census_poll_seconds": POLL_SECONDS,
        "census_announcement": "" if polling else announcement(record, way),
        "census_way_forward": way_forward_sentence(way, record) if way else "",
        "census_way_forward_next": way_forward_next_step(way, record, line, now),
        "census_told_while_waiting": TOLD_WHILE_WAITING if told_while_waiting else "",
        "census_report_form": (
            (report_form or CensusReportForm(places=current_list())) if offers_report else None
        ),
        "census_refresh_offered": refresh is not None and refresh.allowed,
        "census_refresh_later": refresh_sentence(refresh, now) if refresh else "",
        "census_address": place_address(record.voting_place),
        "census_directions_url": directions_url(record.voting_place),
        "census_what_to_bring": WHAT_TO_BRING,
        "census_not_found_meaning": NOT_FOUND_MEANING,
        "census_cancelled_meaning": CANCELLED_MEANING,
        "census_cancelled_next_step": CANCELLED_NEXT_STEP,
        "census_not_enabled_meaning": NOT_ENABLED_MEANING,
        "census_not_enabled_next_step": NOT_ENABLED_NEXT_STEP,
        "census_cancellation_meaning": (
            cancellation_meaning(record.cancellation) if record.cancellation else ""
        ),
    }


class HomeView(TemplateView):
    """The person's page: their data and where they vote."""

    template_name = "census/inicio.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | census_card_context(self.request.user)


@require_GET
def census_card(request: HttpRequest) -> HttpResponse:
    """The card alone, for htmx polling from the home page."""
    return render(request, "census/tarjeta.html", census_card_context(request.user))


@require_GET
def census_status(request: HttpRequest) -> JsonResponse:
    record = census_record(request.user)
    line = census_line(request.user)
    return JsonResponse(status_json(record, line, census_way_forward(record)))


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
    when = moment_words(decision.available_at, timezone.now())
    return f"Ya consultamos hace poco. Podrás pedir otra consulta desde {when}."


@require_POST
@limited(group="report", rate_setting="REPORT_RATE", key="user")
def census_report(request: HttpRequest) -> HttpResponse:
    """The person tells us what the Registraduría's page showed them."""
    form = CensusReportForm(request.POST, places=current_list())
    if not form.is_valid():
        context = census_card_context(request.user, report_form=form)
        return render(request, "census/inicio.html", context, status=400)
    decision = lookup_service().report_answer(Cedula(request.user.cedula), form.to_answer())
    level = messages.SUCCESS if decision.accepted else messages.WARNING
    messages.add_message(request, level, REPORT_MESSAGES[decision.reason])
    return redirect("census:home")


@require_POST
def census_report_step(request: HttpRequest) -> HttpResponse:
    """A step of choosing the place from the list without JavaScript ("Continuar",
    "Buscar"): the form comes back with what that step asked checked and the next control
    offered; nothing is saved, so it counts against no limit."""
    step = request.POST.get("paso", "")
    places = current_list()
    if step not in CensusReportForm.STEPS or places is None:
        return redirect("census:home")
    # Its buttons are those of a place that was found.
    data = request.POST.copy()
    data["resultado"] = CensusReportForm.FOUND
    form = CensusReportForm(data, places=places, step=step)
    context = census_card_context(request.user, report_form=form)
    return render(request, "census/inicio.html", context, status=200 if form.is_valid() else 400)


@require_GET
@never_cache
def fleet_status_json(request: HttpRequest) -> JsonResponse:
    """For operators' monitors: the fleet's queue, outcomes and source (staff only)."""
    if not request.user.is_staff:
        raise Http404
    return JsonResponse(fleet_status(timezone.now()))
