"""What accounts holds about a person, as sections of /perfil/mis-datos/: the account,
its acceptances of the data policy, the codes texted to its phone, its logins."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt, AccessLog

from accounts.models import CustomUser, IssuedCode, PolicyAcceptanceEntry
from accounts.privacy.data_sections import DataSection, add_data_section


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


add_data_section(DataSection("cuenta", "Tu cuenta", account))
add_data_section(
    DataSection(
        "autorizaciones_de_la_política_de_datos",
        "Tus autorizaciones de la política de datos",
        policy_acceptances,
    )
)
add_data_section(DataSection("códigos_enviados", "Códigos que te enviamos por SMS", texted_codes))
add_data_section(DataSection("ingresos", "Tus ingresos al portal", logins))
