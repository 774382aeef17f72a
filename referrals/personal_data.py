"""What referrals holds about a person, as a section of /perfil/mis-datos/: who brought
them and whether they share their lookup's result with them (every grant and withdrawal),
their links, the people they brought (by name), and whether they lead."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from accounts.privacy.data_sections import DataSection, add_data_section
from referrals.models import (
    CONSENT_WORDS,
    Leader,
    NetworkRefresh,
    Referral,
    ReferralLink,
    SharingConsentEntry,
)
from referrals.selectors import consent_of, referral_of


def referrals(user: CustomUser) -> dict[str, Any]:
    return {
        "quién_te_invitó": _invited_by(user),
        "tus_enlaces_de_invitación": [
            {"código": link.code, "creado_el": link.issued_at, "revocado_el": link.revoked_at}
            for link in ReferralLink.objects.filter(owner=user).order_by("issued_at", "pk")
        ],
        "personas_que_invitaste": [
            {"nombre": name, "se_registró_el": at}
            for name, at in Referral.objects.filter(referrer=user)
            .order_by("created_at", "pk")
            .values_list("referred__nombre_completo", "created_at")
        ],
        "líder": _leadership(user),
    }


def _invited_by(user: CustomUser) -> dict[str, Any] | None:
    referral = referral_of(person=user)
    if referral is None:
        return None
    entries = SharingConsentEntry.objects.filter(referral=referral).order_by("pk")
    return {
        "nombre": referral.referrer.nombre_completo,
        "te_registraste_el": referral.created_at,
        "le_compartes_el_resultado_de_tu_consulta": consent_of(referral=referral).granted,
        "historial_de_tu_autorización": [
            {"cambio": CONSENT_WORDS[entry.to_domain().change], "fecha": entry.at}
            for entry in entries
        ],
    }


def _leadership(user: CustomUser) -> dict[str, Any] | None:
    leader = Leader.objects.filter(person=user).first()
    if leader is None:
        return None
    return {
        "líder_desde": leader.since,
        "meta": leader.meta,
        "nuevas_consultas_pedidas": [
            {"pedidas_el": asked.asked_at, "consultas": asked.lookups}
            for asked in NetworkRefresh.objects.filter(leader=leader).order_by("asked_at")
        ],
    }


add_data_section(DataSection("referidos", "Referidos", referrals))
