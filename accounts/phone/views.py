"""HTTP entry points of what goes through the phone: recovering the password, verifying
the phone."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.identity.views import keep_session
from accounts.phone.codes import LIFETIME_MINUTES, CodeRefused, Delivery
from accounts.phone.forms import (
    NewPasswordForm,
    PhoneCodeForm,
    RecoveryCodeForm,
    RecoveryRequestForm,
)
from accounts.phone.recovery import (
    RecoveryRefused,
    choose_new_password,
    request_recovery_code,
    verify_recovery_code,
)
from accounts.phone.requirement import phone_verification_due
from accounts.phone.rules.phone_code import CodeText
from accounts.phone.rules.verified_code import PASS_LIFETIME, VerifiedCode
from accounts.phone.verification import send_verification_code, verification_text, verify_phone
from pagina_madre.bootstrap.phone_codes import phone_code_policy
from portal.rate_limits import limited

# The session remembers the cédula between asking for a code and typing it, so that the
# code's page can fill it in; typed again it works from any device (the hand-over SMS's
# link). Once the code is accepted it holds the pass to choose the new password.
RECOVERY_CEDULA = "recovery_cedula"
RECOVERY_PASS = "recovery_pass"

# The same words whether or not the cédula has an account, or got a code just now.
CODE_MAYBE_SENT = (
    "Si la cédula tiene una cuenta, enviamos un código de seis dígitos al teléfono "
    f"registrado. Vence en {LIFETIME_MINUTES} minutos."
)
CODE_REFUSED = "El código no es correcto, ya se usó o venció. Revísalo o pide uno nuevo."
CODE_SPENT = (
    f"El código no es correcto y ya usaste los {phone_code_policy().max_attempts} intentos "
    "de ese código. Pide un código nuevo: te lo enviamos al mismo teléfono."
)
CODE_LIMITED = (
    f"Ya te enviamos {phone_code_policy().max_per_window} códigos en la última hora: usa el "
    "último que te llegó o espera un rato para pedir otro."
)
CODE_NOT_SENT = "No pudimos enviar el mensaje en este momento. Inténtalo de nuevo en unos minutos."
CODE_ON_ITS_WAY = "El mensaje con tu código va en camino: puede tardar unos momentos en llegar."
DELIVERY_MESSAGES = {
    Delivery.SENT: (messages.SUCCESS, "Te enviamos un código nuevo por mensaje de texto."),
    Delivery.LIMITED: (messages.WARNING, CODE_LIMITED),
}
# What the verification page says of the latest code's text; once sent, nothing more.
CODE_TEXT_NOTES = {CodeText.WAITING: CODE_ON_ITS_WAY, CodeText.NOT_SENT: CODE_NOT_SENT}


@login_not_required
@require_http_methods(["GET", "POST"])
@limited(group="recovery-request", rate_setting="RECOVERY_RATE")
def recovery_request(request: HttpRequest) -> HttpResponse:
    form = RecoveryRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_recovery_code(cedula=form.cleaned_data["cedula"])
        request.session[RECOVERY_CEDULA] = form.cleaned_data["cedula"]
        messages.info(request, CODE_MAYBE_SENT)
        return redirect("accounts:recovery_code")
    return render(request, "accounts/recuperar.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
@limited(group="recovery-code", rate_setting="RECOVERY_RATE")
def recovery_code(request: HttpRequest) -> HttpResponse:
    """The code on its own page; typed right, it opens the page of the new password."""
    initial = {"cedula": request.session.get(RECOVERY_CEDULA, "")}
    form = RecoveryCodeForm(request.POST or None, initial=initial)
    code_spent = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            verified = verify_recovery_code(cedula=data["cedula"], code=data["code"])
        except RecoveryRefused as refused:
            form.add_error("code", code_refused_words(refused.tries_left))
            code_spent = refused.tries_left == 0
        else:
            request.session[RECOVERY_PASS] = verified.as_session()
            messages.success(request, "El código es correcto. Ahora crea tu contraseña nueva.")
            return redirect("accounts:recovery_password")
    context = {"form": form, "code_spent": code_spent}
    return render(request, "accounts/recuperar_codigo.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
# Not limited: without the pass of a code just accepted, nothing here can be guessed.
def recovery_password(request: HttpRequest) -> HttpResponse:
    """The new password, twice, for the browser whose code was just accepted."""
    verified = VerifiedCode.from_session(request.session.get(RECOVERY_PASS))
    if verified is None or not verified.is_open(timezone.now()):
        return _no_pass(request)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = choose_new_password(
                verified=verified, password=form.cleaned_data["new_password1"]
            )
        except RecoveryRefused:
            return _no_pass(request)
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            # The pass works once; logging in keeps the session's data, so it goes first.
            for key in (RECOVERY_PASS, RECOVERY_CEDULA):
                request.session.pop(key, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            keep_session(request, remember=False)
            messages.success(
                request,
                "Tu contraseña quedó cambiada y cerramos las sesiones abiertas en otros "
                "dispositivos.",
            )
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/recuperar_clave.html", {"form": form})


def _no_pass(request: HttpRequest) -> HttpResponse:
    """The page of the new password, opened without a code accepted just now in this
    browser: what happened, and the way to start again."""
    request.session.pop(RECOVERY_PASS, None)
    context = {"form": None, "pass_minutes": int(PASS_LIFETIME.total_seconds() // 60)}
    return render(request, "accounts/recuperar_sin_codigo.html", context)


def code_refused_words(tries_left: int | None) -> str:
    """A code refused, and what the person may still do with it."""
    if tries_left is None:
        return CODE_REFUSED
    if tries_left == 0:
        return CODE_SPENT
    left = "Te queda 1 intento" if tries_left == 1 else f"Te quedan {tries_left} intentos"
    return f"El código no es correcto. {left} con este código; revísalo en el mensaje."


@require_http_methods(["GET", "POST"])
def phone_verification(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not phone_verification_due(user=user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = PhoneCodeForm()
    code_spent = False
    if request.method == "POST" and "resend" in request.POST:
        level, text = DELIVERY_MESSAGES[send_verification_code(user=user)]
        messages.add_message(request, level, text)
        return redirect("accounts:phone_verification")
    if request.method == "POST":
        form = PhoneCodeForm(request.POST)
        if form.is_valid():
            try:
                verify_phone(user=user, code=form.cleaned_data["code"])
            except CodeRefused as refused:
                form.add_error("code", code_refused_words(refused.tries_left))
                code_spent = refused.tries_left == 0
            else:
                messages.success(request, "Tu teléfono quedó verificado. ¡Gracias!")
                return redirect(settings.LOGIN_REDIRECT_URL)
    text = verification_text(user=user)
    context = {
        "form": form,
        "code_spent": code_spent,
        "code_not_sent": text is CodeText.NOT_SENT,
        "code_text_note": None if text is None else CODE_TEXT_NOTES.get(text),
    }
    return render(request, "accounts/verificar_telefono.html", context)
