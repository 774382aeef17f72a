"""The official place an answer is, on rows of the real 2026 list: codes first, then the
municipio in its departamento, then the puesto by its closest likeness; never a guess."""

from __future__ import annotations

import pytest
from attrs import evolve

from cedula_domain import (
    Candidates,
    PlaceCode,
    PlaceMatch,
    Unmatched,
    VotingPlace,
    code_named,
    match_place,
)
from unit.place_matching.real_rows import (
    BARRANQUILLA,
    BOGOTA,
    BUCARAMANGA,
    CODEBA,
    DIVINA_PASTORA,
    FE_Y_ALEGRIA,
    GUAIMARAL,
    JAVIERA,
    JULIO_SANIN,
    LA_CANDELARIA,
    LA_ESPERANZA,
    LA_MERCED,
    MADRID,
    MAGANGUE,
    MEDELLIN,
    NACIONAL,
    NORMAL_A,
    NORMAL_C,
    RIONEGRO,
    SAN_JOSE_1,
    SAN_JOSE_2,
    SAN_JOSE_CIP,
    SAN_JOSE_EDEN,
    SANTA_LIBRADA,
    SINCELEJO,
    TUMACO,
)


def answer(departamento: str, municipio: str, puesto: str, **more: str) -> VotingPlace:
    return VotingPlace(
        departamento=departamento,
        municipio=municipio,
        puesto=puesto,
        direccion="",
        mesa="7",
        **more,
    )


def of(*places) -> Candidates:
    return Candidates(of_municipio=tuple(places))


def found(place) -> PlaceMatch:
    return PlaceMatch.found(place)


def test_without_a_list_nothing_matches():
    assert match_place(answer("ANTIOQUIA", "MEDELLIN", "IE LA CANDELARIA"), None) == (
        PlaceMatch.missing(Unmatched.NO_LIST)
    )


def test_the_place_a_whole_code_names_is_the_answers_whatever_its_words():
    told = answer("Antioquia", "Medellín", "la esperanza", coddivipol="010010101")

    assert match_place(told, Candidates(of_municipio=MEDELLIN, named_by_code=LA_ESPERANZA)) == (
        found(LA_ESPERANZA)
    )


def test_a_whole_code_is_read_as_dd_mm_zz_pp():
    assert code_named(" 2313999w9 ") == PlaceCode("23", "139", "99", "W9")


@pytest.mark.parametrize("sent", ["", "16000101", "1100101", "0100101010", "01-001-01-01"])
def test_anything_else_sent_as_a_code_names_no_place(sent):
    assert code_named(sent) is None


@pytest.mark.parametrize(
    ("puesto", "official"),
    [
        ("SEC. ESC. LA ESPERANZA No 2", LA_ESPERANZA),
        ("Sección Escuela La Esperanza # 2", LA_ESPERANZA),
        ("  SEC ESC  LA ESPERANZA N° 2 ", LA_ESPERANZA),
        ("INST.EDUC. LA CANDELARIA", LA_CANDELARIA),
        ("Institución Educativa La Candelaria", LA_CANDELARIA),
        ("IE LA CANDELARIA", LA_CANDELARIA),
        ("INSTITUCION EDUCATIVA JAVIERA LONDOÑO", JAVIERA),
        ("I.E. Fe y Alegría San José", FE_Y_ALEGRIA),
    ],
)
def test_a_puesto_written_another_way_is_the_lists(puesto, official):
    assert match_place(answer("ANTIOQUIA", "MEDELLIN", puesto), of(*MEDELLIN)) == found(official)


def test_the_same_words_go_before_a_longer_name_that_starts_with_them():
    # "I.E. JAVIERA LONDOÑO SEVILLA" starts with them too.
    told = answer("ANTIOQUIA", "MEDELLIN", "IE Javiera Londoño")

    assert match_place(told, of(*MEDELLIN)) == found(JAVIERA)


def test_a_name_without_its_kind_of_place_fits_when_only_one_place_has_its_words():
    told = answer("VALLE DEL CAUCA", "CALI", "COLEGIO SANTA LIBRADA")

    assert match_place(told, of(SANTA_LIBRADA)) == found(SANTA_LIBRADA)


def test_small_words_left_out_still_fit():
    told = answer("ATLANTICO", "BARRANQUILLA", "COLEGIO DE BARRANQUILLA CODEBA")

    assert match_place(told, of(*BARRANQUILLA)) == found(CODEBA)


def test_a_qualified_kind_reads_the_same_in_full():
    told = answer("ATLANTICO", "BARRANQUILLA", "I.E.D. LA MERCED")

    assert match_place(told, of(*BARRANQUILLA)) == found(LA_MERCED)


def test_the_start_of_a_longer_name_fits_when_only_one_place_starts_so():
    told = answer("Bogotá D.C.", "BOGOTA D.C.", "Universidad Nacional")

    assert match_place(told, of(*BOGOTA)) == found(NACIONAL)


def test_a_longer_name_fits_the_lists_shorter_one():
    told = answer("LA GUAJIRA", "RIOHACHA", "INSTITUCION EDUCATIVA DIVINA PASTORA SEDE PRINCIPAL")

    assert match_place(told, of(DIVINA_PASTORA)) == found(DIVINA_PASTORA)


def test_one_word_in_common_at_the_start_is_not_enough():
    told = answer("Bogotá D.C.", "BOGOTA D.C.", "UNIVERSIDAD")

    assert match_place(told, of(*BOGOTA)) == PlaceMatch.missing(Unmatched.PUESTO)


def test_ie_san_jose_is_the_one_place_of_that_name_even_beside_one_that_starts_so():
    told = answer("SUCRE", "SINCELEJO", "IE San José")

    assert match_place(told, of(*SINCELEJO)) == found(SAN_JOSE_EDEN)


def test_eleccionescolombias_stand_is_read_without_its_code():
    told = answer("SUCRE", "SINCELEJO", "02 - IE SAN JOSE C I P")

    assert match_place(told, of(*SINCELEJO)) == found(SAN_JOSE_CIP)


def test_several_places_that_start_alike_make_the_answer_ambiguous_never_a_guess():
    # SEC ESC SAN JOSE (…), COLEGIO SAN JOSE DE LA SALLE, COL. SAN JOSE DE LAS VEGAS …
    told = answer("ANTIOQUIA", "MEDELLIN", "IE San José")

    assert match_place(told, of(*MEDELLIN)) == PlaceMatch.missing(Unmatched.AMBIGUOUS)


def test_two_places_the_list_names_alike_make_the_answer_ambiguous():
    told = answer("NARIÑO", "TUMACO", "GUACHAL LAS BRISAS")

    assert match_place(told, of(*TUMACO)) == PlaceMatch.missing(Unmatched.AMBIGUOUS)


def test_a_number_tells_two_places_of_the_same_name_apart():
    assert match_place(answer("BOLIVAR", "MAGANGUE", "IE SAN JOSE # 2"), of(*MAGANGUE)) == (
        found(SAN_JOSE_2)
    )
    assert match_place(answer("BOLIVAR", "MAGANGUE", "I.E. San José No 1"), of(*MAGANGUE)) == (
        found(SAN_JOSE_1)
    )


def test_without_its_number_a_name_two_places_share_is_ambiguous():
    told = answer("BOLIVAR", "MAGANGUE", "IE SAN JOSE")

    assert match_place(told, of(*MAGANGUE)) == PlaceMatch.missing(Unmatched.AMBIGUOUS)


def test_the_puesto_code_a_portal_gives_tells_places_of_one_name_apart():
    told = answer("SANTANDER", "BUCARAMANGA", "ESCUELA NORMAL SUPERIOR", puesto_code="2")

    assert match_place(told, of(*BUCARAMANGA)) == found(NORMAL_C)


def test_the_zona_a_portal_gives_must_be_the_places_too():
    told = answer("SANTANDER", "BUCARAMANGA", "ESCUELA NORMAL SUPERIOR", puesto_code="01")

    assert match_place(told, of(*BUCARAMANGA)) == found(NORMAL_A)
    assert match_place(evolve(told, zona="14"), of(*BUCARAMANGA)) == found(NORMAL_A)
    assert match_place(evolve(told, zona="3"), of(*BUCARAMANGA)) == (
        PlaceMatch.missing(Unmatched.AMBIGUOUS)
    )


def test_a_puesto_code_never_stands_for_a_name_that_does_not_fit():
    told = answer("SANTANDER", "BUCARAMANGA", "COLISEO", puesto_code="01")

    assert match_place(told, of(*BUCARAMANGA)) == PlaceMatch.missing(Unmatched.PUESTO)


def test_no_puesto_of_that_name_in_the_municipio_is_said_so():
    told = answer("BOGOTA D.C.", "BOGOTA D.C.", "CORFERIAS")

    assert match_place(told, of(*BOGOTA)) == PlaceMatch.missing(Unmatched.PUESTO)


def test_the_departamento_tells_two_municipios_of_one_name_apart():
    told = answer("ANTIOQUIA", "RIONEGRO", "I.E. JULIO SANIN")

    assert match_place(told, of(*RIONEGRO)) == found(JULIO_SANIN)
    assert match_place(evolve(told, departamento="SANTANDER"), of(*RIONEGRO)) == (
        PlaceMatch.missing(Unmatched.PUESTO)
    )


@pytest.mark.parametrize("departamento", ["Norte de Santander", "N. SANTANDER", "NORTE DE SAN"])
def test_a_departamento_the_list_shortens_is_the_same(departamento):
    told = answer(departamento, "Cúcuta", "COLEGIO BASICO GUAIMARAL No 25")

    assert match_place(told, of(GUAIMARAL)) == found(GUAIMARAL)


def test_a_departamento_that_fits_exactly_goes_before_one_that_fits_shortened():
    exact = evolve(
        SANTA_LIBRADA, code=PlaceCode("99", "001", "04", "03"), departamento="VALLE DEL CAUCA"
    )
    told = answer("VALLE DEL CAUCA", "CALI", "IE SANTA LIBRADA")

    assert match_place(told, of(SANTA_LIBRADA, exact)) == found(exact)


def test_a_departamento_that_fits_two_municipios_equally_matches_neither():
    other = evolve(
        SANTA_LIBRADA, code=PlaceCode("99", "001", "04", "03"), departamento="VALLE BAJO"
    )
    told = answer("VALLE", "CALI", "IE SANTA LIBRADA")

    assert match_place(told, of(evolve(SANTA_LIBRADA, departamento="VALLE ALTO"), other)) == (
        PlaceMatch.missing(Unmatched.MUNICIPIO)
    )


def test_a_municipio_outside_the_departamento_matches_nothing():
    # As typed before the list: "Bogotá D.C." with the municipio of another departamento.
    told = answer("Bogotá D.C.", "MEDELLIN", "SEC. ESC. LA ESPERANZA No 2")

    assert match_place(told, of(*MEDELLIN)) == PlaceMatch.missing(Unmatched.MUNICIPIO)


def test_a_municipio_the_list_does_not_have_matches_nothing():
    assert match_place(answer("ANTIOQUIA", "ATLANTIDA", "IE"), of()) == (
        PlaceMatch.missing(Unmatched.MUNICIPIO)
    )


def test_a_consulate_without_an_address_matches_by_its_name():
    told = answer("CONSULADOS", "ESPAÑA", "MADRID - CONSULADO")

    assert match_place(told, of(MADRID)) == found(MADRID)
