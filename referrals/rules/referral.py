"""Who brought whom: a person's referral link, the invitation it leaves with whoever opens
it, and the referral fixed when that person registers.

A link's life, and what registering through one does::

    issued          -revoke->  revoked         (a revoked link invites nobody)
    no invitation   -follow->  invited by the first working link opened
    invited         -follow->  unchanged, unless its link stopped working
    registered while invited by a working link -> Referral, fixed for good

People are named by their account's id: the rules only need to tell two apart.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime

from attrs import evolve, frozen

from portal.rules.person_name import first_name

# What a visitor reads in place of the inviter's name when that name is blank.
NAMELESS_INVITER = "una persona registrada"

# 12 random bytes: 16 URL-safe characters, 96 bits no one guesses or walks through.
CODE_BYTES = 12
_CODE_SHAPE = re.compile(r"[A-Za-z0-9_-]{16}")


class InvalidReferralCode(ValueError):
    """The text cannot be a code we issued (forged, mistyped or cut short)."""


class LinkAlreadyRevoked(ValueError):
    """The link was revoked already; a revocation is not moved."""


@frozen
class ReferralCode:
    """What a link carries instead of anything about its owner (never the cédula)."""

    value: str

    @classmethod
    def new(cls, token: Callable[[int], str] = secrets.token_urlsafe) -> ReferralCode:
        return cls.parse(token(CODE_BYTES))

    @classmethod
    def parse(cls, text: str) -> ReferralCode:
        if not _CODE_SHAPE.fullmatch(text):
            raise InvalidReferralCode("not a referral code")
        return cls(text)

    def __str__(self) -> str:
        return self.value


@frozen(kw_only=True)
class ReferralLink:
    owner: int
    code: ReferralCode
    issued_at: datetime
    revoked_at: datetime | None = None

    @classmethod
    def issued(cls, owner: int, now: datetime, code: ReferralCode | None = None) -> ReferralLink:
        return cls(owner=owner, code=code or ReferralCode.new(), issued_at=now)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self, now: datetime) -> ReferralLink:
        if not self.is_active:
            raise LinkAlreadyRevoked(f"the link {self.code} was revoked at {self.revoked_at}")
        return evolve(self, revoked_at=now)


def inviter_name(owner_full_name: str) -> str:
    """The one name a link shows of its owner, wherever the one who opens it reads about
    them (the registration page, its consent, the card of the person it brought): the first
    name, as /referidos/ promises the owner. Whoever opens a link may be anyone."""
    return first_name(owner_full_name) or NAMELESS_INVITER


@frozen
class Invitation:
    """The link a person came through, held until they register. First link wins: a
    later link replaces it only when the first one stopped working meanwhile."""

    code: ReferralCode | None = None

    @classmethod
    def none(cls) -> Invitation:
        return cls()

    def follow(self, link: ReferralLink, *, held_link_works: bool) -> Invitation:
        if not link.is_active:
            return self
        if self.code is not None and held_link_works:
            return self
        return Invitation(link.code)


@frozen(kw_only=True)
class Referral:
    """A fact of registration: it has no method that changes it."""

    referrer: int
    referred: int
    at: datetime

    @classmethod
    def made(cls, *, link: ReferralLink, referred: int, now: datetime) -> Referral | None:
        """The referral of a person registering through ``link``; None, and they
        register all the same brought by nobody, when the link was revoked or is their
        own (nobody brings themselves)."""
        if link.owner == referred or not link.is_active:
            return None
        return cls(referrer=link.owner, referred=referred, at=now)
