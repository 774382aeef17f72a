"""What accounts holds about a person, as sections of /perfil/mis-datos/: the account,
its acceptances of the data policy, the codes texted to its phone, its logins; each as
data for the download and in plain words for the page."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessLog

from accounts.models import CustomUser, IssuedCode, PolicyAcceptanceEntry
from accounts.privacy.data_sections import (
    DataSection,
    Fact,
    Told,
    add_data_section,
    day,
    listed,
    when,
)
from accounts.privacy.rules.browser import browser_in_words
from portal import phones

PORTAL_TEAM = "Tú y el equipo del portal."


def account(user: CustomUser) -> dict[str, Any]:
    return {
        "cédula": user.cedula,
        "nombre_completo": user.nombre_completo,
        "teléfono": str(user.telefono),
        "cuenta_creada_el": user.date_joined,
        "último_ingreso": user.last_login,
        "teléfono_verificado_el": user.phone_verified_at,
    }


def policy_acceptances(user: CustomUser) -> list[dict[str, Any]]:
    entries = PolicyAcceptanceEntry.objects.filter(user=user).order_by("pk")
    return [{"versión": entry.version, "aceptada_el": entry.accepted_at} for entry in entries]


def texted_codes(user: CustomUser) -> list[dict[str, Any]]:
    # The codes themselves are not kept (only a keyed hash), so they cannot be shown.
    codes = IssuedCode.objects.filter(user=user).order_by("issued_at", "pk")
    return [
        {
            "para": code.get_purpose_display(),
            "enviado_el": code.issued_at,
            "vence_el": code.expires_at,
            "usado_el": code.used_at,
            "no_se_pudo_enviar_el": code.undelivered_at,
        }
        for code in codes
    ]


def logins(user: CustomUser) -> dict[str, Any]:
    """django-axes keeps each login and the failed attempts, by cédula and address."""
    entries = AccessLog.objects.filter(username=user.cedula).order_by("attempt_time")
    failures = AccessAttempt.objects.filter(username=user.cedula).order_by("attempt_time")
    return {
        "ingresos": [
            {
                "entró_el": entry.attempt_time,
                "salió_el": entry.logout_time,
                "dirección_IP": entry.ip_address,
                "navegador": entry.user_agent,
            }
            for entry in entries
        ],
        "intentos_fallidos": [
            {
                "último_intento_el": attempt.attempt_time,
                "intentos": attempt.failures_since_start,
                "dirección_IP": attempt.ip_address,
                "navegador": attempt.user_agent,
            }
            for attempt in failures
        ],
    }


def account_told(user: CustomUser) -> Told:
    phone = phones.national(user.telefono)
    if user.phone_verified_at:
        phone += f" (comprobaste que es tuyo el {day(user.phone_verified_at)})"
    return Told(
        facts=(
            Fact(label="Nombre", text=user.nombre_completo),
            Fact(label="Cédula", text=user.cedula),
            Fact(label="Teléfono", text=phone),
            Fact(label="Desde", text=f"Creaste tu cuenta el {when(user.date_joined)}."),
            Fact(label="Tu último ingreso", text=when(user.last_login, never="Todavía ninguno")),
        ),
        why=(
            "Para que entres con tu cédula, para consultar dónde votas y para enviarte por "
            "mensaje de texto los códigos con que recuperas tu contraseña."
        ),
        seen_by=(
            "Tú y el equipo del portal. Si alguien te invitó, ve tu nombre y los últimos "
            "dígitos de tu cédula; nunca tu teléfono."
        ),
    )


def policy_acceptances_told(user: CustomUser) -> Told:
    entries = PolicyAcceptanceEntry.objects.filter(user=user).order_by("pk")
    accepted = [f"La versión {e.version}, el {when(e.accepted_at)}" for e in entries]
    return Told(
        facts=(listed("Aceptaste", accepted, empty="Ninguna versión todavía"),),
        why=(
            "Es la prueba de que nos autorizaste a tratar tus datos, como pide la Ley 1581 "
            "de 2012. La guardamos mientras tengas tu cuenta."
        ),
        seen_by=PORTAL_TEAM,
    )


def texted_codes_told(user: CustomUser) -> Told:
    codes = IssuedCode.objects.filter(user=user).order_by("issued_at", "pk")
    return Told(
        facts=(listed("Códigos enviados", [_code_in_words(code) for code in codes]),),
        why=(
            "Para comprobar que el teléfono es tuyo y para que recuperes tu contraseña. El "
            "código en sí no lo guardamos: solo cuándo lo enviamos y si lo usaste, y lo "
            "borramos una hora después."
        ),
        seen_by=PORTAL_TEAM,
    )


def _code_in_words(code: IssuedCode) -> str:
    sent = f"Para {code.get_purpose_display()}, el {when(code.issued_at)}"
    if code.undelivered_at:
        return f"{sent}: no se pudo enviar"
    if code.used_at:
        return f"{sent}: lo usaste el {when(code.used_at)}"
    return f"{sent}: no lo usaste"


def logins_told(user: CustomUser) -> Told:
    entries = AccessLog.objects.filter(username=user.cedula).order_by("-attempt_time")
    failures = AccessAttempt.objects.filter(username=user.cedula).order_by("-attempt_time")
    return Told(
        facts=(
            listed(
                "Tus ingresos, del más reciente al más antiguo",
                [_login_in_words(entry.attempt_time, entry.user_agent) for entry in entries],
            ),
            listed(
                "Intentos fallidos con tu cédula",
                [_failures_in_words(attempt) for attempt in failures],
            ),
        ),
        why=(
            "Para proteger tu cuenta: contamos los intentos fallidos y pausamos el ingreso "
            "cuando son demasiados. La dirección de internet y el navegador exacto de cada "
            "ingreso están en la copia que descargas."
        ),
        seen_by=PORTAL_TEAM,
    )


def _failures_in_words(attempt: AccessAttempt) -> str:
    tries = (
        "1 intento"
        if attempt.failures_since_start == 1
        else (f"{attempt.failures_since_start} intentos")
    )
    return f"{tries}; el último, {_login_in_words(attempt.attempt_time, attempt.user_agent)}"


def _login_in_words(at: Any, user_agent: str) -> str:
    browser = browser_in_words(user_agent or "")
    return f"{when(at)}, con {browser}" if browser else when(at)


add_data_section(DataSection("cuenta", "Tu cuenta", account, account_told))
add_data_section(
    DataSection(
        "autorizaciones_de_la_política_de_datos",
        "Tus autorizaciones de la política de datos",
        policy_acceptances,
        policy_acceptances_told,
    )
)
add_data_section(
    DataSection(
        "códigos_enviados", "Códigos que te enviamos por SMS", texted_codes, texted_codes_told
    )
)
add_data_section(DataSection("ingresos", "Tus ingresos al portal", logins, logins_told))
