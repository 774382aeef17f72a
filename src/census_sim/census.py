"""The simulated census: fixed answers for documented cédulas, a stable rule for the rest.

Every found document votes at a real place of the Registraduría's 2026 list (``LISTED``,
with its code), except one fixture at a place the list lacks (``UNLISTED``). One census,
three portals. Each entry is kept as consultacenso's JSON answer in lower-case
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
    # The Registraduría's code of the municipio: dd + mm (not DANE's).
    divipol: str


TOWNS: tuple[Town, ...] = (
    Town("BOGOTA D.C.", "BOGOTA D.C.", 4.7110, -74.0721, "16001"),
    Town("ANTIOQUIA", "MEDELLIN", 6.2442, -75.5812, "01001"),
    Town("ANTIOQUIA", "ENVIGADO", 6.1759, -75.5917, "01121"),
    Town("ANTIOQUIA", "RIONEGRO", 6.1551, -75.3737, "01214"),
    Town("VALLE", "CALI", 3.4516, -76.5320, "31001"),
    Town("VALLE", "PALMIRA", 3.5394, -76.3036, "31079"),
    Town("ATLANTICO", "BARRANQUILLA", 10.9639, -74.7964, "03001"),
    Town("ATLANTICO", "SOLEDAD", 10.9184, -74.7646, "03052"),
    Town("SANTANDER", "BUCARAMANGA", 7.1193, -73.1227, "27001"),
    Town("SANTANDER", "FLORIDABLANCA", 7.0622, -73.0864, "27082"),
    Town("BOLIVAR", "CARTAGENA", 10.3910, -75.4794, "05001"),
    Town("CUNDINAMARCA", "SOACHA", 4.5794, -74.2168, "15247"),
    Town("CUNDINAMARCA", "ZIPAQUIRA", 5.0221, -74.0048, "15340"),
    Town("NARIÑO", "PASTO", 1.2136, -77.2811, "23001"),
    Town("BOYACA", "TUNJA", 5.5353, -73.3678, "07001"),
    Town("CALDAS", "MANIZALES", 5.0703, -75.5138, "09001"),
    Town("RISARALDA", "PEREIRA", 4.8133, -75.6961, "24001"),
    Town("QUINDIO", "ARMENIA", 4.5339, -75.6811, "26001"),
    Town("TOLIMA", "IBAGUE", 4.4389, -75.2322, "29001"),
    Town("HUILA", "NEIVA", 2.9273, -75.2819, "19001"),
    Town("META", "VILLAVICENCIO", 4.1420, -73.6266, "52001"),
    Town("CORDOBA", "MONTERIA", 8.7479, -75.8814, "13001"),
    Town("MAGDALENA", "SANTA MARTA", 11.2408, -74.1990, "21001"),
    Town("CESAR", "VALLEDUPAR", 10.4631, -73.2532, "12001"),
    Town("NORTE DE SANTANDER", "CUCUTA", 7.8939, -72.5078, "25001"),
    Town("CAUCA", "POPAYAN", 2.4448, -76.6147, "11001"),
    Town("CHOCO", "QUIBDO", 5.6947, -76.6611, "17001"),
    Town("LA GUAJIRA", "RIOHACHA", 11.5444, -72.9072, "48001"),
    Town("SUCRE", "SINCELEJO", 9.3047, -75.3978, "28001"),
    Town("CASANARE", "YOPAL", 5.3378, -72.3959, "46001"),
    Town("AMAZONAS", "LETICIA", -4.2153, -69.9406, "60001"),
    # Colombians abroad vote at consulates: the list's departamento 88 holds them.
    Town("CONSULADOS", "ESPAÑA", 40.4168, -3.7038, "88355"),
)


@dataclass(frozen=True)
class Puesto:
    """A polling place of the Registraduría's 2026 list (DIVIPOLE of 12 December 2025), as
    the list writes it, names and address included."""

    # dd + mm + zz + pp: the Registraduría's code, as consultacenso's ``coddivipol`` sends it.
    code: str
    departamento: str
    municipio: str
    puesto: str
    # Blank where the list gives none (a few consulates).
    direccion: str

    @property
    def town(self) -> Town:
        return next(town for town in TOWNS if town.divipol == self.code[:5])


# Rows copied from ``shared/data/divipole_2026_congreso_potencial_etario_20251212.csv``:
# a few in each department of TOWNS, with the list's own ways of writing ("No 2", "# 33",
# "NRO 25", "I.E.", "INST.EDUC.", "IE", "COL.", "ESC.", "C.E."), two places of one name
# told apart by their sede, and a consulate without an address.
LISTED: tuple[Puesto, ...] = (
    Puesto("160010102", "BOGOTA D.C.", "BOGOTA. D.C.", "SERVITA", "CLL 165 No 7-38/52"),
    Puesto(
        "160010207",
        "BOGOTA D.C.",
        "BOGOTA. D.C.",
        "UNIVERSIDAD PEDAGOGICA NACIONAL",
        "CLL 72 # 11 - 86",
    ),
    Puesto(
        "160011330",
        "BOGOTA D.C.",
        "BOGOTA. D.C.",
        "UNIVERSIDAD NACIONAL AUD ALFONSO LOPEZ",
        "CRA 45 No 26-85",
    ),
    Puesto("010010101", "ANTIOQUIA", "MEDELLIN", "SEC. ESC. LA ESPERANZA No 2", "KR 29 # 102 - 20"),
    Puesto("010010102", "ANTIOQUIA", "MEDELLIN", "INST.EDUC. LA CANDELARIA", "CL 106 # 32-100"),
    Puesto("010011305", "ANTIOQUIA", "MEDELLIN", "I.E.FE Y ALEGRIA SAN JOSE", "CALLE 86 # 92-60"),
    Puesto("010011906", "ANTIOQUIA", "MEDELLIN", "I.E. JAVIERA LONDOÑO", "CLL 53 No 40-65"),
    Puesto(
        "011210101", "ANTIOQUIA", "ENVIGADO", "COL LA SALLE DE ENVIGADO", "CLL 24 SUR NO 42B - 1"
    ),
    Puesto("012140101", "ANTIOQUIA", "RIONEGRO", "I.E. JULIO SANIN", "CL 52 # 44-03"),
    Puesto("310010101", "VALLE", "CALI", "ESC. JOSE ACEVEDO Y GOMEZ", "AV 5 OESTE No.30-164"),
    Puesto("310010403", "VALLE", "CALI", "IE SANTA LIBRADA", "CL 7 #14A-06"),
    Puesto(
        "310790101",
        "VALLE",
        "PALMIRA",
        "ESC. JOSE MANUEL GROOT",
        "CLL 65 No 31C- 95 BARRIO ZAMORANO",
    ),
    Puesto("030010201", "ATLANTICO", "BARRANQUILLA", "IE DISTRITAL LA MERCED", "CLL 57 No 30-23"),
    Puesto("030013305", "ATLANTICO", "BARRANQUILLA", "COL.BARRANQUILLA CODEBA", "CL 68 #47-64"),
    Puesto("030520102", "ATLANTICO", "SOLEDAD", "I.E.INOBASOL - SEDE 2", "CALLE 18 No. 19 - 76"),
    Puesto(
        "270011401",
        "SANTANDER",
        "BUCARAMANGA",
        "ESC NORMAL SUPERIOR SEDE A",
        "CLL 30 # 27-163 BARRIO AURORA",
    ),
    Puesto(
        "270011402",
        "SANTANDER",
        "BUCARAMANGA",
        "ESC NORMAL SUPERIOR SEDE C",
        "CLL 30 # 26 - 45 BARRIO ANTONIA SANTOS",
    ),
    Puesto(
        "270820101",
        "SANTANDER",
        "FLORIDABLANCA",
        "INSTITUTO GABRIELA MISTRAL",
        "CALLE 4 No. 9 - 37 CASCO URBANO",
    ),
    Puesto(
        "050010101",
        "BOLIVAR",
        "CARTAGENA",
        "CENTRO COMERCIAL BOCAGRANDE",
        "CR 2 NO 8-146 BOCAGRANDE AV SAN MARTIN",
    ),
    Puesto(
        "152470102", "CUNDINAMARCA", "SOACHA", "I.E. COMPARTIR", "TR. 17 No. 5 B - 10 SUR COMPARTIR"
    ),
    Puesto(
        "153400102",
        "CUNDINAMARCA",
        "ZIPAQUIRA",
        "COLEGIO RAFAEL POMBO",
        "CL 18 NO 4 - 24 B. SAN JUANITO",
    ),
    Puesto("230010103", "NARIÑO", "PASTO", "COLEGIO SAN FRANCISCO JAVIER", "CALLE 20 No. 24-64"),
    Puesto("070010101", "BOYACA", "TUNJA", "COL. BOYACA FCO DE PAULA SANTANDER", "CRA 10 #18-99"),
    Puesto("090010102", "CALDAS", "MANIZALES", "I.E.CHIPRE", "CARRERA 6 A No. 7-21"),
    Puesto("240010101", "RISARALDA", "PEREIRA", "IE VILLASANTANA", "CLL 14D ESTE # 16B 40"),
    Puesto(
        "260010102",
        "QUINDIO",
        "ARMENIA",
        "IE LAURA VICUÑA",
        "BARRIO BOSQUES DE PINARES MZ11A NO 1",
    ),
    Puesto("290010102", "TOLIMA", "IBAGUE", "CONSERVATORIO DE TOLIMA", "CL 9 # 1-18"),
    Puesto("190010102", "HUILA", "NEIVA", "I.E. INEM", "CR 1 No 26 - 215"),
    Puesto(
        "520010101",
        "META",
        "VILLAVICENCIO",
        "IE 12 DE OCTUBRE",
        "CLL 46 # 46 -38 DOCE DE OCTUBRE",
    ),
    Puesto("130010102", "CORDOBA", "MONTERIA", "IE LA RIBERA", "CL 18 #7AW-46 BARRIO LA RIVERA"),
    Puesto(
        "210010103",
        "MAGDALENA",
        "SANTA MARTA",
        "I.E.D JACQUELINE KENNEDY",
        "CARRERA 16 CALLE 35 B ESQUINA MARIA EUGENIA",
    ),
    Puesto("120010405", "CESAR", "VALLEDUPAR", "ESCUELA MIXTA No 4", "CRA 19 B No 16 B 14"),
    Puesto(
        "250010507",
        "NORTE DE SAN",
        "CUCUTA",
        "COL.BASICO GUAIMARAL NRO 25",
        "AV 12E No. 9BN - 46 BARRIO GUAIMARAL",
    ),
    Puesto(
        "250010708",
        "NORTE DE SAN",
        "CUCUTA",
        "ESC. COMUNEROS # 33 - COL. SAN BARTOLOME",
        "CLL 4 AV 5 BARRIO COMUNEROS",
    ),
    Puesto("110010101", "CAUCA", "POPAYAN", "COLEGIO CHAMPAGNAT", "CR 9 NO 5 N 51"),
    Puesto("170010103", "CHOCO", "QUIBDO", "IE ARMANDO LUNA ROA", "TRANSV. 10 No 30-65"),
    Puesto("480010101", "LA GUAJIRA", "RIOHACHA", "INST. EDUC. DIVINA PASTORA", "CL 1 No 1-00"),
    Puesto("280010302", "SUCRE", "SINCELEJO", "IE SAN JOSE C I P", "CL 22 No. 10A-380"),
    Puesto(
        "460010102", "CASANARE", "YOPAL", "C.E. MARCO FIDEL SUAREZ", "CALLE 13 TRASVERSAL 18 - 65"
    ),
    Puesto("600010101", "AMAZONAS", "LETICIA", "IE INEM JOSE EUSTACIO RIVERA", "CLL 11 3 - 99"),
    Puesto("883550502", "CONSULADOS", "ESPAÑA", "Madrid - Consulado", ""),
)

# The puesto names alone (the page's bundles quote a few).
PUESTOS: tuple[str, ...] = tuple(place.puesto for place in LISTED)

STREETS: tuple[str, ...] = ("CALLE", "CARRERA", "AVENIDA", "DIAGONAL", "TRANSVERSAL")

# eleccionescolombia names a departamento in full where the list shortens it.
DEPARTAMENTOS_IN_FULL: dict[str, str] = {
    "VALLE": "VALLE DEL CAUCA",
    "NORTE DE SAN": "NORTE DE SANTANDER",
}

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


class Coddivipol(enum.Enum):
    """What consultacenso sends as ``coddivipol``: it varies between answers."""

    WHOLE = "whole"  # the puesto's dd+mm+zz+pp, 9 characters
    MUNICIPIO = "municipio"  # the municipio's dd+mm only
    ABSENT = "absent"  # no such key


def _found(
    nuip: str,
    place: Puesto,
    mesa: str | int,
    *,
    with_map: bool,
    padded: bool,
    coddivipol: Coddivipol,
    **as_told: str,
) -> Answer:
    """consultacenso's answer for a document found at ``place``: its names as the list
    writes them, unless ``as_told`` gives others (``departamento``, ``puesto``, …)."""

    # Some records come with stray spaces around the text, as reported for the site.
    def told(field: str) -> str:
        text = as_told.get(field, getattr(place, field))
        return f"  {text} " if padded else text

    data: Answer = {
        "nuip": nuip,
        "nom_depto": told("departamento"),
        "nom_mun": told("municipio"),
        "nom_puesto": told("puesto"),
        "direccion": told("direccion"),
        "mesa": mesa,
        "fingreso": "2018-03-11",
    }
    if coddivipol is not Coddivipol.ABSENT:
        data["coddivipol"] = place.code if coddivipol is Coddivipol.WHOLE else place.code[:5]
    answer: Answer = {"ok": True, "encontrado": True, "data": data}
    if with_map:
        town = place.town
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


def _listed(code: str) -> Puesto:
    return next(place for place in LISTED if place.code == code)


# A puesto the 2026 list lacks (opened after it was published): its answer matches none.
UNLISTED = Puesto(
    "160012050", "BOGOTA D.C.", "BOGOTA D.C.", "COLEGIO EL PORVENIR DE LOS ARTESANOS", ""
)

# Each found fixture's place in the list (UNLISTED: in none). The first five name theirs as
# people say them, not as the list writes them.
FIXTURE_PLACES: dict[str, Puesto] = {
    "1020304050": _listed("160011330"),
    "43210987": _listed("010011906"),
    "1144000111": _listed("310010403"),
    "72123456": _listed("030013305"),
    "1098765432": _listed("270011401"),
    "71000001": _listed("010010101"),
    "71000002": _listed("250010507"),
    "71000003": _listed("280010302"),
    "71000004": _listed("883550502"),
    "71000009": UNLISTED,
}

FIXTURES: dict[str, Answer] = {
    # Found, in several departments, with each quirk at least once.
    "1020304050": _found(
        "1020304050",
        FIXTURE_PLACES["1020304050"],
        "12",
        with_map=True,
        padded=False,
        coddivipol=Coddivipol.WHOLE,
        municipio="BOGOTA D.C.",
        puesto="UNIVERSIDAD NACIONAL",
        direccion="CARRERA 30 # 45-03",
    ),
    "43210987": _found(
        "43210987",
        FIXTURE_PLACES["43210987"],
        7,
        with_map=False,
        padded=False,
        coddivipol=Coddivipol.ABSENT,
        puesto="INSTITUCION EDUCATIVA JAVIERA LONDOÑO",
        direccion="CALLE 48 # 75-20",
    ),
    "1144000111": _found(
        "1144000111",
        FIXTURE_PLACES["1144000111"],
        " 23 ",
        with_map=True,
        padded=True,
        coddivipol=Coddivipol.MUNICIPIO,
        puesto="COLEGIO SANTA LIBRADA",
        direccion="CALLE 7 # 13-50",
    ),
    "72123456": _found(
        "72123456",
        FIXTURE_PLACES["72123456"],
        3,
        with_map=True,
        padded=False,
        coddivipol=Coddivipol.ABSENT,
        puesto="COLEGIO DE BARRANQUILLA CODEBA",
        direccion="CARRERA 43 # 50-21",
    ),
    # Its words fit both sedes of the Normal Superior: only a code tells which.
    "1098765432": _found(
        "1098765432",
        FIXTURE_PLACES["1098765432"],
        "15",
        with_map=False,
        padded=True,
        coddivipol=Coddivipol.WHOLE,
        puesto="ESCUELA NORMAL SUPERIOR",
        direccion="CALLE 36 # 27-52",
    ),
    # Found at real places of the 2026 list, named as the list writes them.
    "71000001": _found(
        "71000001",
        FIXTURE_PLACES["71000001"],
        "4",
        with_map=True,
        padded=False,
        coddivipol=Coddivipol.ABSENT,
    ),
    "71000002": _found(
        "71000002",
        FIXTURE_PLACES["71000002"],
        9,
        with_map=False,
        padded=True,
        coddivipol=Coddivipol.WHOLE,
    ),
    "71000003": _found(
        "71000003",
        FIXTURE_PLACES["71000003"],
        "13",
        with_map=True,
        padded=False,
        coddivipol=Coddivipol.MUNICIPIO,
    ),
    # A consulate: the list gives no address.
    "71000004": _found(
        "71000004",
        FIXTURE_PLACES["71000004"],
        2,
        with_map=True,
        padded=False,
        coddivipol=Coddivipol.WHOLE,
    ),
    # A place the list does not have.
    "71000009": _found(
        "71000009",
        UNLISTED,
        "6",
        with_map=False,
        padded=False,
        coddivipol=Coddivipol.ABSENT,
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
    # Where a found document votes (None otherwise), with its code.
    place: Puesto | None = None

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
        """The puesto's code within its zona (only eleccionescolombia shows it): ``pp``."""
        return self.place.code[7:] if self.place else f"{_digest(self.nuip)[13] % 30 + 1:02d}"

    @property
    def zone(self) -> str:
        return self.place.code[5:7] if self.place else f"{_digest(self.nuip)[14] % 9 + 1:02d}"

    @property
    def state(self) -> str:
        """The departamento as eleccionescolombia writes it: in full where the list
        shortens it ("VALLE DEL CAUCA")."""
        departamento = str(self.record["data"]["nom_depto"]).strip()
        return DEPARTAMENTOS_IN_FULL.get(departamento, departamento)


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
    place = _place_of(nuip) if standing is Standing.FOUND else None
    return Entry(nuip, standing, record, place)


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
    mesa_number = digest[7] % 40 + 1
    # The portal sends the mesa sometimes as a number, sometimes as text.
    mesa: str | int = mesa_number if digest[8] % 2 else str(mesa_number)
    return _found(
        nuip,
        _place_of(nuip),
        mesa,
        with_map=digest[10] % 4 != 0,
        padded=digest[11] % 5 == 0,
        coddivipol=list(Coddivipol)[digest[13] % len(Coddivipol)],
    )


def _place_of(nuip: str) -> Puesto:
    """Where a found document votes: its fixture's place, else a listed one by its hash."""
    if nuip in FIXTURE_PLACES:
        return FIXTURE_PLACES[nuip]
    return LISTED[_digest(nuip)[2] % len(LISTED)]


ELECTIONS: tuple[dict[str, Any], ...] = (
    {"value": 0, "label": "Lugar de votación actual"},
    {"value": 1, "label": "Elecciones de Congreso 2026"},
    {"value": 2, "label": "Elección Presidencial 2026 - Primera vuelta"},
)
