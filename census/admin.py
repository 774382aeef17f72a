"""The census lookups in the admin: read-only rows, a new lookup on request, and an
operator's answer; every change goes through the lookup service. The rows store the
domain's codes; what operators read of them is the presenter's words."""

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html

from accounts.privacy.audit import AuditedReads
from cedula_domain import (
    AnswerSource,
    BlockKind,
    Cedula,
    FailureKind,
    LookupStatus,
    ReportReason,
    Unmatched,
)
from census.fleet_status import fleet_status
from census.forms import CensusReportForm
from census.models import CedulaInfo, SourceState
from census.official_matches import UNVERIFIED, match_summary, unmatched_because
from census.presenter import (
    BLOCK_WORDS,
    FAILURE_WORDS,
    NOT_COMPARED_WORDS,
    SOURCE_WORDS,
    STATUS_WORDS,
    UNMATCHED_WORDS,
    UNVERIFIED_WORDS,
    words_of_engine,
)
from pagina_madre.bootstrap.census_lookup import lookup_service, snapshot_file
from portal.admin_permissions import ReadOnly, ViewOnly

# What an operator reads after recording an answer from the admin.
OPERATOR_REPORT_MESSAGES = {
    ReportReason.ACCEPTED: "Quedó registrado el dato, como informado por un operador.",
    ReportReason.LOOKUP_RUNNING: (
        "Hay una consulta automática en curso; no se registró el dato. Inténtalo cuando termine."
    ),
    # Operators may replace the Registraduría's answer, so this one is never expected.
    ReportReason.REGISTRADURIA_ANSWERED: "La Registraduría ya respondió; no se registró el dato.",
    ReportReason.NO_ACCOUNT: "La cuenta de esta persona ya no existe; no se registró el dato.",
    # Only a person's word waits for the way forward; never an operator's.
    ReportReason.NOT_OFFERED: "No se registró el dato.",
}

Code = TypeVar("Code", bound=enum.Enum)


def _words(stored: str, codes: type[Code], words: Mapping[Code, str]) -> str | None:
    """A stored code in the presenter's words; None (the admin's dash) when blank."""
    return words[codes(stored)] if stored else None


def _worded_filter(
    field: str, codes: type[Code], words: Mapping[Code, str]
) -> type[admin.SimpleListFilter]:
    """The list's filter on a stored code, each choice in the presenter's words (the
    parameter as Django's own filter names it, so links keep working)."""

    class WordedFilter(admin.SimpleListFilter):
        title = CedulaInfo._meta.get_field(field).verbose_name
        parameter_name = f"{field}__exact"

        def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
            return [(code.value, words[code]) for code in codes]

        def queryset(self, request: HttpRequest, queryset: QuerySet[CedulaInfo]) -> QuerySet:
            value = self.value()
            return queryset.filter(**{field: value}) if value else queryset

    return WordedFilter


# The engine filter's choice for a lookup no browser has run yet (its engine is blank).
NO_ENGINE = "ninguno"


class EngineFilter(admin.SimpleListFilter):
    """Lookups by the browser engine of their last attempt; the blank engine is named, where
    Django's own filter on the field drew it as a link with no words."""

    title = CedulaInfo._meta.get_field("engine").verbose_name
    parameter_name = "engine"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        engines = (
            CedulaInfo.objects.exclude(engine="")
            .order_by("engine")
            .values_list("engine", flat=True)
            .distinct()
        )
        return [
            *((engine, words_of_engine(engine)) for engine in engines),
            (NO_ENGINE, "Ninguno todavía"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[CedulaInfo]) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(engine="" if value == NO_ENGINE else value)


# The official place filter's choices that are no ``Unmatched`` reason.
MATCHED = "emparejada"
UNVERIFIED_CHOICE = "sin_verificar"
NOT_COMPARED = "sin_comparar"


class OfficialPlaceFilter(admin.SimpleListFilter):
    """Answers by their place in the official list: matched, a person's unverified word,
    or matched to none and why (each reason in the presenter's words)."""

    title = "puesto oficial"
    parameter_name = "puesto_oficial"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (MATCHED, "Con puesto oficial"),
            (UNVERIFIED_CHOICE, f"Sin puesto oficial: {UNVERIFIED_WORDS}"),
            *((why.value, f"Sin puesto oficial: {UNMATCHED_WORDS[why]}") for why in Unmatched),
            (NOT_COMPARED, f"Sin puesto oficial: {NOT_COMPARED_WORDS}"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[CedulaInfo]) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if value == MATCHED:
            return queryset.filter(polling_place__isnull=False)
        if value == UNVERIFIED_CHOICE:
            return queryset.filter(UNVERIFIED)
        why = None if value == NOT_COMPARED else Unmatched(value)
        return queryset.filter(unmatched_because(why))


@admin.register(CedulaInfo)
class CedulaInfoAdmin(AuditedReads, ViewOnly, admin.ModelAdmin):
    # Readable at 1280 px beside the admin's menu and filters: the state with where its
    # answer came from (or what failed last) under it, and one short date column.
    list_display = ("cedula", "nombre", "state", "official_place", "attempts", "when")
    list_filter = (
        _worded_filter("status", LookupStatus, STATUS_WORDS),
        _worded_filter("source", AnswerSource, SOURCE_WORDS),
        OfficialPlaceFilter,
        _worded_filter("last_failure_kind", FailureKind, FAILURE_WORDS),
        _worded_filter("last_block_kind", BlockKind, BLOCK_WORDS),
        EngineFilter,
    )
    search_fields = ("cedula", "user__nombre_completo")
    list_select_related = ("user", "polling_place")
    ordering = ("-requested_at",)
    actions = ("request_again",)
    change_form_template = "admin/census/cedulainfo/change_form.html"
    fieldsets = (
        (
            "Consulta",
            {"fields": ("user", "cedula", "status_words", "source_words", "attempts", "version")},
        ),
        (
            "Tiempos",
            {"fields": ("requested_at", "next_attempt_at", "lease_expires_at", "fetched_at")},
        ),
        (
            "Lugar de votación",
            {
                "fields": (
                    "departamento",
                    "municipio",
                    "puesto",
                    "direccion",
                    "mesa",
                    "coddivipol",
                    "latitud",
                    "longitud",
                    "official_place",
                )
            },
        ),
        ("Novedad", {"fields": ("novedad", "resolucion", "fecha_novedad", "voting_restricted")}),
        (
            "Diagnóstico",
            {
                "fields": (
                    "failure_words",
                    "block_words",
                    "last_failure_message",
                    "engine_words",
                    "evidence",
                )
            },
        ),
    )
    readonly_fields = (
        "status_words",
        "source_words",
        "failure_words",
        "block_words",
        "engine_words",
        "official_place",
    )

    # The record changes only through the lookup service (ViewOnly); its one writing
    # view (report_view) goes through the service too.
    def may_report(self, request: HttpRequest) -> bool:
        """Recording an answer changes the record: it takes the change permission, which
        the change form itself never gets (has_change_permission)."""
        return request.user.has_perm("census.change_cedulainfo")

    def has_request_again_permission(self, request: HttpRequest) -> bool:
        """Asking for a new lookup changes the record too (its action's permission)."""
        return self.may_report(request)

    def get_urls(self) -> list[URLPattern]:
        report = path(
            "<path:object_id>/informar/",
            self.admin_site.admin_view(self.report_view),
            name="census_cedulainfo_report",
        )
        return [report, *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        summary = match_summary()
        # Each kind of answer without an official place: its words, its filter, how many.
        without = [
            (f"{UNVERIFIED_WORDS} (la persona lo dijo)", UNVERIFIED_CHOICE, summary.unverified),
            *(
                (
                    NOT_COMPARED_WORDS if why is None else UNMATCHED_WORDS[why],
                    NOT_COMPARED if why is None else why.value,
                    count,
                )
                for why, count in summary.unmatched.items()
            ),
        ]
        extra_context = {
            **(extra_context or {}),
            "place_matches": summary,
            "without_official_place": [row for row in without if row[2]],
            "filter_parameter": OfficialPlaceFilter.parameter_name,
        }
        return super().changelist_view(request, extra_context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = {**(extra_context or {}), "may_report": self.may_report(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def report_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """An operator records the answer they verified through official channels."""
        if not self.may_report(request):
            raise PermissionDenied
        info = self.get_object(request, unquote(object_id))
        if info is None:
            raise Http404("No existe esa consulta del censo.")
        form = CensusReportForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            decision = lookup_service().report_answer(
                Cedula(info.cedula), form.to_answer(), source=AnswerSource.OPERATOR
            )
            level = messages.SUCCESS if decision.accepted else messages.WARNING
            self.message_user(request, OPERATOR_REPORT_MESSAGES[decision.reason], level)
            return redirect(reverse("admin:census_cedulainfo_change", args=[info.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": info,
            "status_words": self.status_words(info),
            "source_words": self.source_words(info),
            "title": f"Registrar un dato para la cédula {info.cedula}",
            "form": form,
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(
            request, "admin/census/cedulainfo/informar.html", context, status=status
        )

    @admin.display(description="nombre", ordering="user__nombre_completo")
    def nombre(self, info: CedulaInfo) -> str:
        return info.user.nombre_completo

    @admin.display(description="estado", ordering="status")
    def state(self, info: CedulaInfo) -> str:
        detail = self.source_words(info) or self.failure_words(info)
        if not detail:
            return self.status_words(info)
        return format_html('{}<br><span class="quiet">{}</span>', self.status_words(info), detail)

    @admin.display(description="estado")
    def status_words(self, info: CedulaInfo) -> str:
        return STATUS_WORDS[LookupStatus(info.status)]

    @admin.display(description="origen del dato")
    def source_words(self, info: CedulaInfo) -> str | None:
        return _words(info.source, AnswerSource, SOURCE_WORDS)

    @admin.display(description="último fallo")
    def failure_words(self, info: CedulaInfo) -> str | None:
        return _words(info.last_failure_kind, FailureKind, FAILURE_WORDS)

    @admin.display(description="tipo de bloqueo")
    def block_words(self, info: CedulaInfo) -> str | None:
        return _words(info.last_block_kind, BlockKind, BLOCK_WORDS)

    @admin.display(description="motor del navegador")
    def engine_words(self, info: CedulaInfo) -> str | None:
        return words_of_engine(info.engine) or None

    @admin.display(description="puesto oficial")
    def official_place(self, info: CedulaInfo) -> str | None:
        """The official place the answer matched, or why none (the admin's dash: no place)."""
        if info.polling_place is not None:
            return f"{info.polling_place.code} {info.polling_place.puesto}"
        if not info.departamento:
            return None
        why = info.place_unmatched
        reason = UNMATCHED_WORDS[Unmatched(why)] if why else NOT_COMPARED_WORDS
        if info.source == AnswerSource.PERSON.value:
            return f"Sin puesto oficial: {UNVERIFIED_WORDS} ({reason})"
        return f"Sin puesto oficial: {reason}"

    @admin.display(description="cuándo", ordering="fetched_at")
    def when(self, info: CedulaInfo) -> str:
        if info.status == LookupStatus.PENDING.value and info.next_attempt_at:
            return f"próximo intento {_short_date(info.next_attempt_at)}"
        return f"respondida {_short_date(info.fetched_at)}" if info.fetched_at else "—"

    @admin.action(description="Volver a consultar", permissions=["request_again"])
    def request_again(self, request: HttpRequest, queryset: QuerySet[CedulaInfo]) -> None:
        service = lookup_service()
        for cedula in queryset.values_list("cedula", flat=True):
            service.force_refresh(Cedula(cedula))
        self.message_user(
            request,
            f"Se pidió una nueva consulta para {queryset.count()} cédula(s).",
            messages.SUCCESS,
        )


def _short_date(moment: datetime) -> str:
    """Such as "29 nov, 14:35": a list column has no room for the long form."""
    return formats.date_format(timezone.localtime(moment), "j b, H:i")


@admin.register(SourceState)
class SourceStateAdmin(ReadOnly, admin.ModelAdmin):
    """The fleet's page: the queue, the outcomes and the source, with the pause switch.
    The breaker changes only through the lookup service."""

    def may_pause(self, request: HttpRequest) -> bool:
        return request.user.has_perm("census.change_sourcestate")

    def get_urls(self) -> list[URLPattern]:
        snapshot = path(
            "instantanea/<str:name>",
            self.admin_site.admin_view(self.snapshot_view),
            name="census_sourcestate_snapshot",
        )
        return [snapshot, *super().get_urls()]

    def snapshot_view(self, request: HttpRequest, name: str) -> FileResponse:
        """A snapshot's screenshot, or its page as text: the page came from another site,
        and its scripts must never run under the portal's address."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = snapshot_file(name)
        if found is None:
            raise Http404("No existe esa instantánea.")
        if found.suffix == ".png":
            return FileResponse(found.open("rb"), content_type="image/png")
        return FileResponse(found.open("rb"), content_type="text/plain; charset=utf-8")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method == "POST":
            return self._switch(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Estado de las consultas al censo",
            "fleet": fleet_status(timezone.now()),
            "may_pause": self.may_pause(request),
        }
        return TemplateResponse(request, "admin/census/sourcestate/estado.html", context)

    def _switch(self, request: HttpRequest) -> HttpResponse:
        if not self.may_pause(request):
            raise PermissionDenied
        service = lookup_service()
        if request.POST.get("accion") == "pausar":
            reason = request.POST.get("motivo", "").strip()[:150] or "sin motivo escrito"
            service.pause_source(f"{request.user.get_username()}: {reason}")
            self.message_user(request, "Pausaste las consultas a la Registraduría.")
        else:
            alarm = service.source_state().page_changed
            service.resume_source()
            said = "Se apagó la alarma de la página cambiada. " if alarm else ""
            self.message_user(request, f"{said}Las consultas a la Registraduría siguen.")
        return redirect(reverse("admin:census_sourcestate_changelist"))
