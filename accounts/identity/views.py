"""HTTP entry points of accounts: parse the request, call one use case, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView, TemplateView

from accounts.identity.challenge import add_challenge
from accounts.identity.forms import (
    PASSWORD_FORM,
    WHICH_FORM,
    PasswordChangeForm,
    ProfileForm,
    RegistrationForm,
    phone_password_error,
)
from accounts.identity.lockout import lockout_ends_at, lockout_policy
from accounts.identity.login import CedulaLoginForm, duration_words, retry_time_words
from accounts.identity.profile_sections import profile_sections
from accounts.identity.services import (
    CedulaAlreadyRegistered,
    PasswordNeeded,
    register_person,
    update_details,
)
from accounts.models import CustomUser
from accounts.phone.codes import CODE_RETENTION_HOURS
from accounts.phone.verification import ask_for_verification
from accounts.privacy import policy
from portal.rate_limits import enforce_limit, limited


def keep_session(request: HttpRequest, *, remember: bool) -> None:
    """How long a session lasts once the person is in, whether they logged in or just
    registered: SESSION_COOKIE_AGE with "Recordarme", else until the browser closes (0)."""
    request.session.set_expiry(settings.SESSION_COOKIE_AGE if remember else 0)


@method_decorator(login_not_required, name="dispatch")
# Every form sent answers whether its cédula has an account: bounded per client address.
@method_decorator(
    limited(group="existence-answer", rate_setting="EXISTENCE_ANSWER_RATE"), name="dispatch"
)
class RegistrationView(FormView):
    template_name = "accounts/registro.html"
    form_class = RegistrationForm
    # The project decides where people land once in (settings.LOGIN_REDIRECT_URL).
    success_url = reverse_lazy(settings.LOGIN_REDIRECT_URL)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> RegistrationForm:
        form = super().get_form(form_class)
        if settings.REGISTRATION_CHALLENGE:
            add_challenge(form)
        return form

    def form_valid(self, form: RegistrationForm) -> HttpResponse:
        data = form.cleaned_data
        enforce_limit(self.request, group="registration", rate_setting="REGISTRATION_RATE")
        try:
            user = self.create_account(form)
        except CedulaAlreadyRegistered:
            taken = ValidationError("Ya existe una cuenta registrada con esta cédula.", "unique")
            form.add_error("cedula", taken)
            return self.form_invalid(form)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        keep_session(self.request, remember=data["remember_me"])
        messages.success(
            self.request, f"Te damos la bienvenida, {user.get_short_name()}. Tu cuenta está lista."
        )
        # A person who must verify their phone gets a code; the phone gate takes them on
        # from the home page to the verification page.
        ask_for_verification(user=user)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The page then says how to claim the cédula (or recover the password).
        context["cedula_taken"] = context["form"].has_error("cedula", code="unique")
        return context

    def create_account(self, form: RegistrationForm) -> CustomUser:
        """The extension point of registration: an app that extends it gets /registro/
        routed to its subclass, which records what comes with the account in the same
        transaction."""
        data = form.cleaned_data
        return register_person(
            cedula=data["cedula"],
            nombre_completo=data["nombre_completo"],
            telefono=data["telefono"],
            password=data["password1"],
        )


@method_decorator(limited(group="login", rate_setting="LOGIN_RATE"), name="dispatch")
class CedulaLoginView(LoginView):
    template_name = "accounts/ingresar.html"
    form_class = CedulaLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: CedulaLoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        keep_session(self.request, remember=form.cleaned_data["remember_me"])
        return response


def lockout_page(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): when to try
    again, from the lockout's own start, and the way to a new password. The same for every
    cédula, with an account or without."""
    ends_at = lockout_ends_at(request, credentials)
    context = {
        "retry_at": None if ends_at is None else retry_time_words(ends_at, timezone.now()),
        "cooloff": duration_words(lockout_policy(request, credentials).cooloff),
    }
    return render(request, "accounts/bloqueado.html", context, status=429)


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Both forms of /perfil/ post here, so that one sent back with errors keeps the
    address /perfil/ (reloading or sharing it opens the page, not an error)."""
    if request.method == "POST" and request.POST.get(WHICH_FORM) == PASSWORD_FORM:
        return _change_password(request)
    profile_form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and profile_form.is_valid():
        return _update_details(request, profile_form)
    return _render_profile(request, profile_form, PasswordChangeForm(request.user))


def _update_details(request: HttpRequest, profile_form: ProfileForm) -> HttpResponse:
    data = profile_form.cleaned_data
    user = request.user
    if "telefono" in profile_form.changed_data:
        # Each try costs one, as on the login: a held session cannot guess the password.
        enforce_limit(request, group="phone-change", rate_setting="LOGIN_RATE", key="user")
    try:
        phone_changed = update_details(
            user=user,
            nombre_completo=data["nombre_completo"],
            telefono=data["telefono"],
            password=data["current_password"],
            claim_link=request.build_absolute_uri(reverse("accounts:claim")),
        )
    except PasswordNeeded:
        # The form wrote the values sent on the account as it validated them: the page
        # around the form shows the account as it stays.
        user.refresh_from_db()
        profile_form.add_error(
            "current_password", phone_password_error(typed=bool(data["current_password"]))
        )
        return _render_profile(request, profile_form, PasswordChangeForm(user))
    if phone_changed:
        # This session goes on; the others ended with the change.
        update_session_auth_hash(request, user)
    messages.success(request, "Tus datos quedaron actualizados.")
    # The profile stays open to the phone gate (a wrong number is corrected here), so a
    # new number that must be verified leads to the verification page from here.
    if phone_changed and ask_for_verification(user=user):
        return redirect("accounts:phone_verification")
    return redirect("accounts:profile")


@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    """The password form's former address: opened, it leads to the form on /perfil/; a
    page still open from before, posting here, still changes the password."""
    if request.method == "GET":
        return redirect(reverse("accounts:profile") + "#cambiar-clave")
    return _change_password(request)


def _change_password(request: HttpRequest) -> HttpResponse:
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
    context = {
        "profile_form": profile_form,
        "password_form": password_form,
        "profile_sections": profile_sections(request),
    }
    return render(request, "accounts/perfil.html", context)


@method_decorator(login_not_required, name="dispatch")
class DataPolicyView(TemplateView):
    template_name = "accounts/politica_de_datos.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "policy_version": policy.current_version(),
            "code_retention_hours": CODE_RETENTION_HOURS,
        }
