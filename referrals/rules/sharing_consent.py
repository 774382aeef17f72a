"""A referred person's consent to let whoever brought them see where they vote.

Under Ley 1581 de 2012 a link between a person and a political organiser, plus where that
person votes, is sensitive data: sharing it needs explicit, optional, revocable consent,
kept as a ledger (``portal.rules.consent_ledger``); without any entry nothing is shared.
"""

from __future__ import annotations

from attrs import frozen

from cedula_domain.voting_place import VotingPlace
from portal.rules.consent_ledger import ConsentChange, ConsentEntry, ConsentLedger

__all__ = ["ConsentChange", "ConsentEntry", "SharingConsent"]


@frozen
class SharingConsent(ConsentLedger):
    def reveal(self, place: VotingPlace | None) -> VotingPlace | None:
        """What of ``place`` the referrer may see: all of it with consent, else nothing."""
        return place if self.granted else None
