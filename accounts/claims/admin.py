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

from accounts.claims.selectors import hand_over_text, with_hand_over_text
from accounts.claims.services import (
    ClaimAlreadyDecided,
    NoAccountToHandOver,
    hand_over_account,
    reject_claim,
)
from accounts.models import CedulaClaim, ClaimDecision, CustomUser
from accounts.phone.rules.phone_code import CodeText
from accounts.privacy.audit import AuditedReads
from portal import phones
from portal.admin_permissions import ReadOnly, ReadOnlyInline

CONFIRMATION_TEMPLATE = "admin/accounts/cedulaclaim/decidir.html"

# Where the text of a hand-over's code is, as staff read it in the queue.
HAND_OVER_TEXTS = {
    CodeText.WAITING: "en camino",
    CodeText.SENT: "enviado",
    CodeText.NOT_SENT: "no se pudo enviar",
}
# Codes are deleted an hour after they are issued (forget_old_codes), and what their text
# did with them.
HAND_OVER_CODE_FORGOTTEN = "ya no consta"


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

    list_display = (
        "created_at",
        "cedula",
        "full_name",
        "national_phone",
        "status",
        "has_account",
        "hand_over_sms",
    )
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
        "hand_over_sms",
    )
    inlines = (ClaimDecisionInline,)
    actions = ("hand_over", "reject")

    def get_fieldsets(self, request: HttpRequest, obj: CedulaClaim | None = None) -> list:
        # Named: the admin draws a fieldset's name as its label (an unnamed one has none).
        return [("Reclamo", {"fields": self.get_fields(request, obj)})]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CedulaClaim]:
        account = CustomUser.objects.filter(cedula=OuterRef("cedula"))
        claims = super().get_queryset(request).annotate(account_exists=Exists(account))
        return with_hand_over_text(claims)

    @admin.display(description="teléfono", ordering="phone")
    def national_phone(self, claim: CedulaClaim) -> str:
        return phones.national(claim.phone)

    @admin.display(description="¿tiene cuenta?", boolean=True, ordering="account_exists")
    def has_account(self, claim: CedulaClaim) -> bool:
        return claim.account_exists  # type: ignore[attr-defined]

    @admin.display(description="SMS del código")
    def hand_over_sms(self, claim: CedulaClaim) -> str:
        """Whether the code a hand-over texted the claimant left: if not, they may ask for
        another in «¿Olvidaste tu contraseña?», or staff call them."""
        text = hand_over_text(claim)
        if text is not None:
            return HAND_OVER_TEXTS[text]
        handed_over = claim.status == CedulaClaim.Status.HANDED_OVER
        return HAND_OVER_CODE_FORGOTTEN if handed_over else self.get_empty_value_display()

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
            decision = hand_over_account(
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
        self.log_change(
            request, claim, "Cuenta entregada al reclamante; su código por SMS quedó en camino."
        )
        self.log_change(
            request,
            decision.account,
            f"Entregada al reclamante del reclamo {claim.pk}: nombre y teléfono nuevos, "
            "contraseña anulada.",
        )
        # The SMS leaves from a worker, after this answer: the queue says whether it did.
        self.message_user(
            request,
            "Cuenta entregada. El código por SMS para que el reclamante cree su contraseña "
            "va en camino: la columna «SMS del código» dice si salió. Si no se pudo enviar, "
            "el reclamante puede pedir otro en «¿Olvidaste tu contraseña?».",
            messages.SUCCESS,
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

    def get_fieldsets(self, request: HttpRequest, obj: ClaimDecision | None = None) -> list:
        return [("Decisión", {"fields": self.get_fields(request, obj)})]
