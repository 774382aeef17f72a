"""Small real excerpts of the shipped DIVIPOLE files, written where a test loads them.

Rows are named by their line in the shipped file, so an excerpt is the real thing: what
each line holds is said beside it.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from polling_places.shipped import shipped_list

# Lines of the 2026 list.
LIST_LINES = {
    "esperanza": 2,  # 01-001-01-01 Medellín, SEC. ESC. LA ESPERANZA No 2: a point in 2023
    "candelaria": 3,  # 01-001-01-02 Medellín, INST.EDUC. LA CANDELARIA: a point
    "san_antonio": 239,  # 01-001-99-A1 Medellín, IE SAN ANTONIO DE PRADO: a letter, a point
    "esmeralda": 1330,  # 03-001-13-02 Barranquilla, IED LA ESMERALDA: 2023 wrote 10,965,899
    "san_jose": 5916,  # 16-001-09-39 Bogotá, SAN JOSE: two points of that name in 2023
    "guachal_44": 8349,  # 23-139-99-44 Tumaco, GUACHAL LAS BRISAS, one of two of that name
    "guachal_w9": 8504,  # 23-139-99-W9 Tumaco, GUACHAL LAS BRISAS, the other
    "bolivariano": 13258,  # 56-001-01-01 San Andrés, INSTITUTO BOLIVARIANO: a point at sea
    "cumaribo": 13464,  # 72-006-99-11 Cumaribo, "COM. SAN JUAN DEL MORRO RESG, UNUMA"
    "manaos": 13534,  # 88-220-15-02 the consulate in Manaos: no address
}
# Lines of the 2023 geo-referenced list.
POINT_LINES = {
    "esperanza": 2,
    "candelaria": 3,
    "san_antonio": 229,
    "yerbal": 416,  # Betulia, YERBAL: longitude -795.98, outside Colombia
    "esmeralda": 1252,  # latitude 10,965,899
    "san_jose_fontibon": 5617,
    "san_jose_rafael_uribe": 5985,
    "guachal_costa_norte": 7926,
    "guachal_rio_mira": 8080,
    "bolivariano": 12683,
}


@cache
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(gzip.decompress(path.read_bytes()).decode("utf-8").splitlines())


def list_lines(*names: str) -> list[str]:
    """The header and the named rows of the 2026 list, as the file writes them."""
    lines = _lines(shipped_list().list_file)
    return [lines[0], *(lines[LIST_LINES[name] - 1] for name in names or LIST_LINES)]


def point_lines(*names: str) -> list[str]:
    lines = _lines(shipped_list().coordinates_file)
    return [lines[0], *(lines[POINT_LINES[name] - 1] for name in names or POINT_LINES)]


def write_file(path: Path, lines: Iterable[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
