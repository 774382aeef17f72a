"""HTTP entry points of a person's rights over their data (Ley 1581 de 2012): see it and
take it (/perfil/mis-datos/, .json), delete it (/perfil/eliminar/, then the goodbye
page), and accept a new version of the data policy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from accounts.privacy import policy
from accounts.privacy.consents import accept_policy, policy_consent_of
from accounts.privacy.data_sections import (
    IN_DOWNLOAD_WORDS,
    person_data_json,
    readable_sections,
)
from accounts.privacy.forgetting import PersonNotForgettable, forget_person
from accounts.privacy.forms import ForgetMeForm, PolicyAcceptanceForm
from portal.rate_limits import limited

# Set in the anonymous session that follows a deletion: the goodbye page is for the one
# who deleted their account (to anyone else it would say something untrue).
FORGOTTEN_SESSION_KEY = "account_forgotten"
NOT_FORGETTABLE_MESSAGE = (
    "No pudimos eliminar tu cuenta desde aquí: como parte del personal tomaste decisiones "
    "que debemos conservar. Pide a otra persona del personal que la elimine."
)


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    context = {
        "sections": readable_sections(request.user),
        "in_download_words": IN_DOWNLOAD_WORDS,
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
        request.session[FORGOTTEN_SESSION_KEY] = True
        return redirect("accounts:goodbye")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/eliminar_cuenta.html", {"form": form}, status=status)


@login_not_required
@require_GET
def goodbye(request: HttpRequest) -> HttpResponse:
    """Where a person lands once their account is deleted: what went, and the way back."""
    if request.user.is_authenticated or not request.session.get(FORGOTTEN_SESSION_KEY):
        return redirect("/")
    return render(request, "accounts/cuenta_eliminada.html")


@require_http_methods(["GET", "POST"])
def accept_new_policy(request: HttpRequest) -> HttpResponse:
    consent = policy_consent_of(user=request.user)
    current = policy.current_version()
    next_url = _next(request)
    # Whoever accepted an older version is sent here (the gate); an account made by staff,
    # which never accepted any, may come to accept it, and its census lookup then starts.
    if consent.has_accepted(current):
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
