"""A person's consent to get a text the day before each election, with their polling place
and mesa: optional and revocable (Ley 1581), kept as a ledger
(``portal.rules.consent_ledger``); without any entry no text is sent."""

from __future__ import annotations

from attrs import frozen

from portal.rules.consent_ledger import ConsentChange, ConsentEntry, ConsentLedger

__all__ = ["ConsentChange", "ConsentEntry", "ReminderConsent"]


@frozen
class ReminderConsent(ConsentLedger):
    pass
