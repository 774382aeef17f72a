"""``manage.py lookup_cedula CEDULA [--scraper NAME] [--url URL] [--json]``,
``manage.py lookup_cedula --probe [--url URL] [--json]``

Looks a cédula up in the census now, outside the queue, and prints the outcome: for an
operator checking the scraper against the real portal or the simulator. Records nothing.
``--probe`` only loads the page and says which known portal it is and why (or what it
lacks), asking nothing: exit status 0 when a portal's form shows, 1 otherwise.
Exit status: 0 for an answer (found, not found, cancelled, valid but not enabled to vote),
1 when the lookup failed
(blocked, unavailable, page changed), 2 for bad usage or an invalid cédula.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cedula_domain.cedula import Cedula, InvalidCedula
from cedula_domain.outcomes import (
    Blocked,
    Cancelled,
    Found,
    NotEnabled,
    NotFound,
    Outcome,
    PageChanged,
    Unavailable,
    is_terminal,
)
from cedula_domain.record import outcome_name
from census.presenter import (
    BLOCK_WORDS,
    OUTCOME_WORDS,
    cancellation_json,
    restriction_json,
    voting_place_json,
)
from pagina_madre.bootstrap.census_lookup import (
    ENGINE_NAMES,
    BrowserNotFound,
    build_one_off_scraper,
    parse_engines,
    probe_census_page,
)

if TYPE_CHECKING:
    from adapters.census_scraper.probe import PortalProbe

USAGE_ERROR = 2
LOOKUP_FAILED = 1


def outcome_payload(cedula: Cedula, outcome: Outcome, elapsed_s: float) -> dict[str, Any]:
    place = outcome.place if isinstance(outcome, Found) else None
    cancellation = outcome.cancellation if isinstance(outcome, Cancelled) else None
    restriction = outcome.restriction if isinstance(outcome, NotEnabled) else None
    if isinstance(outcome, NotFound):
        detail = outcome.message
    elif cancellation is not None:
        detail = cancellation.novedad
    elif restriction is not None:
        detail = restriction.reason
    elif isinstance(outcome, Blocked | Unavailable | PageChanged):
        detail = outcome.detail
    else:
        detail = ""
    return {
        "cedula": cedula.value,
        "outcome": outcome_name(outcome),
        "voting_place": voting_place_json(place),
        "cancellation": cancellation_json(cancellation),
        "restriction": restriction_json(restriction),
        "detail": detail,
        "engine": outcome.engine,
        "elapsed_s": round(elapsed_s, 2),
    }


def summary(cedula: Cedula, outcome: Outcome, elapsed_s: float) -> str:
    """One or two lines in Spanish for the operator: the outcome in the portal's words
    (``census.presenter``), then what the census said of it."""
    if isinstance(outcome, Found):
        place = outcome.place
        said = (
            f". Vota en {place.puesto} ({place.direccion or 'sin dirección'}), "
            f"{place.municipio}, {place.departamento}, mesa {place.mesa}."
        )
    elif isinstance(outcome, NotFound):
        said = f". «{outcome.message}»" if outcome.message else "."
    elif isinstance(outcome, Cancelled):
        cancellation = outcome.cancellation
        said = f": {cancellation.novedad}" + _which_and_when(
            cancellation.resolucion, cancellation.fecha
        )
    elif isinstance(outcome, NotEnabled):
        # Valid, never called cancelled: its holder may not vote now.
        said = f": {outcome.reason or 'sin motivo escrito'}"
        said += _which_and_when(outcome.resolucion, outcome.fecha)
    elif isinstance(outcome, Blocked):
        support = f", código de soporte {outcome.support_id}" if outcome.support_id else ""
        said = f" ({BLOCK_WORDS[outcome.block]}{support})."
    elif isinstance(outcome, Unavailable):
        said = f": {outcome.reason}"
    else:
        said = f": falta {outcome.missing}"
    words = OUTCOME_WORDS[outcome_name(outcome)]
    return (
        f"Cédula {cedula.formatted}: {words}{said}\n"
        f"(motor {outcome.engine or '?'}, {elapsed_s:.1f} s)"
    )


def _which_and_when(resolucion: str, fecha: str) -> str:
    """The end of a novedad's line: " (resolución 123, 2020-01-01)." or just "."."""
    extra = ", ".join(
        part for part in (f"resolución {resolucion}" if resolucion else "", fecha) if part
    )
    return f" ({extra})." if extra else "."


class Command(BaseCommand):
    help = (
        "Consulta ya, fuera de la cola, el lugar de votación de una cédula en el censo "
        "y muestra el resultado (no guarda nada)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cedula", nargs="?", help="número de cédula, con o sin puntos")
        parser.add_argument(
            "--probe",
            action="store_true",
            help="solo carga la página y dice qué portal es y por qué; no consulta nada",
        )
        parser.add_argument(
            "--scraper",
            help=f"motor o cadena separada por comas ({', '.join(ENGINE_NAMES)}); "
            "por defecto, el de la configuración",
        )
        parser.add_argument("--url", help="dirección del portal (por ejemplo, el simulador)")
        parser.add_argument(
            "--json", action="store_true", help="un único objeto JSON en la salida estándar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["probe"]:
            self._probe(options)
            return
        try:
            cedula = Cedula.parse(options["cedula"] or "")
        except InvalidCedula as error:
            raise CommandError(str(error), returncode=USAGE_ERROR) from None
        overrides: dict[str, Any] = {}
        if options["scraper"]:
            try:
                overrides["engines"] = parse_engines(options["scraper"])
            except ValueError:
                raise CommandError(
                    f"Motor de consulta desconocido: «{options['scraper']}». Los válidos son "
                    f"{', '.join(ENGINE_NAMES)}, o varios separados por comas.",
                    returncode=USAGE_ERROR,
                ) from None
        if options["url"]:
            overrides["url"] = options["url"]
        with _configured():
            scraper = build_one_off_scraper(**overrides)

        started = time.monotonic()
        try:
            outcome = scraper.lookup(cedula)
        finally:
            scraper.close()
        elapsed_s = time.monotonic() - started

        if options["json"]:
            payload = outcome_payload(cedula, outcome, elapsed_s)
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            self.stdout.write(summary(cedula, outcome, elapsed_s))
        if not is_terminal(outcome):
            raise SystemExit(LOOKUP_FAILED)

    def _probe(self, options: dict[str, Any]) -> None:
        overrides = {"url": options["url"]} if options["url"] else {}
        with _configured():
            probe = probe_census_page(**overrides)
        if options["json"]:
            self.stdout.write(json.dumps(probe_payload(probe), ensure_ascii=False))
        else:
            self.stdout.write(probe_summary(probe))
        if not probe.portal:
            raise SystemExit(LOOKUP_FAILED)


@contextlib.contextmanager
def _configured() -> Iterator[None]:
    """A scraper's configuration or browser that is wrong, as the command's error."""
    try:
        yield
    except ValueError as error:
        raise CommandError(
            f"La configuración del censo no es válida: {error}", returncode=USAGE_ERROR
        ) from None
    except BrowserNotFound as error:
        raise CommandError(str(error), returncode=LOOKUP_FAILED) from None


def probe_payload(probe: PortalProbe) -> dict[str, Any]:
    return {
        "url": probe.url,
        "status": probe.status,
        "title": probe.title,
        "portal": probe.portal or None,
        "in_front": probe.failure.detail if probe.failure else None,
        "portals": {
            check.portal: {"shows": list(check.present), "lacks": list(check.missing)}
            for check in probe.checks
        },
    }


def probe_summary(probe: PortalProbe) -> str:
    """Lines in Spanish for the operator: the page, the portal it is, what each lacks."""
    lines = [f"Página {probe.url}: HTTP {probe.status}, título «{probe.title}»."]
    for check in probe.checks:
        if check.portal == probe.portal:
            lines.append(
                f"Es el portal «{check.portal}» ({check.description}): muestra "
                f"{', '.join(check.present)}"
                + (f"; no muestra aún {', '.join(check.missing)}" if check.missing else "")
                + "."
            )
        else:
            lines.append(f"No es «{check.portal}»: le falta {', '.join(check.missing)}.")
    if not probe.portal:
        lines.append("Ningún portal conocido: la página cambió o no es la del censo.")
    if probe.failure is not None:
        lines.append(f"Delante del formulario: {probe.failure.detail}.")
    return "\n".join(lines)
