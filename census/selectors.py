"""Reading a person's census lookup for the pages."""

from __future__ import annotations

from accounts.models import CustomUser
from cedula_domain import Cedula, LookupRecord
from pagina_madre.bootstrap import lookup_service


def census_record(user: CustomUser) -> LookupRecord:
    return lookup_service().current(Cedula(user.cedula))
