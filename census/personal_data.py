"""What the census app holds about a person, as a section of /perfil/mis-datos/: their
lookup, where its answer came from and when, and the raw answer kept for operators."""

from __future__ import annotations

from typing import Any

from accounts.models import CustomUser
from accounts.privacy.data_sections import DataSection, add_data_section
from cedula_domain import AnswerSource, LookupStatus
from census.models import CedulaInfo
from census.presenter import SOURCE_WORDS, STATUS_WORDS


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


add_data_section(
    DataSection("consulta_del_censo", "Tu consulta del censo electoral", census_lookup)
)
