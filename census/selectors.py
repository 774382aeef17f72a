"""Reading a person's census lookup for the pages."""

from __future__ import annotations

from accounts.models import CustomUser
from cedula_domain import Cedula, LookupRecord, PlaceInLine, RefreshDecision, WayForward
from pagina_madre.bootstrap import lookup_service


def census_record(user: CustomUser) -> LookupRecord:
    return lookup_service().current(Cedula(user.cedula))


def census_line(user: CustomUser) -> PlaceInLine | None:
    return lookup_service().place_in_line(Cedula(user.cedula))


def census_way_forward(user: CustomUser, record: LookupRecord) -> WayForward | None:
    """Whether the person may finish their lookup (``record``) themselves now, and why.
    Not before their phone is verified: until then there is no lookup to finish."""
    if user.awaits_phone_verification:
        return None
    return lookup_service().way_forward(record)


def census_refresh_decision(user: CustomUser) -> RefreshDecision:
    """Whether "Volver a consultar" would be accepted now, and if not, from when."""
    return lookup_service().refresh_decision(Cedula(user.cedula))
