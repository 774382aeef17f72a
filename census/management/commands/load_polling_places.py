"""``manage.py load_polling_places [FILE] [--coordinates FILE] [--election SLUG --name NAME
--published YYYY-MM-DD [--source TEXT]]``

Loads a DIVIPOLE file as the official list of polling places of one election, in one
transaction: a list already loaded for that election is brought to what the file says,
another election's list is left as it is. Without FILE it loads the list the project ships
(``polling_places/data/manifest.json``), which is quick when it is already there. Prints
what it loaded, how many places got coordinates and every refused row with why; exits 1,
changing nothing, when a file cannot be read or is of no known layout.

It lives in census, not polling_places: once a list is loaded, the census lookups' stored
answers are matched to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pagina_madre.bootstrap.census_lookup import lookup_service
from polling_places.divipole import DivipoleFileError
from polling_places.rules.refusal import Refusal, RefusalKind
from polling_places.services import EmptyList, FileLoad, load_files
from polling_places.shipped import shipped_list

KIND_WORDS = {
    RefusalKind.CODE: "código mal formado",
    RefusalKind.NAME: "sin nombre",
    RefusalKind.DUPLICATE: "código repetido",
    RefusalKind.MALFORMED_POINT: "coordenadas mal escritas",
    RefusalKind.OUTSIDE_COLOMBIA: "fuera de Colombia",
    RefusalKind.AMBIGUOUS: "nombre ambiguo",
}
LABEL_OPTIONS = ("election", "name", "published")


class Command(BaseCommand):
    help = (
        "Carga la lista oficial de puestos de votación (DIVIPOLE) de una elección; "
        "sin archivo, la que trae el proyecto."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="CSV de la DIVIPOLE (o .csv.gz)")
        parser.add_argument(
            "--coordinates", type=Path, help="DIVIPOLE georreferenciada de la que tomar puntos"
        )
        parser.add_argument("--election", help="clave corta de la elección, p. ej. congreso-2026")
        parser.add_argument("--name", help="nombre de la lista para los operadores")
        parser.add_argument("--published", help="fecha de publicación, AAAA-MM-DD")
        parser.add_argument("--source", help="procedencia (por omisión, los nombres de archivo)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load = load_files(**self._what_to_load(options))
        except (DivipoleFileError, EmptyList) as error:
            raise CommandError(f"{error} No se cambió nada.") from error
        self._tell(load, every_refusal=load.report.changed or options["verbosity"] > 1)
        matches = lookup_service().match_stored_places()
        self.stdout.write(
            f"Respuestas guardadas sin puesto oficial, comparadas con la lista vigente: "
            f"{_n(matches.matched)} emparejadas, {_n(matches.unmatched)} siguen sin puesto oficial."
        )

    def _what_to_load(self, options: dict[str, Any]) -> dict[str, Any]:
        given = [option for option in LABEL_OPTIONS if options[option]]
        if options["file"] is None:
            if given or options["coordinates"] or options["source"]:
                raise CommandError(
                    "La lista del proyecto ya dice su elección y sus coordenadas: "
                    "--election, --name, --published, --source y --coordinates van con un archivo."
                )
            shipped = shipped_list()
            return {
                "election": shipped.election,
                "name": shipped.name,
                "published_on": shipped.published_on,
                "source": shipped.source,
                "list_file": shipped.list_file,
                "coordinates_file": shipped.coordinates_file,
            }
        if len(given) < len(LABEL_OPTIONS):
            raise CommandError(
                "Di de qué elección es la lista: --election, --name y --published (AAAA-MM-DD)."
            )
        try:
            published_on = date.fromisoformat(options["published"])
        except ValueError as error:
            raise CommandError(
                f"--published: «{options['published']}» no es una fecha AAAA-MM-DD."
            ) from error
        files = [options["file"], options["coordinates"]]
        return {
            "election": options["election"],
            "name": options["name"],
            "published_on": published_on,
            "source": options["source"] or " + ".join(file.name for file in files if file),
            "list_file": options["file"],
            "coordinates_file": options["coordinates"],
        }

    def _tell(self, load: FileLoad, *, every_refusal: bool) -> None:
        report = load.report
        say = self.stdout.write
        if report.created:
            state = "nueva"
        elif report.changed:
            state = "actualizada"
        else:
            state = "ya estaba cargada y no cambió: nada que escribir"
        say(f"Lista de puestos de la elección {report.election}: {state}.")
        say(
            f"  {_n(load.reading.rows)} filas leídas ({load.reading.layout.name}); "
            f"{_n(report.places)} puestos: {_n(report.added)} nuevos, {_n(report.updated)} "
            f"actualizados, {_n(report.unchanged)} iguales, {_n(report.removed)} retirados."
        )
        if load.points is None or load.joined is None:
            say("  Sin coordenadas (no se dio --coordinates).")
        else:
            share = round(100 * report.located / report.places, 1)
            say(
                f"  Coordenadas para {_n(report.located)} de {_n(report.places)} puestos "
                f"({_n(share)} %), de {_n(load.points.rows)} filas ({load.points.layout.name}); "
                f"{_n(load.joined.unused)} puntos no nombran ningún puesto de esta lista."
            )
        self._tell_refusals("la lista", load.reading.refusals, every_refusal)
        self._tell_refusals("las coordenadas", load.point_refusals, every_refusal)

    def _tell_refusals(self, where: str, refusals: list[Refusal], every_refusal: bool) -> None:
        if not refusals:
            return
        kinds: dict[RefusalKind, int] = {}
        for refusal in refusals:
            kinds[refusal.kind] = kinds.get(refusal.kind, 0) + 1
        by_kind = ", ".join(f"{_n(count)} {KIND_WORDS[kind]}" for kind, count in kinds.items())
        self.stdout.write(f"  Filas rechazadas de {where}: {_n(len(refusals))} ({by_kind}).")
        if not every_refusal:
            self.stdout.write("    (--verbosity 2 las lista una a una)")
            return
        for refusal in refusals:
            self.stdout.write(f"    línea {refusal.line}: {refusal.reason}")


def _n(number: float) -> str:
    """A number as Colombia writes it: 13.759 and 84,3."""
    return f"{number:,}".replace(",", "_").replace(".", ",").replace("_", ".")
