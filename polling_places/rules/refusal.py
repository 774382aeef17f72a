"""Why a row of a DIVIPOLE file was left out, told to the operator who loads it."""

from __future__ import annotations

import enum

from attrs import frozen


class RefusalKind(enum.Enum):
    CODE = "code"  # a dd/mm/zz/pp code of the wrong shape
    NAME = "name"  # no departamento, municipio or puesto name
    DUPLICATE = "duplicate"  # a code already given by an earlier row
    MALFORMED_POINT = "malformed_point"  # a coordinate that is no plain decimal number
    OUTSIDE_COLOMBIA = "outside_colombia"  # a point outside Colombia's bounding box
    AMBIGUOUS = "ambiguous"  # a name that fits several places, so no place gets its point


@frozen
class Refusal:
    """A row of a file (``line`` as an editor numbers it, the header being line 1) left out,
    and why, in plain Spanish."""

    line: int
    kind: RefusalKind
    reason: str
