"""The official lists in the admin: operators search and read them; the loader
(``manage.py load_polling_places``) is their only writer, so nothing here edits."""

from __future__ import annotations

import re

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from cedula_domain.place_names import name_key
from polling_places.models import PollingPlace, PollingPlaceList
from portal.admin_permissions import ReadOnly

# A code as operators copy it: "01-001-01-A1", "01001", "01 001 01".
_CODE = re.compile(r"^(\d{2})[-\s]?(\d{3})(?:[-\s]?(\d{2})(?:[-\s]?([0-9A-Za-z]{2}))?)?$")


@admin.register(PollingPlaceList)
class PollingPlaceListAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("election", "name", "published_on", "source", "place_count", "loaded_at")
    readonly_fields = (
        "election",
        "name",
        "published_on",
        "source",
        "place_count",
        "loaded_at",
    )
    # Named: the admin draws a fieldset's name as its label (an unnamed one has none).
    fieldsets = (("Lista", {"fields": readonly_fields}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PollingPlaceList]:
        return super().get_queryset(request).annotate(place_count=Count("places"))

    @admin.display(description="puestos", ordering="place_count")
    def place_count(self, obj: PollingPlaceList) -> int:
        return obj.place_count  # type: ignore[attr-defined]


@admin.register(PollingPlace)
class PollingPlaceAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("code", "puesto", "municipio", "departamento", "comuna", "direccion", "list")
    list_filter = ("list", "departamento")
    list_select_related = ("list",)
    # Names are searched as the loader keyed them: "bogota" finds BOGOTA. D.C., "san jose"
    # finds SAN JOSÉ; a code finds its place (or its municipio's).
    search_fields = ("puesto_key", "municipio_key", "departamento_key", "direccion")
    search_help_text = (
        "Nombre del puesto, municipio o departamento, dirección, o código (01-001-01-01)."
    )
    ordering = ("list", "dd", "mm", "zz", "pp")
    readonly_fields = (
        "list",
        "code",
        "departamento",
        "municipio",
        "puesto",
        "comuna",
        "direccion",
        "latitud",
        "longitud",
    )
    fieldsets = (("Puesto", {"fields": readonly_fields}),)

    @admin.display(description="código", ordering="dd")
    def code(self, obj: PollingPlace) -> str:
        return obj.code

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[PollingPlace], search_term: str
    ) -> tuple[QuerySet[PollingPlace], bool]:
        code = _CODE.match(search_term.strip())
        if code:
            parts = dict(zip(("dd", "mm", "zz", "pp"), code.groups(), strict=True))
            return queryset.filter(
                **{field: value.upper() for field, value in parts.items() if value}
            ), False
        return super().get_search_results(request, queryset, name_key(search_term))
