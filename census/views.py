"""HTTP entry points of a person's census lookup: the home page with its card, the card
alone, its JSON, refreshing, and telling us what the Registraduría's page said when the
automatic lookup could not. Whoever must still verify their phone never reaches them
(accounts.phone.gate)."""

from __future__ import annotations

from datetime import datetime
from hashlib import blake2b
from typing import Any

from attrs import evolve
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import TemplateView

from accounts.models import CustomUser
from cedula_domain import (
    Cedula,
    LookupStatus,
    PlaceInLine,
    RefreshDecision,
    RefreshReason,
    ReportReason,
)
from census.fleet_status import fleet_status
from census.forms import CensusReportForm, ReportResultForm
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
    official_page_step,
    place_address,
    refresh_sentence,
    status_json,
    way_forward_next_step,
    way_forward_sentence,
)
from census.rules.card_polling import poll_seconds
from census.selectors import (
    census_line,
    census_record,
    census_refresh_decision,
    census_waits_for_policy,
    census_way_forward,
)
from pagina_madre.bootstrap.census_lookup import lookup_service
from polling_places.selectors import current_list
from portal.rate_limits import enforce_limit

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


def census_card_context(user: CustomUser) -> dict[str, object]:
    """The card's context."""
    record = census_record(user)
    line = census_line(user)
    now = timezone.now()  # after the line's estimate, which counts from its own now
    way = census_way_forward(record)
    offers_report = way is not None
    # Polling swaps the whole card, which would take "Cuéntanos qué te salió" away while
    # the person is on the Registraduría's page (an attempt that starts hides it); and once
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
        "census_poll_seconds": poll_seconds(line, now),
        "census_announcement": "" if polling else announcement(record, way),
        "census_way_forward": way_forward_sentence(way, record) if way else "",
        "census_way_forward_next": way_forward_next_step(way, record, line, now),
        "census_told_while_waiting": TOLD_WHILE_WAITING if told_while_waiting else "",
        "census_report_offered": offers_report,
        "census_official_page_step": official_page_step(way, record) if way else "",
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
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if census_waits_for_policy(user):
            # Nothing would ever be looked up: the card says why, and how to start.
            return context | {"census_waits_for_policy": True}
        return context | census_card_context(user)


@require_GET
def census_card(request: HttpRequest) -> HttpResponse:
    """The card alone, for htmx polling from the home page. A polling card unchanged
    since the one the page shows (If-None-Match, census-card.js) is a 304, not rendered
    again."""
    context = census_card_context(request.user)
    if not context["census_polling"]:
        return render(request, "census/tarjeta.html", context)  # nobody asks for it again
    # What it shows is its context (no form while it polls), and the day (the countdown
    # to the election, which the template reads itself).
    tag = _poll_tag(request, sorted(context.items()), timezone.localdate())
    unchanged = get_conditional_response(request, etag=tag)
    response = unchanged or render(request, "census/tarjeta.html", context)
    response["ETag"] = tag
    return response


@require_GET
def census_status(request: HttpRequest) -> HttpResponse:
    """The lookup as JSON (presenter.status_json). Asked again and again, and by every
    phone on election day: an answer unchanged since the caller's (If-None-Match) is a
    304. Only a lookup that waits its turn shows the line and the site's state; any other
    shows its record alone, so one query tells whether it changed."""
    record = census_record(request.user)
    waiting = record.status is LookupStatus.PENDING
    line = census_line(request.user) if waiting else None
    way = census_way_forward(record) if waiting else None
    # A waiting lookup's estimate moves with the clock: the tag follows it to the minute.
    state = (line and _to_the_minute(line), way) if waiting else ()
    tag = _poll_tag(request, record, *state)
    if unchanged := get_conditional_response(request, etag=tag):
        unchanged["ETag"] = tag
        return unchanged
    if not waiting:
        way = census_way_forward(record)
    response = JsonResponse(status_json(record, line, way))
    response["ETag"] = tag
    return response


def _to_the_minute(line: PlaceInLine) -> PlaceInLine:
    return evolve(line, estimated_at=_minute(line.estimated_at), answer_at=_minute(line.answer_at))


def _minute(moment: datetime | None) -> datetime | None:
    return moment.replace(second=0, microsecond=0) if moment else None


def _poll_tag(request: HttpRequest, *state: object) -> str:
    """A weak ETag of what a polled answer shows: the same state, the same tag, in any
    worker. The session is part of it, so after a new login (someone else, maybe, on a
    shared phone) the browser's copy never matches."""
    seen = repr((request.user.pk, request.session.session_key, *state))
    return f'W/"{blake2b(seen.encode(), digest_size=16).hexdigest()}"'


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


# Telling us what the Registraduría's page showed, one question a page (GOV.UK): what it
# showed (census:report), then the detail a place or a cancellation needs, each on its
# own page. Nothing is carried between pages: the page asked names the result (a place,
# a cancellation), and its "Volver" link brings that choice back to the first page in
# its address. Every page is asked again from the card: one not offered leads home.
REPORT_TEMPLATES = {
    "census:report": "census/informar.html",
    "census:report_place": "census/informar_lugar.html",
    "census:report_novedad": "census/informar_novedad.html",
}
# The page that asks the detail of a result, for those that need one.
DETAIL_PAGES = {
    ReportResultForm.FOUND: "census:report_place",
    ReportResultForm.CANCELLED: "census:report_novedad",
}


@require_http_methods(["GET", "POST"])
def census_report(request: HttpRequest) -> HttpResponse:
    """What the Registraduría's page showed: saved at once when that is all (not in the
    census, may not vote), else on to the page that asks its detail. Choosing renders or
    redirects only; it counts against the limit only when it saves."""
    if request.method == "GET":
        if not _report_offered(request):
            return redirect("census:home")
        form = ReportResultForm(initial={"resultado": request.GET.get("resultado", "")})
        return _report_page(request, "census:report", form)
    form = ReportResultForm(request.POST)
    if not form.is_valid():
        return _report_page(request, "census:report", form, status=400)
    resultado = form.cleaned_data["resultado"]
    if resultado in DETAIL_PAGES:
        return redirect(DETAIL_PAGES[resultado])
    return _save_report(request, "census:report", CensusReportForm({"resultado": resultado}))


@require_http_methods(["GET", "POST"])
def census_report_place(request: HttpRequest) -> HttpResponse:
    """Where the person votes, as the page showed it: chosen from the official list (typed
    without one) with its mesa. A step of choosing without JavaScript ("Continuar",
    "Buscar", ``paso``) comes back with the next control and saves nothing, so it counts
    against no limit: it only renders a page of at most PUESTOS_SHOWN places."""
    places = current_list()
    if request.method == "GET":
        if not _report_offered(request):
            return redirect("census:home")
        return _report_page(request, "census:report_place", CensusReportForm(places=places))
    data = request.POST.copy()
    data["resultado"] = CensusReportForm.FOUND
    step = request.POST.get("paso")
    if step in CensusReportForm.STEPS and places is not None:
        form = CensusReportForm(data, places=places, step=step)
        return _report_page(
            request, "census:report_place", form, status=200 if form.is_valid() else 400
        )
    return _save_report(request, "census:report_place", CensusReportForm(data, places=places))


@require_http_methods(["GET", "POST"])
def census_report_novedad(request: HttpRequest) -> HttpResponse:
    """The novedad of a cancelled cédula, as the page wrote it."""
    if request.method == "GET":
        if not _report_offered(request):
            return redirect("census:home")
        return _report_page(request, "census:report_novedad", CensusReportForm())
    data = request.POST.copy()
    data["resultado"] = CensusReportForm.CANCELLED
    return _save_report(request, "census:report_novedad", CensusReportForm(data))


def _report_offered(request: HttpRequest) -> bool:
    return census_way_forward(census_record(request.user)) is not None


def _report_page(
    request: HttpRequest, page: str, form: ReportResultForm, status: int = 200
) -> HttpResponse:
    return render(request, REPORT_TEMPLATES[page], {"form": form}, status=status)


def _save_report(request: HttpRequest, page: str, form: CensusReportForm) -> HttpResponse:
    """Every post that would save counts against REPORT_RATE, refused or not; the domain
    (``report_answer``) decides whether the answer is heard."""
    enforce_limit(request, group="report", rate_setting="REPORT_RATE", key="user")
    if not form.is_valid():
        return _report_page(request, page, form, status=400)
    decision = lookup_service().report_answer(Cedula(request.user.cedula), form.to_answer())
    level = messages.SUCCESS if decision.accepted else messages.WARNING
    messages.add_message(request, level, REPORT_MESSAGES[decision.reason])
    return redirect("census:home")


@require_GET
@never_cache
def fleet_status_json(request: HttpRequest) -> JsonResponse:
    """For operators' monitors: the fleet's queue, outcomes and source (staff only)."""
    if not request.user.is_staff:
        raise Http404
    return JsonResponse(fleet_status(timezone.now()))
