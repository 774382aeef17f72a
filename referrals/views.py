"""HTTP entry points of referrals: opening a link, registering through it, a person's
people (page and spreadsheet), a new link, the consent from /perfil/, a leader's refresh."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.identity.views import RegistrationView
from accounts.models import CustomUser
from census.presenter import seen_status_words
from referrals.export import write_roster
from referrals.forms import ReferredRegistrationForm, SharingForm
from referrals.invitations import follow_link, forget_invitation, inviting_link
from referrals.models import ReferralLink
from referrals.qr import qr_svg, whatsapp_url
from referrals.rules.leader import Goal, NetworkRefreshDecision, NetworkRefreshReason
from referrals.rules.referral import inviter_name
from referrals.selectors import leader_of, roster_of, roster_page, roster_totals
from referrals.services import (
    NotReferred,
    link_for,
    record_referral,
    refresh_network,
    renew_link,
    share_voting_place,
)

NOT_REFERRED_MESSAGE = "Te registraste sin el enlace de nadie: no hay con quién compartir."
# The largest puestos listed on /referidos/; the others are summed up in one line.
PUESTOS_SHOWN = 20
SHARING_MESSAGES = {
    True: "Listo: quien te invitó ya puede ver el resultado de tu consulta.",
    False: "Listo: quien te invitó ya no ve el resultado de tu consulta.",
}


@login_not_required
@require_GET
@never_cache
def follow(request: HttpRequest, code: str) -> HttpResponse:
    """Someone opened a referral link: keep its code for the registration."""
    if not request.user.is_authenticated:
        follow_link(request.session, code)
    return redirect("accounts:register")


@method_decorator(login_not_required, name="dispatch")
class ReferredRegistrationView(RegistrationView):
    """accounts' registration, plus who invited the person and their consent; the
    referral is written in the transaction that creates the account."""

    template_name = "referrals/registro.html"
    form_class = ReferredRegistrationForm

    @cached_property
    def invitation(self) -> ReferralLink | None:
        return inviting_link(self.request.session)

    @cached_property
    def inviter(self) -> str | None:
        """All the visitor learns of who invited them: a name (never the account)."""
        return inviter_name(self.invitation.owner.nombre_completo) if self.invitation else None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "inviter": self.inviter}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"inviter": self.inviter}

    def create_account(self, form: ReferredRegistrationForm) -> CustomUser:  # type: ignore[override]
        with transaction.atomic():
            user = super().create_account(form)
            record_referral(referred=user, link=self.invitation, shares_place=form.shares_place)
        # Used once: whoever registers next in this browser came through no link.
        forget_invitation(self.request.session)
        return user


@require_GET
def my_people(request: HttpRequest) -> HttpResponse:
    """The person's link, their totals and one page of their people (?pagina=N)."""
    link = link_for(owner=request.user)
    leader = leader_of(person=request.user)
    totals = roster_totals(referrer=request.user, with_network=leader is not None)
    page = roster_page(
        referrer=request.user, number=request.GET.get("pagina"), with_network=leader is not None
    )
    url = request.build_absolute_uri(reverse("referrals:follow", args=[link.code]))
    goal = Goal(leader.meta).progress(totals.total) if leader and leader.meta else None
    context = {
        "link_url": url,
        "qr_svg": qr_svg(url),
        "whatsapp_url": whatsapp_url(url),
        "totals": totals,
        "status_totals": [(seen_status_words(status), n) for status, n in totals.by_status],
        "puestos": totals.largest_puestos(PUESTOS_SHOWN),
        "page": page,
        "leader": leader,
        "goal": goal,
    }
    return render(request, "referrals/referidos.html", context)


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mis-referidos.csv"'
    write_roster(response, roster_of(referrer=request.user).people)
    return response


@require_POST
def new_link(request: HttpRequest) -> HttpResponse:
    renew_link(owner=request.user)
    messages.success(
        request, "Tu enlace anterior ya no sirve para invitar. Comparte este nuevo enlace."
    )
    return redirect("referrals:my_people")


@require_POST
def ask_again(request: HttpRequest) -> HttpResponse:
    """A leader asks the census again about their people."""
    leader = leader_of(person=request.user)
    if leader is None:
        messages.info(request, "Solo los líderes pueden pedir nuevas consultas de su gente.")
        return redirect("referrals:my_people")
    decision, asked = refresh_network(leader=leader)
    level = messages.SUCCESS if decision.allowed else messages.INFO
    messages.add_message(request, level, _refresh_message(decision, asked))
    return redirect("referrals:my_people")


@require_POST
def sharing(request: HttpRequest) -> HttpResponse:
    """Grant or withdraw, from the card on /perfil/."""
    form = SharingForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["compartir"][0])
        return redirect("accounts:profile")
    share = form.cleaned_data["compartir"]
    try:
        share_voting_place(person=request.user, share=share)
    except NotReferred:
        messages.info(request, NOT_REFERRED_MESSAGE)
        return redirect("accounts:profile")
    messages.success(request, SHARING_MESSAGES[share])
    return redirect("accounts:profile")


def _refresh_message(decision: NetworkRefreshDecision, asked: int) -> str:
    if decision.reason is NetworkRefreshReason.ALLOWED:
        people = "persona" if asked == 1 else "personas"
        return (
            f"Pedimos de nuevo la consulta de {asked} {people}. Van detrás de las consultas "
            "de quienes se acaban de registrar, así que puede tardar."
        )
    if decision.reason is NetworkRefreshReason.NOTHING_STALE:
        return (
            "Ninguna de tus personas tiene una consulta terminada de hace más de una semana: "
            "no hay nada que volver a consultar."
        )
    when = formats.date_format(timezone.localtime(decision.available_at), "j \\d\\e F, H:i")
    return f"Ya pediste nuevas consultas hoy. Podrás pedir otras desde el {when.lower()}."
