"""A valid cédula whose holder may not vote: what the census says instead of a place."""

from __future__ import annotations

from attrs import frozen


@frozen(kw_only=True)
class Restriction:
    """Not a cancellation: the cédula stays valid, and the restriction can end (political
    rights suspended by a sentence come back once it is served). Kept as text, as the
    census gives it ("Vigente con pérdida o suspensión de los derechos políticos")."""

    reason: str
    resolucion: str = ""
    fecha: str = ""
