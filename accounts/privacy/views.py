"""HTTP entry points of a person's rights over their data (Ley 1581 de 2012): see it and
take it (/perfil/mis-datos/, .json), delete it (/perfil/eliminar/), and accept a new
version of the data policy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accounts.privacy import policy
from accounts.privacy.consents import accept_policy, policy_consent_of
from accounts.privacy.data_sections import person_data_json, readable_sections
from accounts.privacy.forgetting import PersonNotForgettable, forget_person
from accounts.privacy.forms import ForgetMeForm, PolicyAcceptanceForm
from portal.rate_limits import limited

FORGOTTEN_MESSAGE = (
    "Eliminamos tu cuenta y todos tus datos: tu consulta del censo, tus autorizaciones y "
    "tus referidos. Quienes invitaste conservan sus cuentas. Si quieres volver, puedes "
    "registrarte de nuevo cuando quieras."
)
NOT_FORGETTABLE_MESSAGE = (
    "No pudimos eliminar tu cuenta desde aquí: como parte del personal tomaste decisiones "
    "que debemos conservar. Pide a otra persona del personal que la elimine."
)


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    context = {
        "sections": readable_sections(request.user),
        "forget_form": ForgetMeForm(request.user),
    }
    return render(request, "accounts/mis_datos.html", context)


@require_GET
def my_data_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        person_data_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mis-datos.json"'
    return response


@require_http_methods(["GET", "POST"])
# Each try checks the password: bounded like logins, per person.
@limited(group="forget-me", rate_setting="LOGIN_RATE", key="user")
def forget_me(request: HttpRequest) -> HttpResponse:
    form = ForgetMeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forget_person(user=request.user, requested_by=request.user)
        except PersonNotForgettable:
            messages.error(request, NOT_FORGETTABLE_MESSAGE)
            return redirect("accounts:my_data")
        logout(request)
        messages.success(request, FORGOTTEN_MESSAGE)
        return redirect(settings.LOGOUT_REDIRECT_URL)
    status = 400 if form.is_bound else 200
    return render(request, "accounts/eliminar_cuenta.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def accept_new_policy(request: HttpRequest) -> HttpResponse:
    consent = policy_consent_of(user=request.user)
    current = policy.current_version()
    next_url = _next(request)
    if not consent.must_accept(current):
        return redirect(next_url)
    form = PolicyAcceptanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept_policy(user=request.user)
        messages.success(request, f"Gracias: aceptaste la versión {current} de la política.")
        return redirect(next_url)
    previous = consent.latest.version if consent.latest else None
    context = {
        "form": form,
        "policy_version": current,
        "previous_version": previous,
        "changes": policy.changes_since(previous),
        "next": next_url,
    }
    status = 400 if form.is_bound else 200
    return render(request, "accounts/aceptar_politica.html", context, status=status)


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return settings.LOGIN_REDIRECT_URL
