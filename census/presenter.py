"""How a lookup reads, in one place: the Spanish words of its states, failures, blocks and
sources, and the public JSON shape. The card, ``estado.json``, the command and the admin
all take them from here. The machine names, what the rows store, are the domain's (its
enums' values, ``OUTCOME_NAMES``): rewording here never changes a stored code."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from django.utils import formats, timezone

from cedula_domain import (
    OUTCOME_NAMES,
    AnswerSource,
    BlockKind,
    BreakerState,
    Cancellation,
    FailureKind,
    LookupRecord,
    LookupStatus,
    PlaceInLine,
    RefreshDecision,
    Restriction,
    Unmatched,
    VotingPlace,
    WayForward,
)

STATUS_WORDS: dict[LookupStatus, str] = {
    LookupStatus.PENDING: "En cola",
    LookupStatus.PROCESSING: "Consultando",
    LookupStatus.FOUND: "Encontrada",
    LookupStatus.NOT_FOUND: "No está en el censo",
    LookupStatus.CANCELLED: "Cédula cancelada",
    LookupStatus.NOT_ENABLED: "Vigente, sin derecho a votar",
    LookupStatus.ERROR: "Sin respuesta",
}
# A result the person has not consented to show whoever brought them (referrals.roster).
WITHHELD_STATUS_WORDS = "Resultado no compartido"
FAILURE_WORDS: dict[FailureKind, str] = {
    FailureKind.BLOCKED: "Bloqueada por el sitio",
    FailureKind.UNAVAILABLE: "Sitio no disponible",
    FailureKind.PAGE_CHANGED: "La página cambió",
    FailureKind.INTERRUPTED: "Consulta interrumpida",
}
# What the person reads on the card about the last failure.
FAILURE_SENTENCES: dict[FailureKind, str] = {
    FailureKind.BLOCKED: (
        "El sitio de la Registraduría no permitió la consulta automática por ahora."
    ),
    FailureKind.UNAVAILABLE: "El sitio de la Registraduría no respondió.",
    FailureKind.PAGE_CHANGED: "La página de la Registraduría cambió y estamos adaptando el portal.",
    FailureKind.INTERRUPTED: "La consulta se interrumpió.",
}
BLOCK_WORDS: dict[BlockKind, str] = {
    BlockKind.FIREWALL: "Cortafuegos",
    BlockKind.CAPTCHA: "CAPTCHA",
    BlockKind.JS_CHALLENGE: "Reto de JavaScript",
    BlockKind.BOT_DETECTED: "Detección de robots",
}
# The browser engines by the code a lookup stores (the adapter's engine names, which
# operators also type in ``lookup_cedula --scraper``); an unknown code is shown as it is.
ENGINE_WORDS: dict[str, str] = {
    "stealth": "Chromium con Playwright Stealth",
    "patchright": "Chromium con Patchright",
    "playwright": "Chromium con Playwright",
}
SOURCE_WORDS: dict[AnswerSource, str] = {
    AnswerSource.REGISTRADURIA: "Registraduría",
    AnswerSource.PERSON: "Informado por la persona",
    AnswerSource.OPERATOR: "Informado por un operador",
}

# Why an answer has no place in the official list of polling places, for operators.
UNMATCHED_WORDS: dict[Unmatched, str] = {
    Unmatched.NO_LIST: "no había lista oficial cargada",
    Unmatched.MUNICIPIO: "la lista no tiene ese municipio en ese departamento",
    Unmatched.PUESTO: "el municipio no tiene en la lista un puesto de ese nombre",
    Unmatched.AMBIGUOUS: "varios puestos del municipio encajan por igual",
}
# An answer stored before any list was loaded, not compared with one yet.
NOT_COMPARED_WORDS = "aún sin comparar con la lista"
# A person's answer that matched no official place: their word alone.
UNVERIFIED_WORDS = "dicho por la persona, sin verificar"

BREAKER_WORDS: dict[BreakerState, str] = {
    BreakerState.CLOSED: "Consultando con normalidad",
    BreakerState.OPEN: "En pausa por bloqueos",
    BreakerState.PROBING: "Probando si el sitio responde",
    BreakerState.CHANGED: "Detenido: la página de la Registraduría cambió",
}
# Whatever the breaker's state, while an operator holds the lookups.
PAUSED_WORDS = "En pausa por un operador"
# Every name ``outcome_name`` gives, with its words (answers read like their status).
_WORDS_OF_CODE = {
    member.value: words for member, words in (*STATUS_WORDS.items(), *FAILURE_WORDS.items())
}
OUTCOME_WORDS: dict[str, str] = {name: _WORDS_OF_CODE[name] for name in OUTCOME_NAMES}


def words_of_engine(engine: str) -> str:
    """A stored engine code as operators read it; blank (no browser ran yet) stays blank."""
    return ENGINE_WORDS.get(engine, engine)


def seen_status_words(status: LookupStatus | None) -> str:
    """A lookup's status as the person who brought its holder reads it; None is withheld."""
    return WITHHELD_STATUS_WORDS if status is None else STATUS_WORDS[status]


def line_sentence(line: PlaceInLine | None, now: datetime) -> str:
    """What the person reads while their lookup waits its turn."""
    if line is None:
        return ""
    if line.estimated_at is None:
        return (
            "Pausamos por un momento las consultas a la Registraduría; "
            "tu consulta sigue en la cola."
        )
    at = timezone.localtime(line.estimated_at)
    if line.source_held:
        return (
            "La Registraduría está limitando las consultas automáticas. "
            f"Lo intentaremos de nuevo hacia las {at:%H:%M}."
        )
    if line.ahead == 0:
        return "Tu consulta es la siguiente; empieza en unos segundos."
    # The wait a person minds ends with their answer, not when their lookup starts.
    minutes = round(((line.answer_at or line.estimated_at) - now).total_seconds() / 60)
    ahead = "Hay 1 consulta" if line.ahead == 1 else f"Hay {line.ahead} consultas"
    wait = "menos de un minuto" if minutes < 1 else "un minuto" if minutes == 1 else None
    return f"{ahead} antes que la tuya: {wait or f'unos {minutes} minutos'}."


def failure_sentence(record: LookupRecord) -> str:
    kind = record.last_failure_kind
    return FAILURE_SENTENCES[kind] if kind else ""


# The card's next steps, one for each outcome.
WHAT_TO_BRING = (
    "El día de la elección lleva tu cédula original: ni las fotocopias ni el comprobante "
    "del trámite sirven para votar."
)
NOT_FOUND_MEANING = (
    "Eso quiere decir que, según la Registraduría, con esta cédula no puedes votar en esta "
    "elección."
)
CANCELLED_MEANING = "Con una cédula cancelada no se puede votar."
CANCELLED_NEXT_STEP = (
    "si crees que es un error, se puede corregir: ve a una sede de la Registraduría con tu "
    "cédula original y pide que revisen tu caso."
)
# A valid cédula whose holder may not vote now: never worded as a cancellation.
NOT_ENABLED_MEANING = (
    "Tu cédula no está cancelada: sigue vigente y te sirve para identificarte. Esto casi "
    "siempre quiere decir que perdiste o tienes suspendidos tus derechos políticos, por "
    "ejemplo por una sentencia judicial. Muchas veces es temporal: cuando la suspensión "
    "termina, puedes volver a votar."
)
NOT_ENABLED_NEXT_STEP = (
    "para saber por qué y hasta cuándo, pregunta en una sede de la Registraduría y lleva tu "
    "cédula original."
)
# What a cancellation ("novedad") means, found by a word of it: the census writes them
# with varying capitals and accents, and more specific ones contain the general ones
# ("Cancelada por Muerte Facultad Ley"), so the first match wins.
CANCELLATION_MEANINGS: tuple[tuple[str, str], ...] = (
    ("muerte", "Sus registros dicen que la persona dueña de esta cédula falleció."),
    ("doble cedulacion", "Encontró dos cédulas de la misma persona y canceló esta."),
    (
        "suplantacion",
        "Encontró que esta cédula se sacó haciéndose pasar por otra persona.",
    ),
    ("menoria de edad", "La cédula se expidió cuando la persona aún era menor de edad."),
    ("extranjeria", "Sus registros dicen que la persona dueña de esta cédula no es colombiana."),
    ("mala elaboracion", "La cédula tenía errores cuando se hizo."),
    ("reasignacion de cupo", "El número de esta cédula se le asignó a otro documento."),
    (
        "derechos politicos",
        "Los derechos políticos de la persona dueña de esta cédula están suspendidos, "
        "casi siempre por una decisión judicial, y mientras tanto no puede votar.",
    ),
)


def cancellation_meaning(cancellation: Cancellation) -> str:
    """The novedad in plain words, or "" for one we do not know."""
    words = _plain(cancellation.novedad)
    return next((meaning for key, meaning in CANCELLATION_MEANINGS if key in words), "")


# Why the person is offered to finish the lookup themselves (GAVE_UP: what failed says it).
WAY_FORWARD_SENTENCES: dict[WayForward, str] = {
    WayForward.CAPTCHA: (
        "La Registraduría está pidiendo una verificación que solo una persona puede hacer, "
        "así que no pudimos terminar la consulta por ti."
    ),
    WayForward.SITE_REFUSES: (
        "La Registraduría no está dejando hacer consultas automáticas por ahora, así que no "
        "pudimos terminar la consulta por ti."
    ),
    WayForward.PAGE_CHANGED: (
        "La página de consulta de la Registraduría cambió y estamos adaptando el portal, así "
        "que por ahora no podemos hacer la consulta por ti."
    ),
}
# What the card says once the person told us, while their lookup still waits in line.
TOLD_WHILE_WAITING = (
    "Guardamos lo que nos contaste. Tu consulta sigue en la cola: si la Registraduría nos "
    "responde, verás aquí su respuesta."
)


def way_forward_sentence(way: WayForward, record: LookupRecord) -> str:
    """Why the person is asked to finish the lookup themselves."""
    if way is not WayForward.GAVE_UP:
        return WAY_FORWARD_SENTENCES[way]
    if record.blocked_by_captcha:
        return f"{WAY_FORWARD_SENTENCES[WayForward.CAPTCHA]} {gave_up_sentence(record)}".strip()
    return f"{gave_up_sentence(record)} {failure_sentence(record)}".strip()


# How the person looks themselves up, after "Abre la página de consulta de la
# Registraduría,": a verification is named only when one was met, and a site that failed
# may fail them too.
OFFICIAL_PAGE_STEP = "escribe tu cédula y mira qué te responde."
OFFICIAL_PAGE_STEP_AFTER_CAPTCHA = "escribe tu cédula y resuelve la verificación que te pida."
OFFICIAL_PAGE_STEP_AFTER_FAILURE = (
    "escribe tu cédula y mira qué te responde. Si a ti tampoco te carga, vuelve a "
    "intentarlo en un rato."
)


def official_page_step(way: WayForward, record: LookupRecord) -> str:
    """The first of the two steps the person is offered (``way``: why), worded for what
    actually stopped the automatic lookup."""
    if way is WayForward.CAPTCHA or (way is WayForward.GAVE_UP and record.blocked_by_captcha):
        return OFFICIAL_PAGE_STEP_AFTER_CAPTCHA
    if way is WayForward.GAVE_UP and record.last_failure_kind is FailureKind.UNAVAILABLE:
        return OFFICIAL_PAGE_STEP_AFTER_FAILURE
    return OFFICIAL_PAGE_STEP


def way_forward_next_step(
    way: WayForward | None, record: LookupRecord, line: PlaceInLine | None, now: datetime
) -> str:
    """What becomes of their lookup meanwhile, with the offer."""
    offer = "puedes terminar la consulta tú en dos pasos."
    if way is None or record.status is not LookupStatus.PENDING:
        return offer.capitalize()
    if way is WayForward.PAGE_CHANGED:
        return f"Tu consulta sigue en la cola y la haremos cuando el portal esté listo; {offer}"
    # Behind the breaker, its own next try waits for the site's.
    held = line is not None and line.source_held and line.estimated_at is not None
    at = line.estimated_at if held else record.next_attempt_at
    if at is None:
        return f"Tu consulta sigue en la cola, pero {offer}"
    return f"Lo intentaremos de nuevo hacia las {timezone.localtime(at):%H:%M}, pero {offer}"


def gave_up_sentence(record: LookupRecord) -> str:
    """How hard we tried, beside the heading that says the lookup ended without an answer."""
    return f"Lo intentamos {record.attempts} veces." if record.attempts > 1 else ""


def refresh_sentence(decision: RefreshDecision, now: datetime) -> str:
    """Said instead of offering "Volver a consultar" when a refresh would be refused now."""
    if decision.available_at is None:
        return ""
    return f"Podrás volver a consultar desde {moment_words(decision.available_at, now)}."


def moment_words(moment: datetime, now: datetime) -> str:
    """Today "las 16:40"; another day "el 2 de marzo a las 16:40"."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localtime(now).date():
        return f"las {local:%H:%M}"
    day = formats.date_format(local, r"j \d\e F").lower()
    return f"el {day} a las {local:%H:%M}"


def card_heading(record: LookupRecord, *, told_while_waiting: bool, offers_report: bool) -> str:
    """The card's heading when it is not a found place (which the card writes with the
    place's own parts): the answer first, else what the lookup is doing."""
    if record.cancellation:
        return "Tu cédula aparece cancelada"
    if record.restriction:
        return "Tu cédula está vigente, pero por ahora no puedes votar"
    if record.status is LookupStatus.NOT_FOUND:
        return "Tu cédula no aparece en el censo electoral"
    if told_while_waiting:
        return "Nos contaste que tu cédula no aparece en el censo electoral"
    if record.status is LookupStatus.ERROR:
        return "No pudimos consultar tu lugar de votación"
    if offers_report:
        return "Termina tú la consulta de tu lugar de votación"
    return "Estamos buscando tu lugar de votación"


def announcement(record: LookupRecord, way: WayForward | None = None) -> str:
    """One sentence for screen readers when the card stops changing by itself: the
    answer, or that the lookup needs the person (``way``: why it is offered to them)."""
    if way is not None:
        return (
            "No pudimos terminar la consulta por ti. "
            "Puedes terminarla tú en la página de la Registraduría."
        )
    if record.status is LookupStatus.FOUND and record.voting_place:
        place = record.voting_place
        return f"Listo: votas en {place.puesto}, mesa {place.mesa}."
    if record.status is LookupStatus.NOT_FOUND:
        return "Listo: tu cédula no aparece en el censo electoral."
    if record.status is LookupStatus.CANCELLED:
        return "Listo: tu cédula aparece cancelada en la Registraduría."
    if record.status is LookupStatus.NOT_ENABLED:
        return "Listo: tu cédula está vigente, pero por ahora no puedes votar."
    if record.status is LookupStatus.ERROR:
        return "No pudimos actualizar tu lugar de votación; ves la última respuesta."
    return ""


def _plain(text: str) -> str:
    """Lower case without accents, for matching the census' words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def status_json(
    record: LookupRecord, line: PlaceInLine | None = None, way: WayForward | None = None
) -> dict[str, Any]:
    """The public shape of GET /censo/estado.json; never evidence or failure internals."""
    return {
        "status": record.status.value,
        "voting_place": voting_place_json(record.voting_place),
        "cancellation": cancellation_json(record.cancellation),
        # The cédula is valid but its holder may not vote now ("not_enabled").
        "restriction": restriction_json(record.restriction),
        "attempts": record.attempts,
        "next_attempt_at": _iso(record.next_attempt_at),
        "fetched_at": _iso(record.fetched_at),
        # Who gave the answer: "registraduria", "persona" or "operador"; None without one.
        "source": record.source.value if record.source else None,
        # While waiting: how many lookups go first, and when this one should start.
        "queue_position": line.ahead + 1 if line else None,
        "estimated_at": _iso(line.estimated_at) if line else None,
        # ...and when its answer should be in (cedula_domain.throughput says how).
        "answer_expected_at": _iso(line.answer_at) if line else None,
        # Why the person may finish the lookup themselves now ("captcha", "site_refuses",
        # "page_changed", "gave_up"); None when not offered.
        "way_forward": way.value if way else None,
    }


# "Cómo llegar": the place on a public map, opened as a plain link (no map on our pages).
MAP_URL = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def directions_url(place: VotingPlace | None) -> str:
    """Where "Cómo llegar" leads: the point the answer itself gave (the Registraduría's,
    for this election), else the official place's from the list; "" when neither is
    known."""
    if place is None:
        return ""
    official = place.match.official if place.match else None
    point = place.coordinates or (official.coordinates if official else None)
    if point is None:
        return ""
    return MAP_URL.format(lat=f"{point.latitude:.6f}", lon=f"{point.longitude:.6f}")


def place_address(place: VotingPlace | None) -> str:
    """The place's address as the answer gave it, else the official place's from the list."""
    if place is None:
        return ""
    official = place.match.official if place.match else None
    return place.direccion or (official.direccion if official else "")


def voting_place_json(place: VotingPlace | None) -> dict[str, str] | None:
    if place is None:
        return None
    return {
        "departamento": place.departamento,
        "municipio": place.municipio,
        "puesto": place.puesto,
        "direccion": place.direccion,
        "mesa": place.mesa,
    }


def cancellation_json(cancellation: Cancellation | None) -> dict[str, str] | None:
    if cancellation is None:
        return None
    return {
        "novedad": cancellation.novedad,
        "resolucion": cancellation.resolucion,
        "fecha": cancellation.fecha,
    }


def restriction_json(restriction: Restriction | None) -> dict[str, str] | None:
    if restriction is None:
        return None
    return {
        "reason": restriction.reason,
        "resolucion": restriction.resolucion,
        "fecha": restriction.fecha,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
