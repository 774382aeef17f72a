"""The simulated census: fixed answers for documented cédulas, a stable rule for the rest.

One census, three portals. Each entry is kept as consultacenso's JSON answer in lower-case
keys (``census_record``); ``answer_for`` is that answer as consultacenso sends it (the key
case varies), and the other portals render the same ``Entry`` in their own formats. The
quirks (``mapa`` missing, ``mesa`` as text or number, stray spaces, upper-case keys) are part
of the data on purpose, so that clients learn to cope.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass
from typing import Any

from census_sim.modes import Mode

Answer = dict[str, Any]


@dataclass(frozen=True)
class Town:
    departamento: str
    municipio: str
    latitude: float
    longitude: float
    divipol: str


TOWNS: tuple[Town, ...] = (
    Town("BOGOTA D.C.", "BOGOTA D.C.", 4.7110, -74.0721, "1600"),
    Town("ANTIOQUIA", "MEDELLIN", 6.2442, -75.5812, "0101"),
    Town("ANTIOQUIA", "ENVIGADO", 6.1759, -75.5917, "0112"),
    Town("ANTIOQUIA", "RIONEGRO", 6.1551, -75.3737, "0190"),
    Town("VALLE", "CALI", 3.4516, -76.5320, "3101"),
    Town("VALLE", "PALMIRA", 3.5394, -76.3036, "3160"),
    Town("ATLANTICO", "BARRANQUILLA", 10.9639, -74.7964, "0301"),
    Town("ATLANTICO", "SOLEDAD", 10.9184, -74.7646, "0325"),
    Town("SANTANDER", "BUCARAMANGA", 7.1193, -73.1227, "2701"),
    Town("SANTANDER", "FLORIDABLANCA", 7.0622, -73.0864, "2715"),
    Town("BOLIVAR", "CARTAGENA", 10.3910, -75.4794, "0501"),
    Town("CUNDINAMARCA", "SOACHA", 4.5794, -74.2168, "1590"),
    Town("CUNDINAMARCA", "ZIPAQUIRA", 5.0221, -74.0048, "1595"),
    Town("NARIÑO", "PASTO", 1.2136, -77.2811, "2301"),
    Town("BOYACA", "TUNJA", 5.5353, -73.3678, "0701"),
    Town("CALDAS", "MANIZALES", 5.0703, -75.5138, "0901"),
    Town("RISARALDA", "PEREIRA", 4.8133, -75.6961, "2401"),
    Town("QUINDIO", "ARMENIA", 4.5339, -75.6811, "2601"),
    Town("TOLIMA", "IBAGUE", 4.4389, -75.2322, "2901"),
    Town("HUILA", "NEIVA", 2.9273, -75.2819, "1901"),
    Town("META", "VILLAVICENCIO", 4.1420, -73.6266, "5201"),
    Town("CORDOBA", "MONTERIA", 8.7479, -75.8814, "1301"),
    Town("MAGDALENA", "SANTA MARTA", 11.2408, -74.1990, "2101"),
    Town("CESAR", "VALLEDUPAR", 10.4631, -73.2532, "1201"),
    Town("NORTE DE SANTANDER", "CUCUTA", 7.8939, -72.5078, "2501"),
    Town("CAUCA", "POPAYAN", 2.4448, -76.6147, "1101"),
    Town("CHOCO", "QUIBDO", 5.6947, -76.6611, "1701"),
    Town("LA GUAJIRA", "RIOHACHA", 11.5444, -72.9072, "4401"),
    Town("SUCRE", "SINCELEJO", 9.3047, -75.3978, "2801"),
    Town("CASANARE", "YOPAL", 5.3378, -72.3959, "6801"),
    Town("AMAZONAS", "LETICIA", -4.2153, -69.9406, "6401"),
)

PUESTOS: tuple[str, ...] = (
    "INSTITUCION EDUCATIVA TECNICO INDUSTRIAL",
    "COLEGIO SAN JOSE",
    "ESCUELA NORMAL SUPERIOR",
    "UNIVERSIDAD PUBLICA SEDE PRINCIPAL",
    "COLISEO CUBIERTO MUNICIPAL",
    "INSTITUCION EDUCATIVA LA ESPERANZA",
    "COLEGIO DEPARTAMENTAL INTEGRADO",
    "CONCENTRACION ESCOLAR EL CARMEN",
    "PUESTO CABECERA MUNICIPAL",
    "CENTRO EDUCATIVO SANTA ROSA DE LIMA",
)

STREETS: tuple[str, ...] = ("CALLE", "CARRERA", "AVENIDA", "DIAGONAL", "TRANSVERSAL")

NOT_FOUND_MESSAGES: tuple[str, ...] = (
    "El documento no se encuentra en el censo electoral.",
    "El número de documento consultado no se encuentra en el censo para esta elección.",
)

# The census keeps the reason of a cancellation as free text; these are the ones
# reported for the real site, by code.
CANCELLATION_REASONS: dict[int, str] = {
    21: "Cancelada por Muerte",
    22: "Cancelada por Doble Cedulación",
    23: "Cancelada por Suplantación",
    24: "Cancelada por Menoría de Edad",
    25: "Cancelada por Extranjería",
    26: "Cancelada por Mala Elaboración",
    27: "Cancelada con reasignación de cupo numérico",
    28: "Cancelada por Extranjería sin Carta de Naturaleza",
    51: "Cancelada por Muerte Facultad Ley",
    99: "Baja por Pérdida o Suspensión de los Derechos Políticos",
}


def _found(
    nuip: str,
    town: Town,
    puesto: str,
    direccion: str,
    mesa: str | int,
    *,
    with_map: bool,
    padded: bool,
) -> Answer:
    # Some records come with stray spaces around the text, as reported for the site.
    def pad(text: str) -> str:
        return f"  {text} " if padded else text

    answer: Answer = {
        "ok": True,
        "encontrado": True,
        "data": {
            "nuip": nuip,
            "nom_depto": pad(town.departamento),
            "nom_mun": pad(town.municipio),
            "nom_puesto": pad(puesto),
            "direccion": pad(direccion),
            "mesa": mesa,
            "fingreso": "2018-03-11",
            "coddivipol": f"{town.divipol}0101",
        },
    }
    if with_map:
        answer["mapa"] = {
            "lat": town.latitude,
            "lng": town.longitude,
            "url": f"https://maps.google.com/?q={town.latitude},{town.longitude}",
        }
    return answer


def _not_found(message: str) -> Answer:
    return {"ok": True, "encontrado": False, "mensaje": message}


def _cancelled(code: int, resolucion: str, fecha: str) -> Answer:
    return {
        "ok": True,
        "encontrado": False,
        "novedad": True,
        "mensaje": CANCELLATION_REASONS[code],
        "descripcion": f"Resolución {resolucion} - Fecha novedad: {fecha}",
    }


def _town(municipio: str) -> Town:
    return next(town for town in TOWNS if town.municipio == municipio)


FIXTURES: dict[str, Answer] = {
    # Found, in several departments, with each quirk at least once.
    "1020304050": _found(
        "1020304050",
        _town("BOGOTA D.C."),
        "UNIVERSIDAD NACIONAL",
        "CARRERA 30 # 45-03",
        "12",
        with_map=True,
        padded=False,
    ),
    "43210987": _found(
        "43210987",
        _town("MEDELLIN"),
        "INSTITUCION EDUCATIVA JAVIERA LONDOÑO",
        "CALLE 48 # 75-20",
        7,
        with_map=False,
        padded=False,
    ),
    "1144000111": _found(
        "1144000111",
        _town("CALI"),
        "COLEGIO SANTA LIBRADA",
        "CALLE 7 # 13-50",
        " 23 ",
        with_map=True,
        padded=True,
    ),
    "72123456": _found(
        "72123456",
        _town("BARRANQUILLA"),
        "COLEGIO DE BARRANQUILLA CODEBA",
        "CARRERA 43 # 50-21",
        3,
        with_map=True,
        padded=False,
    ),
    "1098765432": _found(
        "1098765432",
        _town("BUCARAMANGA"),
        "ESCUELA NORMAL SUPERIOR",
        "CALLE 36 # 27-52",
        "15",
        with_map=False,
        padded=True,
    ),
    # Not in the census, in both reported wordings.
    "1000000001": _not_found(NOT_FOUND_MESSAGES[0]),
    "99999999": _not_found(NOT_FOUND_MESSAGES[1]),
    # Cancelled ("novedad"): 200000<code> for each reason.
    **{
        f"200000{code:02d}": _cancelled(code, f"{1000 + code}", f"{code % 28 + 1:02d}/03/2019")
        for code in CANCELLATION_REASONS
    },
}

# Valid cédulas whose holder cannot vote: not cancellations, so kept apart from FIXTURES
# (whose novedades are the cancellation reasons, one fixture each).
SUSPENDED_RIGHTS = "Vigente con Pérdida o Suspensión de los Derechos Políticos"
NOT_ENABLED_SENTENCE = "no se encuentra habilitado para votar"
NOT_ENABLED: dict[str, Answer] = {
    "20000098": {
        "ok": True,
        "encontrado": False,
        "novedad": True,
        "mensaje": SUSPENDED_RIGHTS,
        "descripcion": "Resolución 1098 - Fecha novedad: 15/08/2022",
    },
    "20000097": _not_found(f"El documento consultado {NOT_ENABLED_SENTENCE}."),
}

# Documents whose consultacenso answer carries upper-case data keys (NOM_DEPTO, MESA …):
# the portal's key case varies, and a fixture keeps that visible.
UPPER_CASE_KEYS = frozenset({"72123456"})

# Reserved cédulas that trigger an API mode whatever the global mode is.
MODE_TRIGGERS: dict[str, Mode] = {
    "900000001": Mode.FIREWALL_API,
    "900000002": Mode.CAPTCHA,
    "900000003": Mode.SLOW,
    "900000004": Mode.HANG,
    "900000005": Mode.HTTP_500,
    "900000006": Mode.HTTP_503,
    "900000007": Mode.MALFORMED_JSON,
}


class Standing(enum.Enum):
    FOUND = "found"
    NOT_IN_CENSUS = "not_in_census"
    CANCELLED = "cancelled"
    # A valid cédula whose holder cannot vote (rights suspended, not enabled).
    NOT_ENABLED = "not_enabled"


@dataclass(frozen=True)
class Entry:
    """One document's place in the census, for any portal to render."""

    nuip: str
    standing: Standing
    record: Answer  # consultacenso's answer, lower-case keys

    @property
    def reason(self) -> str:
        return str(self.record.get("mensaje", ""))

    @property
    def resolution_and_date(self) -> tuple[str, str]:
        resolucion, _, fecha = str(self.record.get("descripcion", "")).partition(
            " - Fecha novedad: "
        )
        return resolucion.removeprefix("Resolución "), fecha

    @property
    def stand_code(self) -> str:
        """The puesto's code (only eleccionescolombia shows it): stable per document."""
        return f"{_digest(self.nuip)[13] % 30 + 1:02d}"

    @property
    def zone(self) -> str:
        return f"{_digest(self.nuip)[14] % 9 + 1:02d}"


def _digest(nuip: str) -> bytes:
    return hashlib.sha256(nuip.encode()).digest()


def entry_for(nuip: str) -> Entry:
    record = census_record(nuip)
    if nuip in NOT_ENABLED:
        standing = Standing.NOT_ENABLED
    elif record.get("encontrado"):
        standing = Standing.FOUND
    elif record.get("novedad"):
        standing = Standing.CANCELLED
    else:
        standing = Standing.NOT_IN_CENSUS
    return Entry(nuip, standing, record)


def answer_for(nuip: str) -> Answer:
    """consultacenso's answer: the record, its data keys in upper case for 72123456 and for
    about one hash-generated found answer in four (``MESA`` then always a number)."""
    record = census_record(nuip)
    upper = nuip in UPPER_CASE_KEYS or (nuip not in FIXTURES and _digest(nuip)[12] % 4 == 0)
    if not (upper and record.get("encontrado")):
        return record
    data = {key.upper(): value for key, value in record["data"].items()}
    data["MESA"] = int(str(data["MESA"]).strip())
    return {**record, "data": data}


def census_record(nuip: str) -> Answer:
    """The census answer for a document number: a fixture, else a stable hash rule."""
    if nuip in FIXTURES:
        return FIXTURES[nuip]
    if nuip in NOT_ENABLED:
        return NOT_ENABLED[nuip]
    digest = _digest(nuip)
    # About one document in eight is outside the census; the rest are found.
    if digest[0] < 32:
        return _not_found(NOT_FOUND_MESSAGES[digest[1] % len(NOT_FOUND_MESSAGES)])
    town = TOWNS[digest[2] % len(TOWNS)]
    street = STREETS[digest[3] % len(STREETS)]
    direccion = f"{street} {digest[4] % 120 + 1} # {digest[5] % 90 + 1}-{digest[6] % 99 + 1}"
    mesa_number = digest[7] % 40 + 1
    # The portal sends the mesa sometimes as a number, sometimes as text.
    mesa: str | int = mesa_number if digest[8] % 2 else str(mesa_number)
    return _found(
        nuip,
        town,
        PUESTOS[digest[9] % len(PUESTOS)],
        direccion,
        mesa,
        with_map=digest[10] % 4 != 0,
        padded=digest[11] % 5 == 0,
    )


ELECTIONS: tuple[dict[str, Any], ...] = (
    {"value": 0, "label": "Lugar de votación actual"},
    {"value": 1, "label": "Elecciones de Congreso 2026"},
    {"value": 2, "label": "Elección Presidencial 2026 - Primera vuelta"},
)
