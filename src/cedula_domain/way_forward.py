"""When a person is offered to finish their lookup themselves, and why: the one rule.

The way forward is the Registraduría's own page (where a person passes the CAPTCHA we
never solve) and then telling us what it showed. It is offered as soon as the record or
the site says the automatic lookup will not answer soon, to everyone waiting at once,
not one by one as each spends an attempt; the lookup keeps its place in line meanwhile.
The card, ``estado.json`` and the acceptance of what the person tells all ask here.
"""

from __future__ import annotations

import enum

from cedula_domain.answer_source import AnswerSource
from cedula_domain.breaker import Breaker
from cedula_domain.outcomes import BlockKind
from cedula_domain.record import LookupRecord, LookupStatus


class WayForward(enum.Enum):
    """Why the person is offered the way forward."""

    # The automatic lookup ended without an answer (ERROR).
    GAVE_UP = "gave_up"
    # The site wants a CAPTCHA: the person's own last attempt met one, or the breaker
    # opened on one and holds everyone back.
    CAPTCHA = "captcha"
    # The site refuses automatic lookups (a firewall, a bot or JavaScript check): the
    # breaker holds everyone back.
    SITE_REFUSES = "site_refuses"
    # The Registraduría's page changed: nobody asks it until an operator resumes.
    PAGE_CHANGED = "page_changed"


def way_forward(record: LookupRecord, site: Breaker) -> WayForward | None:
    """Whether this person gets the way forward now, and why; None when not.

    Never while an attempt runs (it may still bring the answer), never over an answer
    of the Registraduría, and not again once the person told us during this lookup. A
    lookup that waits (PENDING) gets it whenever the site will not answer soon, so a
    probe never takes a lookup, its last attempt included, that was not offered it first.
    """
    if record.status is LookupStatus.PROCESSING or record.told_by_person:
        return None
    if record.source is AnswerSource.REGISTRADURIA:
        return None
    if record.status is LookupStatus.ERROR:
        return WayForward.GAVE_UP
    if record.status is not LookupStatus.PENDING:
        return None
    if site.page_changed:
        return WayForward.PAGE_CHANGED
    if site.refusing:
        if site.last_block is BlockKind.CAPTCHA:
            return WayForward.CAPTCHA
        return WayForward.SITE_REFUSES
    if record.blocked_by_captcha:
        return WayForward.CAPTCHA
    return None
