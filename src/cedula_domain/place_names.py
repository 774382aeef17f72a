"""Names of places as the official list and the portals write them, made comparable.

"Bogotá D.C." and "BOGOTA. D.C.", "I.E. San José No 2" and "INST.EDUC. SAN JOSE # 2":
the same place, written by different hands. ``name_key`` is what the matching rule
compares, and what the loader stores beside each name so a query can find it.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_A_WORD = re.compile(r"[^A-Z0-9]+")


def name_key(text: str) -> str:
    """Upper case, without accents, punctuation or runs of spaces."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_A_WORD.sub(" ", letters).strip()
