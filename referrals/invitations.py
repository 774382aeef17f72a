"""The invitation a visitor holds in their session between opening someone's link and
registering (the code only: nothing about the link's owner is kept there)."""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase

from referrals.models import ReferralLink
from referrals.rules.referral import InvalidReferralCode, Invitation, ReferralCode
from referrals.selectors import link_by_code

SESSION_KEY = "referrals_invitation"


def held_invitation(session: SessionBase) -> Invitation:
    try:
        return Invitation(ReferralCode.parse(session.get(SESSION_KEY, "")))
    except InvalidReferralCode:
        return Invitation.none()


def follow_link(session: SessionBase, code: str) -> None:
    """Remember the link opened, unless an earlier one still works (first link wins).
    Unknown and revoked codes leave the invitation as it was."""
    link = link_by_code(code=code)
    if link is None:
        return
    invitation = held_invitation(session)
    followed = invitation.follow(
        link.to_domain(), held_link_works=inviting_link(session) is not None
    )
    if followed != invitation and followed.code is not None:
        session[SESSION_KEY] = followed.code.value


def inviting_link(session: SessionBase) -> ReferralLink | None:
    """The working link the visitor holds, with its owner; None without one."""
    code = held_invitation(session).code
    link = link_by_code(code=code.value) if code else None
    return link if link is not None and link.to_domain().is_active else None


def forget_invitation(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
