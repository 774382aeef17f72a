"""What one attempt to read the census can end in.

Terminal outcomes answer the question for good; failures say why there is no answer yet
and are always worth another try later.
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from cedula_domain.cancellation import Cancellation
from cedula_domain.restriction import Restriction
from cedula_domain.voting_place import VotingPlace

EVIDENCE_LIMIT = 20_000


def _bounded(text: str) -> str:
    return text[:EVIDENCE_LIMIT]


@frozen(kw_only=True)
class _Outcome:
    # Raw JSON or an HTML excerpt for operators, never shown to the person.
    evidence: str = field(default="", converter=_bounded)
    # Which scraper engine produced the outcome ("stealth", "patchright", ...).
    engine: str = ""


@frozen(kw_only=True)
class Found(_Outcome):
    place: VotingPlace


@frozen(kw_only=True)
class NotFound(_Outcome):
    message: str = ""


@frozen(kw_only=True)
class Cancelled(_Outcome):
    cancellation: Cancellation


@frozen(kw_only=True)
class NotEnabled(_Outcome):
    """The cédula is valid, but its holder may not vote (political rights lost or
    suspended): not a cancellation, and never to be shown as one."""

    # As the census words it ("Vigente con pérdida o suspensión de los derechos políticos").
    reason: str
    resolucion: str = ""
    fecha: str = ""

    @property
    def restriction(self) -> Restriction:
        return Restriction(reason=self.reason, resolucion=self.resolucion, fecha=self.fecha)


class BlockKind(enum.Enum):
    FIREWALL = "firewall"
    CAPTCHA = "captcha"
    JS_CHALLENGE = "js_challenge"
    BOT_DETECTED = "bot_detected"


# What blocked a lookup, as the failure's detail says it to operators ("bloqueada por
# un CAPTCHA"); the admin's labels for the stored codes are census.presenter's BLOCK_WORDS.
BLOCKED_BY: dict[BlockKind, str] = {
    BlockKind.FIREWALL: "un cortafuegos",
    BlockKind.CAPTCHA: "un CAPTCHA",
    BlockKind.JS_CHALLENGE: "un reto de JavaScript",
    BlockKind.BOT_DETECTED: "la detección de robots",
}


class FailureKind(enum.Enum):
    BLOCKED = "blocked"
    UNAVAILABLE = "unavailable"
    PAGE_CHANGED = "page_changed"
    # The worker running the attempt vanished (killed, timed out) before recording it.
    INTERRUPTED = "interrupted"


@frozen(kw_only=True)
class Blocked(_Outcome):
    block: BlockKind
    support_id: str = ""

    kind = FailureKind.BLOCKED

    @property
    def detail(self) -> str:
        support = f" (código de soporte {self.support_id})" if self.support_id else ""
        return f"bloqueada por {BLOCKED_BY[self.block]}{support}"


@frozen(kw_only=True)
class Unavailable(_Outcome):
    # Why, in Spanish for operators ("el portal respondió HTTP 500"); a foreign error's
    # own text is quoted as it came.
    reason: str

    kind = FailureKind.UNAVAILABLE

    @property
    def detail(self) -> str:
        return self.reason


@frozen(kw_only=True)
class PageChanged(_Outcome):
    # What the page lacked, in Spanish words that follow "falta" ("una respuesta JSON de
    # la consulta"); CSS selectors and JSON keys as they are.
    missing: str

    kind = FailureKind.PAGE_CHANGED

    @property
    def detail(self) -> str:
        return f"la página cambió: falta {self.missing}"


Terminal = Found | NotFound | Cancelled | NotEnabled
Failure = Blocked | Unavailable | PageChanged
Outcome = Terminal | Failure


def is_terminal(outcome: Outcome) -> bool:
    return isinstance(outcome, Found | NotFound | Cancelled | NotEnabled)
