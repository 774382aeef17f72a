"""The official list as small JSON documents, for the report form's autocomplete: the
municipios of a departamento and the puestos of a municipio that fit what was typed.
Login required like the report (LoginRequiredMiddleware); nothing of the person is in
them, so the browser may keep them for a while (the list's election is in the address,
so a new list is a new address)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pagina_madre.middleware import holds_no_personal_data
from polling_places.models import PollingPlaceList
from polling_places.selectors import list_of_election, municipios, puestos

# A list changes only when it is loaded again.
MAX_AGE_SECONDS = 3600
# As many as a person reads in a suggestion list.
SUGGESTIONS = 20


def _list(election: str) -> PollingPlaceList:
    places = list_of_election(election=election)
    if places is None:
        raise Http404("No hay una lista de puestos de esa elección.")
    return places


@require_GET
@holds_no_personal_data
@cache_control(private=True, max_age=MAX_AGE_SECONDS)
def municipios_json(request: HttpRequest, election: str) -> JsonResponse:
    """``?departamento=<code>``: its municipios, by name."""
    found = municipios(places=_list(election), departamento=request.GET.get("departamento", ""))
    return JsonResponse({"municipios": [{"codigo": code, "nombre": name} for code, name in found]})


@require_GET
@holds_no_personal_data
@cache_control(private=True, max_age=MAX_AGE_SECONDS)
def puestos_json(request: HttpRequest, election: str) -> JsonResponse:
    """``?departamento=<code>&municipio=<code>&q=<typed>``: the first puestos that fit,
    best first, and how many fit in all."""
    search = puestos(
        places=_list(election),
        departamento=request.GET.get("departamento", ""),
        municipio=request.GET.get("municipio", ""),
        typed=request.GET.get("q", "")[:100],
        limit=SUGGESTIONS,
    )
    return JsonResponse(
        {
            "puestos": [
                {"id": place.pk, "nombre": place.puesto, "direccion": place.direccion}
                for place in search.places
            ],
            "total": search.total,
        }
    )
