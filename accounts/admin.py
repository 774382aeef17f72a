from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import CedulaInfo, CustomUser
from cedula_domain import Cedula
from pagina_madre.services import lookup_service


class CustomUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = CustomUser
        fields = ("cedula", "nombre_completo", "telefono")


@admin.register(CustomUser)
class CustomUserAdmin(UserAdmin):
    add_form = CustomUserCreationForm
    ordering = ("cedula",)
    list_display = ("cedula", "nombre_completo", "telefono", "is_staff", "date_joined")
    search_fields = ("cedula", "nombre_completo", "telefono")
    readonly_fields = ("politica_aceptada_en", "politica_version", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("cedula", "password")}),
        ("Datos personales", {"fields": ("nombre_completo", "telefono")}),
        ("Política de datos", {"fields": ("politica_aceptada_en", "politica_version")}),
        (
            "Permisos",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Fechas", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("cedula", "nombre_completo", "telefono", "password1", "password2"),
            },
        ),
    )


@admin.register(CedulaInfo)
class CedulaInfoAdmin(admin.ModelAdmin):
    list_display = (
        "cedula",
        "nombre",
        "status",
        "attempts",
        "last_failure_kind",
        "next_attempt_at",
        "fetched_at",
        "engine",
    )
    list_filter = ("status", "last_failure_kind", "engine")
    search_fields = ("cedula", "user__nombre_completo")
    list_select_related = ("user",)
    ordering = ("-requested_at",)
    actions = ("request_again",)
    fieldsets = (
        (None, {"fields": ("user", "cedula", "status", "attempts", "version")}),
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
                )
            },
        ),
        ("Novedad", {"fields": ("novedad", "resolucion", "fecha_novedad")}),
        (
            "Diagnóstico",
            {"fields": ("last_failure_kind", "last_failure_message", "engine", "evidence")},
        ),
    )

    # The record changes only through the lookup service; the admin reads it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CedulaInfo | None = None) -> bool:
        return False

    @admin.display(description="nombre", ordering="user__nombre_completo")
    def nombre(self, info: CedulaInfo) -> str:
        return info.user.nombre_completo

    @admin.action(description="Volver a consultar", permissions=["view"])
    def request_again(self, request: HttpRequest, queryset: QuerySet[CedulaInfo]) -> None:
        service = lookup_service()
        for cedula in queryset.values_list("cedula", flat=True):
            service.force_refresh(Cedula(cedula))
        self.message_user(
            request,
            f"Se pidió una nueva consulta para {queryset.count()} cédula(s).",
            messages.SUCCESS,
        )
