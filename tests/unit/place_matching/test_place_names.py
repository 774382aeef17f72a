"""How names of places are made comparable: the plain key stored for queries, and the
words the matching rule compares."""

from __future__ import annotations

import pytest

from cedula_domain import name_key
from cedula_domain.place_names import departamento_words, distinctive_words, puesto_words


def test_the_plain_key_drops_accents_punctuation_case_and_stray_spaces():
    assert name_key("  Bogotá,  D.C. ") == name_key("BOGOTA. D.C.") == "BOGOTA D C"
    assert name_key("Nariño") == "NARINO"


def test_the_plain_key_keeps_every_word_so_that_typing_finds_it():
    assert name_key("COL. SAN JOSE DE LAS VEGAS") == "COL SAN JOSE DE LAS VEGAS"
    assert name_key("INST.EDUC. LA CANDELARIA") == "INST EDUC LA CANDELARIA"


@pytest.mark.parametrize(
    "written",
    [
        "SEC. ESC. LA ESPERANZA No 2",
        "SEC ESC LA ESPERANZA # 2",
        "Sección Escuela La Esperanza N° 2",
        "SECCION ESCUELA LA ESPERANZA Nº 2",
        "SEC.ESC. LA ESPERANZA NRO. 2",
        "sec esc la esperanza no2",
        "SEC. ESC.  LA  ESPERANZA  N.2 ",
    ],
)
def test_a_number_reads_the_same_however_it_is_marked(written):
    assert puesto_words(written) == ("SEC", "ESC", "LA", "ESPERANZA", "2")


@pytest.mark.parametrize(
    "written",
    [
        "INST.EDUC. LA CANDELARIA",
        "INSTITUCION EDUCATIVA LA CANDELARIA",
        "Institución Educativa La Candelaria",
        "I.E. LA CANDELARIA",
        "I.E LA CANDELARIA",
        "IE LA CANDELARIA",
        "INS. EDUC. LA CANDELARIA",
        "INST EDUCATIVA LA CANDELARIA",
    ],
)
def test_an_institucion_educativa_reads_the_same_however_it_is_abbreviated(written):
    assert puesto_words(written) == ("IE", "LA", "CANDELARIA")


def test_initials_are_one_word_however_they_are_dotted_or_spaced():
    assert puesto_words("IE SAN JOSE C I P") == puesto_words("I.E. SAN JOSE C.I.P.")
    assert puesto_words("I.E.FE Y ALEGRIA SAN JOSE") == ("IE", "FE", "Y", "ALEGRIA", "SAN", "JOSE")


def test_a_kind_of_place_written_in_full_or_short_is_one_word():
    assert puesto_words("COL. SAN JOSE DE LAS VEGAS") == puesto_words(
        "COLEGIO SAN JOSE DE LAS VEGAS"
    )
    assert puesto_words("ESC. URBANA MIXTA") == puesto_words("ESCUELA URB MIXTA")
    assert puesto_words("CENTRO EDUCATIVO MARCO FIDEL SUAREZ") == ("CE", "MARCO", "FIDEL", "SUAREZ")


def test_a_kind_with_its_qualifier_is_one_word_too():
    assert puesto_words("INSTITUCION EDUCATIVA DISTRITAL LA MERCED")[0] == "IED"
    assert puesto_words("I.E.D. LA MERCED")[0] == "IED"
    assert puesto_words("IE RURAL EL PLACER")[0] == puesto_words("I.E.R. EL PLACER")[0] == "IER"
    assert puesto_words("CENTRO EDUCATIVO RURAL LA PAZ")[0] == puesto_words("C.E.R. LA PAZ")[0]


def test_eleccionescolombias_puesto_code_before_the_name_is_not_part_of_it():
    assert puesto_words("02 - IE SAN JOSE C I P") == puesto_words("IE SAN JOSE C I P")
    assert puesto_words("A1 -  IE SAN JOSE") == puesto_words("IE SAN JOSE")


def test_a_name_that_starts_with_a_number_keeps_it():
    assert puesto_words("20 DE JULIO SEDE A") == ("20", "DE", "JULIO", "SD", "A")
    assert puesto_words("Madrid - Consulado") == ("MADRID", "CONSULADO")


def test_the_distinctive_words_leave_out_the_kind_of_place_and_the_small_words():
    assert distinctive_words(puesto_words("COLEGIO SAN JOSE DE LA SALLE")) == (
        "SAN",
        "JOSE",
        "SALLE",
    )
    assert distinctive_words(puesto_words("ESC NORMAL SUPERIOR SEDE A")) == (
        "NORMAL",
        "SUPERIOR",
        "A",
    )


def test_a_departamento_reads_as_the_list_writes_it():
    assert (
        departamento_words("Bogotá D.C.")
        == departamento_words("BOGOTA D.C.")
        == ("BOGOTA", "D", "C")
    )
    assert departamento_words("Bogotá Distrito Capital") == ("BOGOTA", "D", "C")
    assert departamento_words("Guajira") == ("LA", "GUAJIRA")
    assert departamento_words("N. Santander") == ("NORTE", "DE", "SANTANDER")
    assert departamento_words("VALLE DEL CAUCA") == ("VALLE", "DEL", "CAUCA")
