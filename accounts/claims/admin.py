"""The staff queue of cédula claims: list, filters, and the two decisions (hand the account
over, reject), each confirmed on a page of its own and recorded twice: a ``ClaimDecision``
row (the audit trail, read-only here) and Django's admin log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.claims.services import (
    ClaimAlreadyDecided,
    NoAccountToHandOver,
    hand_over_account,
    reject_claim,
)
from accounts.models import CedulaClaim, ClaimDecision, CustomUser
from accounts.privacy.audit import AuditedReads
from portal import phones
from portal.admin_permissions import ReadOnly, ReadOnlyInline

CONFIRMATION_TEMPLATE = "admin/accounts/cedulaclaim/decidir.html"


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="Nota para el registro (por qué)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class ClaimDecisionInline(ReadOnlyInline):
    model = ClaimDecision
    fields = readonly_fields = (
        "kind",
        "decided_by",
        "decided_at",
        "note",
        "previous_full_name",
        "previous_phone",
    )


@admin.register(CedulaClaim)
class CedulaClaimAdmin(AuditedReads, ReadOnly, admin.ModelAdmin):
    """Claims come from the public form and stay as they came: only the decisions change
    them."""

    list_display = ("created_at", "cedula", "full_name", "national_phone", "status", "has_account")
    list_filter = ("status", "created_at")
    search_fields = ("cedula", "full_name")
    date_hierarchy = "created_at"
    readonly_fields = (
        "cedula",
        "full_name",
        "phone",
        "message",
        "policy_accepted_at",
        "policy_version",
        "created_at",
        "status",
        "decided_at",
    )
    inlines = (ClaimDecisionInline,)
    actions = ("hand_over", "reject")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CedulaClaim]:
        account = CustomUser.objects.filter(cedula=OuterRef("cedula"))
        return super().get_queryset(request).annotate(account_exists=Exists(account))

    @admin.display(description="teléfono", ordering="phone")
    def national_phone(self, claim: CedulaClaim) -> str:
        return phones.national(claim.phone)

    @admin.display(description="¿tiene cuenta?", boolean=True, ordering="account_exists")
    def has_account(self, claim: CedulaClaim) -> bool:
        return claim.account_exists  # type: ignore[attr-defined]

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.decide_cedulaclaim")

    @admin.action(description="Entregar la cuenta al reclamante", permissions=["decide"])
    def hand_over(self, request: HttpRequest, queryset: QuerySet[CedulaClaim]) -> Any:
        claims = list(queryset)
        if len(claims) != 1:
            self.message_user(
                request, "Elige un solo reclamo para entregar una cuenta.", messages.WARNING
            )
            return None
        [claim] = claims
        if claim.status != CedulaClaim.Status.PENDING:
            self.message_user(request, "Ese reclamo ya estaba decidido.", messages.WARNING)
            return None
        form = self._confirmed(request)
        if form is None:
            return self._confirmation(request, claims, "hand_over")
        link = request.build_absolute_uri(reverse("accounts:recovery_code"))
        try:
            result = hand_over_account(
                claim=claim, decided_by=request.user, link=link, note=form.cleaned_data["note"]
            )
        except ClaimAlreadyDecided:
            self.message_user(request, "Ese reclamo ya estaba decidido.", messages.WARNING)
            return None
        except NoAccountToHandOver:
            self.message_user(
                request,
                "Ninguna cuenta tiene ya esa cédula: no hay nada que entregar. El reclamante "
                "puede registrarse.",
                messages.WARNING,
            )
            return None
        sent = "y le enviamos un código por SMS" if result.sms_sent else "pero el SMS no salió"
        self.log_change(request, claim, f"Cuenta entregada al reclamante {sent}.")
        self.log_change(
            request,
            result.decision.account,
            f"Entregada al reclamante del reclamo {claim.pk}: nombre y teléfono nuevos, "
            "contraseña anulada.",
        )
        if result.sms_sent:
            self.message_user(
                request,
                "Cuenta entregada. El reclamante recibió un código por SMS para crear su "
                "contraseña.",
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                "Cuenta entregada, pero el SMS no salió. El reclamante puede pedir un código "
                "en «¿Olvidaste tu contraseña?».",
                messages.WARNING,
            )
        return None

    @admin.action(description="Rechazar el reclamo", permissions=["decide"])
    def reject(self, request: HttpRequest, queryset: QuerySet[CedulaClaim]) -> Any:
        claims = list(queryset.filter(status=CedulaClaim.Status.PENDING))
        form = self._confirmed(request)
        if form is None:
            return self._confirmation(request, claims, "reject")
        rejected = 0
        for claim in claims:
            try:
                reject_claim(claim=claim, decided_by=request.user, note=form.cleaned_data["note"])
            except ClaimAlreadyDecided:
                continue
            self.log_change(request, claim, "Reclamo rechazado.")
            rejected += 1
        self.message_user(request, f"Reclamos rechazados: {rejected}.", messages.SUCCESS)
        return None

    def _confirmed(self, request: HttpRequest) -> DecisionForm | None:
        if request.POST.get("confirm") != "yes":
            return None
        form = DecisionForm(request.POST)
        return form if form.is_valid() else None

    def _confirmation(
        self, request: HttpRequest, claims: list[CedulaClaim], action: str
    ) -> TemplateResponse:
        hand_over = action == "hand_over"
        context = {
            **self.admin_site.each_context(request),
            "title": "Entregar la cuenta" if hand_over else "Rechazar reclamos",
            "opts": self.model._meta,
            "claims": claims,
            "action": action,
            "hand_over": hand_over,
            "form": DecisionForm(request.POST if request.POST.get("confirm") else None),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, CONFIRMATION_TEMPLATE, context)


@admin.register(ClaimDecision)
class ClaimDecisionAdmin(AuditedReads, ReadOnly, admin.ModelAdmin):
    """The audit trail: nobody adds, edits or deletes a decision, superusers included."""

    list_display = ("decided_at", "kind", "claim", "decided_by")
    list_filter = ("kind", "decided_at")
    list_select_related = ("claim", "decided_by")
    search_fields = ("claim__cedula",)
