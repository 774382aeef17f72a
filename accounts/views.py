"""HTTP entry points of accounts: parse the request, call one use case, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import FormView, TemplateView

from accounts.forms import ProfileForm, RegistrationForm
from accounts.login import CedulaLoginForm
from accounts.policy import POLICY_VERSION
from accounts.services import CedulaAlreadyRegistered, register_person

REMEMBER_ME_SECONDS = 14 * 24 * 60 * 60


def keep_session(request: HttpRequest, *, remember: bool) -> None:
    """How long a session lasts once the person is in, whether they logged in or just
    registered: 14 days with "Recordarme", else until the browser closes (0)."""
    request.session.set_expiry(REMEMBER_ME_SECONDS if remember else 0)


@method_decorator(login_not_required, name="dispatch")
class RegistrationView(FormView):
    template_name = "accounts/registro.html"
    form_class = RegistrationForm
    # The project decides where people land once in (settings.LOGIN_REDIRECT_URL).
    success_url = reverse_lazy(settings.LOGIN_REDIRECT_URL)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: RegistrationForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            user = register_person(
                cedula=data["cedula"],
                nombre_completo=data["nombre_completo"],
                telefono=data["telefono"],
                password=data["password1"],
            )
        except CedulaAlreadyRegistered:
            form.add_error("cedula", "Ya existe una cuenta registrada con esta cédula.")
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        keep_session(self.request, remember=data["remember_me"])
        messages.success(
            self.request, f"¡Bienvenido, {user.get_short_name()}! Tu cuenta está lista."
        )
        return HttpResponseRedirect(self.get_success_url())


class CedulaLoginView(LoginView):
    template_name = "accounts/ingresar.html"
    form_class = CedulaLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: CedulaLoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        keep_session(self.request, remember=form.cleaned_data["remember_me"])
        return response


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    profile_form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and profile_form.is_valid():
        profile_form.save()
        messages.success(request, "Tus datos quedaron actualizados.")
        return redirect("accounts:profile")
    return _render_profile(request, profile_form, PasswordChangeForm(request.user))


@require_POST
def change_password(request: HttpRequest) -> HttpResponse:
    password_form = PasswordChangeForm(request.user, request.POST)
    if password_form.is_valid():
        user = password_form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Tu contraseña quedó cambiada.")
        return redirect("accounts:profile")
    return _render_profile(request, ProfileForm(instance=request.user), password_form)


def _render_profile(
    request: HttpRequest, profile_form: ProfileForm, password_form: PasswordChangeForm
) -> HttpResponse:
    context = {"profile_form": profile_form, "password_form": password_form}
    return render(request, "accounts/perfil.html", context)


@method_decorator(login_not_required, name="dispatch")
class DataPolicyView(TemplateView):
    template_name = "accounts/politica_de_datos.html"
    extra_context = {"policy_version": POLICY_VERSION}


@login_not_required
@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: is the app up and can it reach its database?"""
    try:
        connection.ensure_connection()
    except Exception:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
