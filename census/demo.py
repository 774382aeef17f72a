"""`make demo`'s page of test cédulas: which one shows each outcome, as the census
simulator answers it (src/census_sim, its README's tables; a test keeps the two in step).
Only there while CENSUS_SIMULATED is on: a real portal has no such page."""

from __future__ import annotations

from attrs import frozen
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cedula_domain import LookupStatus
from census.presenter import STATUS_WORDS
from pagina_madre.bootstrap.census_lookup import census_config


@frozen
class DemoCedula:
    cedula: str
    # What the simulator answers: the cédula's standing (census_sim.census.Standing), or
    # the name of the trouble mode the cédula triggers (census_sim.modes.Mode).
    answer: str
    shows: str


# Each answer leads with the words the portal gives its status (census.presenter).
_FOUND, _NOT_FOUND, _CANCELLED, _NOT_ENABLED = (
    STATUS_WORDS[status]
    for status in (
        LookupStatus.FOUND,
        LookupStatus.NOT_FOUND,
        LookupStatus.CANCELLED,
        LookupStatus.NOT_ENABLED,
    )
)
ANSWERS = (
    DemoCedula(
        "1020304050", "found", f"{_FOUND}: Bogotá, Universidad Nacional, mesa 12, con mapa."
    ),
    DemoCedula("43210987", "found", f"{_FOUND}: Medellín, mesa 7, sin mapa."),
    DemoCedula(
        "1144000111", "found", f"{_FOUND}: Cali, mesa 23 (la respuesta trae espacios de más)."
    ),
    DemoCedula(
        "71000009",
        "found",
        f"{_FOUND}: un puesto que no está en la lista oficial; queda para revisión de operadores.",
    ),
    DemoCedula("1000000001", "not_in_census", f"{_NOT_FOUND}."),
    DemoCedula("20000021", "cancelled", f"{_CANCELLED}: por muerte."),
    DemoCedula("20000022", "cancelled", f"{_CANCELLED}: por doble cedulación."),
    DemoCedula(
        "20000099",
        "cancelled",
        f"{_CANCELLED}: baja por pérdida o suspensión de los derechos políticos.",
    ),
    DemoCedula(
        "20000098",
        "not_enabled",
        f"{_NOT_ENABLED}: pérdida o suspensión de los derechos políticos (no está cancelada).",
    ),
    DemoCedula(
        "20000097",
        "not_enabled",
        f"{_NOT_ENABLED}: la Registraduría solo dice que no está habilitada para votar.",
    ),
)
TROUBLE = (
    DemoCedula("900000003", "slow", "La Registraduría tarda unos segundos y luego responde."),
    DemoCedula(
        "900000002",
        "captcha",
        "La Registraduría pide un CAPTCHA: el portal te pide terminar tú la consulta.",
    ),
    DemoCedula(
        "900000005",
        "http_500",
        "La Registraduría falla: el portal reintenta unos minutos y luego te pide terminarla tú.",
    ),
    DemoCedula(
        "900000004",
        "hang",
        "La Registraduría no responde: cada intento se agota al minuto y se reintenta.",
    ),
    DemoCedula(
        "900000001",
        "firewall_api",
        "Un cortafuegos bloquea la consulta: reintentos más espaciados.",
    ),
    DemoCedula(
        "900000007",
        "malformed_json",
        "La respuesta llega dañada: el portal la trata como una página que cambió.",
    ),
)


@login_not_required
@require_GET
def demo(request: HttpRequest) -> HttpResponse:
    if not census_config().simulated:
        raise Http404("Solo en modo demostración.")
    return render(request, "census/demo.html", {"answers": ANSWERS, "trouble": TROUBLE})
