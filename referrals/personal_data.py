"""What referrals holds about a person, as a section of /perfil/mis-datos/: who brought
them (by the name a link shows, ``inviter_name``) and whether they share their lookup's
result with them (every grant and withdrawal), their links, the people they brought (by
name), and whether they lead."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from accounts.privacy.data_sections import (
    DataSection,
    Fact,
    Told,
    add_data_section,
    listed,
    when,
)
from referrals.models import (
    CONSENT_WORDS,
    Leader,
    NetworkRefresh,
    Referral,
    ReferralLink,
    SharingConsentEntry,
)
from referrals.rules.referral import inviter_name
from referrals.rules.sharing_consent import ConsentChange
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
        "nombre": inviter_name(referral.referrer.nombre_completo),
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


# A change of the sharing consent, told to the person who made it.
CONSENT_TOLD = {
    ConsentChange.GRANTED: "Autorizaste que viera el resultado",
    ConsentChange.WITHDRAWN: "Retiraste la autorización",
}


def referrals_told(user: CustomUser) -> Told | None:
    facts = _invited_by_told(user)
    links = ReferralLink.objects.filter(owner=user).order_by("issued_at", "pk")
    brought = (
        Referral.objects.filter(referrer=user)
        .order_by("created_at", "pk")
        .values_list("referred__nombre_completo", "created_at")
    )
    if links:
        facts.append(
            listed(
                "Tus enlaces de invitación",
                [
                    f"Creado el {when(link.issued_at)}"
                    + (f"; dejó de servir el {when(link.revoked_at)}" if link.revoked_at else "")
                    for link in links
                ],
            )
        )
    if links or brought:
        facts.append(
            listed(
                "Personas que invitaste",
                [f"{name}, se registró el {when(at)}" for name, at in brought],
                empty="Todavía ninguna",
            )
        )
    leader = Leader.objects.filter(person=user).first()
    if leader is not None:
        goal = f"; tu meta es de {leader.meta} personas" if leader.meta else ""
        facts.append(Fact(label="Eres líder", text=f"Desde el {when(leader.since)}{goal}."))
    if not facts:
        return None
    return Told(
        facts=tuple(facts),
        why=(
            "Para que quien te invitó sepa que te registraste, y para mostrarte a las "
            "personas que invitaste."
        ),
        seen_by=(
            "Quien te invitó ve tu nombre, los últimos dígitos de tu cédula, cuándo te "
            "registraste y en qué va tu consulta; el resultado, solo si lo autorizas. Las "
            "personas que invitaste ven solo tu primer nombre."
        ),
    )


def _invited_by_told(user: CustomUser) -> list[Fact]:
    referral = referral_of(person=user)
    if referral is None:
        return []
    entries = SharingConsentEntry.objects.filter(referral=referral).order_by("pk")
    changes = [f"{CONSENT_TOLD[entry.to_domain().change]} el {when(entry.at)}" for entry in entries]
    shares = consent_of(referral=referral).granted
    return [
        Fact(
            label="Te invitó",
            text=(
                f"{inviter_name(referral.referrer.nombre_completo)}; te registraste con su "
                f"enlace el {when(referral.created_at)}."
            ),
        ),
        Fact(
            label="Ve el resultado de tu consulta",
            text="Sí, porque lo autorizaste" if shares else "No",
        ),
        listed("Tus cambios de esa autorización", changes),
    ]


add_data_section(DataSection("referidos", "Referidos", referrals, referrals_told))
