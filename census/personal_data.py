"""What the census app holds about a person, as a section of /perfil/mis-datos/: their
lookup, where its answer came from and when, and the raw answer kept for operators (in
the download; the page says only that it is kept, and how long)."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from accounts.privacy.data_sections import DataSection, Fact, Told, add_data_section, when
from cedula_domain import AnswerSource, LookupStatus
from census.models import CedulaInfo
from census.presenter import SOURCE_WORDS, STATUS_WORDS
from pagina_madre.bootstrap.census_lookup import census_config

# Who gave the answer, said to the person it is about.
SOURCE_TOLD = {
    AnswerSource.REGISTRADURIA: "La página de la Registraduría, que consultamos por ti",
    AnswerSource.PERSON: "Tú nos lo contaste",
    AnswerSource.OPERATOR: "Lo escribió el equipo del portal",
}


def census_lookup(user: CustomUser) -> dict[str, Any] | None:
    info = CedulaInfo.objects.filter(user=user).first()
    if info is None:
        return None
    return {
        "estado": STATUS_WORDS[LookupStatus(info.status)],
        "origen_del_dato": SOURCE_WORDS[AnswerSource(info.source)] if info.source else None,
        "solicitada_el": info.requested_at,
        "respondida_el": info.fetched_at,
        "intentos": info.attempts,
        "lugar_de_votación": (
            {
                "departamento": info.departamento,
                "municipio": info.municipio,
                "puesto": info.puesto,
                "dirección": info.direccion,
                "mesa": info.mesa,
            }
            if info.departamento
            else None
        ),
        "novedad_de_la_cédula": (
            {
                "novedad": info.novedad,
                "resolución": info.resolucion,
                "fecha": info.fecha_novedad,
                # Otherwise the novedad cancels the cédula.
                "cédula_vigente_sin_derecho_a_votar": info.voting_restricted,
            }
            if info.novedad or info.voting_restricted
            else None
        ),
        # Kept for operators to check the answer, until the evidence's retention ends.
        "respuesta_original_guardada": info.evidence or None,
    }


def census_lookup_told(user: CustomUser) -> Told | None:
    info = CedulaInfo.objects.filter(user=user).first()
    if info is None:
        return None
    facts = [Fact(label="Resultado", text=STATUS_WORDS[LookupStatus(info.status)])]
    if info.departamento:
        place = ", ".join(
            part
            for part in (info.puesto, info.direccion, info.municipio, info.departamento)
            if part
        )
        facts.append(Fact(label="Dónde votas", text=f"{place}; mesa {info.mesa or '—'}"))
    if info.novedad or info.voting_restricted:
        facts.append(Fact(label="Novedad de tu cédula", text=_novelty(info)))
    if info.source:
        facts.append(Fact(label="De dónde salió", text=SOURCE_TOLD[AnswerSource(info.source)]))
    facts += [
        Fact(label="Desde", text=f"Pedimos la consulta el {when(info.requested_at)}."),
        Fact(label="Respuesta", text=when(info.fetched_at, never="Todavía no hay respuesta")),
    ]
    if info.evidence:
        days = census_config().evidence_retention.days
        facts.append(
            Fact(
                label="Copia de la respuesta",
                text=(
                    f"Guardamos la respuesta original {days} días, para revisar errores; "
                    "está en la copia que descargas."
                ),
            )
        )
    return Told(
        facts=tuple(facts),
        why="Para mostrarte dónde votas, o lo que la Registraduría dice de tu cédula.",
        seen_by="Tú y el equipo del portal.",
    )


def _novelty(info: CedulaInfo) -> str:
    said = info.novedad or "Vigente, sin derecho a votar"
    details = ", ".join(
        part
        for part in (
            f"resolución {info.resolucion}" if info.resolucion else "",
            f"del {info.fecha_novedad}" if info.fecha_novedad else "",
        )
        if part
    )
    return f"{said} ({details})" if details else said


add_data_section(
    DataSection(
        "consulta_del_censo",
        "Tu consulta del censo electoral",
        census_lookup,
        census_lookup_told,
    )
)
