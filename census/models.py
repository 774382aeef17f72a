"""The stored census lookups.

What a row stores is named by the domain (its enums' values, ``OUTCOME_NAMES``) and never
follows the wording: the Spanish words are ``census.presenter``'s, shown by the admin.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import evolve
from django.conf import settings
from django.db import models

from cedula_domain import (
    OUTCOME_NAMES,
    AnswerSource,
    BlockKind,
    BreakerState,
    Coordinates,
    FailureKind,
    LookupStatus,
    OfficialPlace,
    PlaceCode,
    PlaceMatch,
    Priority,
    Unmatched,
    VotingPlace,
)
from polling_places.models import PollingPlace


def _codes(members: Iterable[enum.Enum]) -> list[tuple[str | int, str]]:
    """Field choices: each domain code, labelled as itself."""
    return [(member.value, str(member.value)) for member in members]


class CedulaInfo(models.Model):
    """The stored state of a person's census lookup: the domain's LookupRecord as a row.

    Rules live in ``cedula_domain``; this table only keeps what the repository adapter
    writes, with ``version`` for its compare-and-set updates.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cedula_info",
        verbose_name="usuario",
    )
    # A copy of the user's cédula: the lookup is keyed by it, and conditional updates
    # filter on it without a join.
    cedula = models.CharField("cédula", max_length=10, unique=True)
    status = models.CharField("estado", max_length=12, choices=_codes(LookupStatus))
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    next_attempt_at = models.DateTimeField("próximo intento", null=True, blank=True)
    lease_expires_at = models.DateTimeField("reservada hasta", null=True, blank=True)
    last_failure_kind = models.CharField(
        "último fallo", max_length=12, choices=_codes(FailureKind), blank=True
    )
    last_block_kind = models.CharField(
        "tipo de bloqueo", max_length=12, choices=_codes(BlockKind), blank=True
    )
    last_failure_message = models.TextField("detalle del último fallo", blank=True)
    requested_at = models.DateTimeField("solicitada el")
    priority = models.PositiveSmallIntegerField(
        "prioridad",
        choices=_codes(Priority),
        default=Priority.FIRST.value,
    )
    fetched_at = models.DateTimeField("respondida el", null=True, blank=True)
    # Blank while there is no answer yet.
    source = models.CharField(
        "origen del dato", max_length=13, choices=_codes(AnswerSource), blank=True
    )

    departamento = models.CharField(max_length=100, blank=True)
    municipio = models.CharField(max_length=100, blank=True)
    puesto = models.CharField(max_length=200, blank=True)
    direccion = models.CharField("dirección", max_length=200, blank=True)
    mesa = models.CharField(max_length=20, blank=True)
    coddivipol = models.CharField("código DIVIPOL", max_length=20, blank=True)
    latitud = models.FloatField(null=True, blank=True)
    longitud = models.FloatField(null=True, blank=True)
    # The answer's place in the official list (cedula_domain.PlaceMatch): the place it
    # matched, or why none (blank on both while there is no place or it was never matched).
    polling_place = models.ForeignKey(
        "polling_places.PollingPlace",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="puesto oficial",
    )
    place_unmatched = models.CharField(
        "sin puesto oficial porque", max_length=12, choices=_codes(Unmatched), blank=True
    )

    # The census's novelty: a cancellation, or (voting_restricted) a restriction that leaves
    # the cédula valid and its holder unable to vote. The status cannot tell them apart
    # while a refresh runs, and the last answer stays shown.
    novedad = models.CharField(max_length=200, blank=True)
    resolucion = models.CharField("resolución", max_length=100, blank=True)
    fecha_novedad = models.CharField("fecha de la novedad", max_length=50, blank=True)
    voting_restricted = models.BooleanField(
        "vigente, sin derecho a votar",
        default=False,
        help_text="La novedad no cancela la cédula: la persona no puede votar por ahora.",
    )

    engine = models.CharField("motor del navegador", max_length=20, blank=True)
    evidence = models.TextField("evidencia", blank=True)
    version = models.PositiveIntegerField("versión", default=0)
    updated_at = models.DateTimeField("actualizada el", auto_now=True)

    class Meta:
        verbose_name = "consulta del censo"
        verbose_name_plural = "consultas del censo"
        # The table kept the name it had when the model lived in accounts.
        db_table = "accounts_cedulainfo"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="cedulainfo_due"),
            models.Index(fields=["status", "lease_expires_at"], name="cedulainfo_lease"),
            models.Index(fields=["fetched_at"], name="cedulainfo_fetched"),
            models.Index(fields=["priority", "requested_at"], name="cedulainfo_line"),
        ]

    def __str__(self) -> str:
        return f"{self.cedula}: {self.status}"


# The columns of a voting place, by the names of VotingPlace's fields (coordinates apart).
PLACE_FIELDS = ("departamento", "municipio", "puesto", "direccion", "mesa", "coddivipol")
# The columns ``voting_place_of`` reads, for a query that needs no more of the row.
PLACE_COLUMNS = (*PLACE_FIELDS, "latitud", "longitud")


def voting_place_of(row: CedulaInfo) -> VotingPlace | None:
    """The place a lookup row found: stored whole (its departamento never blank), and kept
    while a new lookup runs. The one reading of these columns, for the repository adapter
    and the census selectors alike."""
    if not row.departamento:
        return None
    coordinates = (
        Coordinates(latitude=row.latitud, longitude=row.longitud)
        if row.latitud is not None and row.longitud is not None
        else None
    )
    return VotingPlace(
        **{name: getattr(row, name) for name in PLACE_FIELDS}, coordinates=coordinates
    )


# What ``matched_place_of`` reads besides PLACE_COLUMNS: a query selects MATCH_RELATED
# with it, or each row costs one more.
MATCH_COLUMNS = ("place_unmatched", "polling_place")
MATCH_RELATED = "polling_place__list"


def matched_place_of(row: CedulaInfo) -> VotingPlace | None:
    """``voting_place_of`` with its match (``VotingPlace.match``): the official place it
    matched, or why none; None while it was never matched (both columns blank)."""
    place = voting_place_of(row)
    if place is None:
        return None
    if row.polling_place is not None:
        return evolve(place, match=PlaceMatch.found(official_place_of(row.polling_place)))
    if row.place_unmatched:
        return evolve(place, match=PlaceMatch.missing(Unmatched(row.place_unmatched)))
    return place


def official_place_of(place: PollingPlace) -> OfficialPlace:
    """A place of an official list as the domain names it (its list read with it)."""
    coordinates = (
        Coordinates(latitude=place.latitud, longitude=place.longitud)
        if place.latitud is not None and place.longitud is not None
        else None
    )
    return OfficialPlace(
        election=place.list.election,
        code=PlaceCode(place.dd, place.mm, place.zz, place.pp),
        departamento=place.departamento,
        municipio=place.municipio,
        puesto=place.puesto,
        comuna=place.comuna,
        direccion=place.direccion,
        coordinates=coordinates,
    )


# What the last changed page lacked, as the scraper said it (longer is cut).
LAST_CHANGE_LENGTH = 300


class SourceState(models.Model):
    """The census site as the whole fleet sees it: the domain's Breaker as one row."""

    state = models.CharField(
        "estado", max_length=8, choices=_codes(BreakerState), default=BreakerState.CLOSED.value
    )
    blocks_in_a_row = models.PositiveIntegerField("bloqueos seguidos", default=0)
    openings = models.PositiveIntegerField("aperturas seguidas", default=0)
    opened_at = models.DateTimeField("abierto el", null=True, blank=True)
    retry_at = models.DateTimeField("se vuelve a intentar el", null=True, blank=True)
    last_block = models.CharField(
        "último bloqueo", max_length=12, choices=_codes(BlockKind), blank=True
    )
    paused = models.BooleanField("pausado por un operador", default=False)
    paused_reason = models.CharField("motivo de la pausa", max_length=200, blank=True)
    changes_in_a_row = models.PositiveIntegerField("páginas cambiadas seguidas", default=0)
    changed_at = models.DateTimeField("la página cambió el", null=True, blank=True)
    last_change = models.CharField(
        "qué faltaba en la página", max_length=LAST_CHANGE_LENGTH, blank=True
    )
    version = models.PositiveIntegerField("versión", default=0)
    updated_at = models.DateTimeField("actualizado el", auto_now=True)

    class Meta:
        verbose_name = "estado del sitio de la Registraduría"
        verbose_name_plural = "estado del sitio de la Registraduría"

    def __str__(self) -> str:
        return self.state


class LookupAttempt(models.Model):
    """What one attempt came to, for operators, and its times, for the line's estimate
    (cedula_domain.throughput); never whose cédula it was."""

    # Null on attempts logged before the times were kept.
    due_at = models.DateTimeField("en la cola desde", null=True, blank=True)
    started_at = models.DateTimeField("empezó el", null=True, blank=True)
    finished_at = models.DateTimeField("terminó el", db_index=True)
    outcome = models.CharField(
        "resultado", max_length=12, choices=[(name, name) for name in OUTCOME_NAMES]
    )
    block = models.CharField("bloqueo", max_length=12, choices=_codes(BlockKind), blank=True)
    engine = models.CharField("motor del navegador", max_length=20, blank=True)

    class Meta:
        verbose_name = "intento de consulta"
        verbose_name_plural = "intentos de consulta"

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}: {self.outcome}"
