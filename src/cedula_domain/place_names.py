"""Names of places as the official list and the portals write them, made comparable.

"Bogotá D.C." and "BOGOTA. D.C.", "I.E. San José No 2" and "INST.EDUC. SAN JOSE # 2":
the same place, written by different hands. ``name_key`` is the plain form the loader
stores beside each name, so that a query finds a municipio and typing filters puestos;
``puesto_words`` and ``departamento_words`` go further, for the matching rule only: a
stored key must keep every word a person may start typing ("COL" finds COLISEO too), while
the rule must see "COLEGIO" and "COL." as one word.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NOT_A_WORD = re.compile(r"[^A-Z0-9]+")
# Where a word of letters meets a number ("No2", "SD2", "ESC.No38"), the two are words.
_LETTERS_MEET_DIGITS = re.compile(r"(?<=[A-Z])(?=[0-9])|(?<=[0-9])(?=[A-Z])")
# eleccionescolombia's puesto code before the name: "02 - IE SAN JOSE C I P", "A1 - …".
_LEADING_CODE = re.compile(r"^\s*[A-Za-z]?[0-9]{1,2}\s*-\s*")
# What stands for "number" before one: "No 2", "N° 2", "Nº 2", "NRO. 2", "N.1" ("# 2" is
# punctuation already).
_NUMBER_MARKS = frozenset({"N", "NO", "NRO", "NUM", "NUMERO"})

# One spelling for each word the list and the portals abbreviate. Short forms, so that
# an abbreviation met alone ("ESC") reads as its word.
_WORDS = {
    "COLEGIO": "COL",
    "COLEG": "COL",
    "ESCUELA": "ESC",
    "SECCION": "SEC",
    "INSTITUCION": "INST",
    "INSTITUTO": "INST",
    "INSTIT": "INST",
    "INSTI": "INST",
    "INS": "INST",
    "EDUCATIVA": "EDUC",
    "EDUCATIVO": "EDUC",
    "CENTRO": "CENT",
    "CEN": "CENT",
    "CONCENTRACION": "CONC",
    "SEDE": "SD",
    "TECNICO": "TEC",
    "TECNICA": "TEC",
    "TECN": "TEC",
    "NACIONAL": "NAL",
    "DEPARTAMENTAL": "DPTAL",
    "DEPTAL": "DPTAL",
    "DISTRITAL": "DTAL",
    "DIST": "DTAL",
    "MUNICIPAL": "MPAL",
    "SANTA": "STA",
    "SANTO": "STO",
    "NUESTRA": "NTRA",
    "SENORA": "SRA",
    "PRINCIPAL": "PPAL",
    "GENERAL": "GRAL",
    "UNIVERSIDAD": "UNIV",
    "UNIVER": "UNIV",
    "FRANCISCO": "FCO",
    "URBANA": "URB",
    "URBANO": "URB",
}
# Two words that name one kind of place: "INST EDUC" (institución educativa) is "IE", and
# so on; a pair that yields a word may pair again ("IE" "DTAL" is "IED").
_PAIRS = {
    ("INST", "EDUC"): "IE",
    ("CENT", "EDUC"): "CE",
    ("IE", "DTAL"): "IED",
    ("IE", "RURAL"): "IER",
    ("CE", "RURAL"): "CER",
}
# What says which kind of place a puesto is rather than which one it is, and the small
# words people leave out: "Colegio Santa Librada" is the list's "IE SANTA LIBRADA".
KIND_WORDS = frozenset(
    {"IE", "IED", "IER", "CE", "CER", "COL", "ESC", "SEC", "CONC", "INST", "EDUC", "SD"}
)
SMALL_WORDS = frozenset({"DE", "DEL", "LA", "EL", "LOS", "LAS", "Y"})

# Departamentos the list names otherwise than the portals and people do, beyond a
# shortening ("VALLE" for "VALLE DEL CAUCA", "NORTE DE SAN" for "NORTE DE SANTANDER").
_DEPARTAMENTOS = {
    "GUAJIRA": "LA GUAJIRA",
    "BOGOTA DISTRITO CAPITAL": "BOGOTA D C",
    "DISTRITO CAPITAL": "BOGOTA D C",
    "SANTAFE DE BOGOTA": "BOGOTA D C",
    "N SANTANDER": "NORTE DE SANTANDER",
    "ARCHIPIELAGO DE SAN ANDRES PROVIDENCIA Y SANTA CATALINA": "SAN ANDRES",
}


def name_key(text: str) -> str:
    """Upper case, without accents, punctuation or runs of spaces ("Nº" is "NO")."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_A_WORD.sub(" ", letters.upper()).strip()


# The rule compares an answer with every puesto of its municipio (Bogotá has 1,083).
@functools.lru_cache(maxsize=32_768)
def puesto_words(text: str) -> tuple[str, ...]:
    """A puesto's name as the matching rule compares it: ``name_key``'s words without a
    leading puesto code ("02 - ") or the mark of a number ("No 2", "# 2" are "2"), with
    initials joined ("I.E." is "IE", "C I P" is "CIP") and each abbreviation one word
    ("INST.EDUC.", "INSTITUCION EDUCATIVA" and "I.E." are all "IE")."""
    key = _LETTERS_MEET_DIGITS.sub(" ", name_key(_LEADING_CODE.sub("", text)))
    words = [_WORDS.get(word, word) for word in _joined_initials(_unmarked(key.split()))]
    return tuple(_paired(words))


def distinctive_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that tell one puesto from another: without its kind or small words."""
    return tuple(word for word in words if word not in KIND_WORDS | SMALL_WORDS)


@functools.lru_cache(maxsize=256)
def departamento_words(text: str) -> tuple[str, ...]:
    """A departamento's name as the matching rule compares it: its ``name_key``, in the
    list's spelling where the list names it otherwise."""
    key = name_key(text)
    return tuple(_DEPARTAMENTOS.get(key, key).split())


def _unmarked(words: list[str]) -> list[str]:
    return [
        word
        for word, following in zip(words, [*words[1:], ""], strict=True)
        if not (word in _NUMBER_MARKS and following[:1].isdigit())
    ]


def _joined_initials(words: list[str]) -> list[str]:
    joined: list[str] = []
    for word, previous in zip(words, ["", *words[:-1]], strict=True):
        if len(word) == 1 and len(previous) == 1 and word.isalpha() and previous.isalpha():
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _paired(words: list[str]) -> list[str]:
    paired: list[str] = []
    for word in words:
        pair = _PAIRS.get((paired[-1], word)) if paired else None
        if pair is None:
            paired.append(word)
        else:
            paired[-1] = pair
    return paired
