"""A cédula the census reports as cancelled (a "novedad")."""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class Cancellation:
    """Kept as text, as the census gives it: the reasons and dates vary in wording."""

    novedad: str
    resolucion: str = ""
    fecha: str = ""
