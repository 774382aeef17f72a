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
from django.views.decorators.http import require_http_methods

from accounts.identity.views import keep_session
from accounts.phone.codes import LIFETIME_MINUTES, Delivery
from accounts.phone.forms import PhoneCodeForm, RecoveryCodeForm, RecoveryRequestForm
from accounts.phone.recovery import RecoveryRefused, request_recovery_code, reset_password_with_code
from accounts.phone.requirement import phone_verification_due
from accounts.phone.rules.phone_code import CodeText
from accounts.phone.verification import send_verification_code, verification_text, verify_phone
from pagina_madre.bootstrap.phone_codes import phone_code_policy
from portal.rate_limits import limited

# The session remembers the cédula between the two steps of recovery, so that the second
# page can fill it in; typed again it works from any device (the hand-over SMS's link).
RECOVERY_CEDULA = "recovery_cedula"

# The same words whether or not the cédula has an account, or got a code just now.
CODE_MAYBE_SENT = (
    "Si la cédula tiene una cuenta, enviamos un código de seis dígitos al teléfono "
    f"registrado. Vence en {LIFETIME_MINUTES} minutos."
)
CODE_REFUSED = "El código no es correcto, ya se usó o venció. Revísalo o pide uno nuevo."
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
    initial = {"cedula": request.session.get(RECOVERY_CEDULA, "")}
    form = RecoveryCodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = reset_password_with_code(
                cedula=data["cedula"], code=data["code"], password=data["new_password1"]
            )
        except RecoveryRefused:
            form.add_error("code", CODE_REFUSED)
        except ValidationError as error:
            form.add_error("new_password2", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            keep_session(request, remember=False)
            messages.success(
                request,
                "Tu contraseña quedó cambiada y cerramos las sesiones abiertas en otros "
                "dispositivos.",
            )
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/recuperar_codigo.html", {"form": form})


@require_http_methods(["GET", "POST"])
def phone_verification(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not phone_verification_due(user=user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = PhoneCodeForm()
    if request.method == "POST" and "resend" in request.POST:
        level, text = DELIVERY_MESSAGES[send_verification_code(user=user)]
        messages.add_message(request, level, text)
        return redirect("accounts:phone_verification")
    if request.method == "POST":
        form = PhoneCodeForm(request.POST)
        if form.is_valid():
            if verify_phone(user=user, code=form.cleaned_data["code"]):
                messages.success(request, "Tu teléfono quedó verificado. ¡Gracias!")
                return redirect(settings.LOGIN_REDIRECT_URL)
            form.add_error("code", CODE_REFUSED)
    text = verification_text(user=user)
    context = {
        "form": form,
        "code_not_sent": text is CodeText.NOT_SENT,
        "code_text_note": None if text is None else CODE_TEXT_NOTES.get(text),
    }
    return render(request, "accounts/verificar_telefono.html", context)
