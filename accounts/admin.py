from collections.abc import Sequence
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from phonenumber_field.modelfields import PhoneNumberField

from accounts.claims import admin as claims_admin  # noqa: F401  (registers the claims' queue)
from accounts.identity.forms import NationalPhoneInput
from accounts.models import CustomUser, ForgottenAcceptances, PolicyAcceptanceEntry
from accounts.privacy.audit import AuditedReads
from accounts.privacy.forgetting import PersonNotForgettable, forget_person
from portal import phones
from portal.admin_permissions import ReadOnly, ReadOnlyInline

NOT_FORGETTABLE = (
    "No se eliminó a {person}: como parte del personal decidió reclamos, y esas decisiones "
    "se conservan. Quítale primero el acceso de personal y conserva la cuenta."
)

# Who is staff or superuser, and what they may do. Whoever may change these may give
# themselves anything, the worker's schedules included (census.queue_admin): only
# superusers do.
PERMISSION_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


def grants_permissions(request: HttpRequest) -> bool:
    return request.user.is_superuser


class CustomUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = CustomUser
        fields = ("cedula", "nombre_completo", "telefono")


class PolicyAcceptanceInline(ReadOnlyInline):
    """The person's ledger of acceptances: appended by the person, never edited."""

    model = PolicyAcceptanceEntry
    fields = readonly_fields = ("version", "accepted_at")


@admin.register(CustomUser)
class CustomUserAdmin(AuditedReads, UserAdmin):
    """Deleting a person here (the button on their page, or the list's action, each with
    Django's confirmation) forgets them entirely, as /perfil/eliminar/ does: for a request
    that came by other means."""

    add_form = CustomUserCreationForm
    inlines = (PolicyAcceptanceInline,)
    formfield_overrides = {PhoneNumberField: {"widget": NationalPhoneInput}}
    ordering = ("cedula",)
    list_display = ("cedula", "nombre_completo", "phone", "is_staff", "date_joined")
    search_fields = ("cedula", "nombre_completo", "telefono")
    readonly_fields = (
        "phone_verified_at",
        "last_login",
        "date_joined",
        "elsewhere",
    )
    fieldsets = (
        # Every fieldset named: the admin draws the name as the fieldset's label.
        ("Cuenta", {"fields": ("cedula", "password")}),
        ("Datos personales", {"fields": ("nombre_completo", "telefono", "phone_verified_at")}),
        (
            "Permisos",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Fechas", {"fields": ("last_login", "date_joined")}),
        ("En otras páginas", {"fields": ("elsewhere",)}),
    )
    add_fieldsets = (
        (
            "Cuenta nueva",
            {
                "classes": ("wide",),
                "fields": ("cedula", "nombre_completo", "telefono", "password1", "password2"),
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Sequence[str]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if grants_permissions(request) else (*readonly, *PERMISSION_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def _may_manage(request: HttpRequest, person: CustomUser | None) -> bool:
        """Only superusers change or delete another member of the team: a staff account's
        password or phone (the way back in by SMS) opens its permissions. Others see it."""
        if person is None or grants_permissions(request) or person.pk == request.user.pk:
            return True
        return not (person.is_staff or person.is_superuser)

    @admin.display(description="teléfono", ordering="telefono")
    def phone(self, person: CustomUser) -> str:
        return phones.national(person.telefono)

    @admin.display(description="su consulta y sus referidos")
    def elsewhere(self, person: CustomUser) -> SafeString | str:
        """Links to the person's census lookup and referrals in their apps' admin pages,
        by URL name only: accounts knows neither app (lint-imports)."""
        pages = [
            ("census_cedulainfo", f"user__id__exact={person.pk}", "Su consulta del censo"),
            ("referrals_referral", f"referrer__id__exact={person.pk}", "Las personas que invitó"),
            ("referrals_referral", f"referred__id__exact={person.pk}", "Quién lo invitó"),
        ]
        links = []
        for model, query, text in pages:
            try:
                links.append((f"{reverse(f'admin:{model}_changelist')}?{query}", text))
            except NoReverseMatch:  # that app is not installed
                continue
        return format_html_join(" · ", '<a href="{}">{}</a>', links) or "—"

    def delete_model(self, request: HttpRequest, obj: CustomUser) -> None:
        self._forget(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CustomUser]) -> None:
        self._forget(request, list(queryset))

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # The log of deletions would name each person whole, after they are gone: the
        # trail of forgetting (accounts.privacy.audit) says who was forgotten and at whose request.
        return []

    def _forget(self, request: HttpRequest, people: list[CustomUser]) -> None:
        for person in people:
            try:
                forget_person(user=person, requested_by=request.user)
            except PersonNotForgettable:
                self.message_user(request, NOT_FORGETTABLE.format(person=person), messages.ERROR)


@admin.register(ForgottenAcceptances)
class ForgottenAcceptancesAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: what stays of forgotten people's acceptances."""

    list_display = ("version", "people")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        # Named: the admin draws a fieldset's name as its label (an unnamed one has none).
        return [("Aceptaciones", {"fields": self.get_fields(request, obj)})]


admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    """A group's permissions are granted by superusers only, as a person's are: whoever is
    in a group and may change it would otherwise grant themselves anything."""

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Sequence[str]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if grants_permissions(request) else (*readonly, "permissions")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        return [("Grupo", {"fields": self.get_fields(request, obj)})]
