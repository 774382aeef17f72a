"""The consent card on /perfil/, added through accounts' profile sections."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accounts.identity.profile_sections import ProfileSection, add_profile_section
from referrals.rules.referral import inviter_name
from referrals.selectors import consent_of, referral_of


def consent_card(request: HttpRequest) -> dict[str, Any] | None:
    """Only for people someone brought: the others have nobody to share with."""
    referral = referral_of(person=request.user)
    if referral is None:
        return None
    return {
        "referrer": inviter_name(referral.referrer.nombre_completo),
        "consent": consent_of(referral=referral),
    }


add_profile_section(ProfileSection("referrals/perfil_autorizacion.html", consent_card))
