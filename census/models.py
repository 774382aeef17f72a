"""The stored census lookups."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from census.presenter import BLOCK_WORDS, FAILURE_WORDS, SOURCE_WORDS, STATUS_WORDS, choices


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
    status = models.CharField("estado", max_length=12, choices=choices(STATUS_WORDS))
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    next_attempt_at = models.DateTimeField("próximo intento", null=True, blank=True)
    lease_expires_at = models.DateTimeField("reservada hasta", null=True, blank=True)
    last_failure_kind = models.CharField(
        "último fallo", max_length=12, choices=choices(FAILURE_WORDS), blank=True
    )
    last_block_kind = models.CharField(
        "tipo de bloqueo", max_length=12, choices=choices(BLOCK_WORDS), blank=True
    )
    last_failure_message = models.TextField("detalle del último fallo", blank=True)
    requested_at = models.DateTimeField("solicitada el")
    fetched_at = models.DateTimeField("respondida el", null=True, blank=True)
    # Blank while there is no answer yet.
    source = models.CharField(
        "origen del dato", max_length=13, choices=choices(SOURCE_WORDS), blank=True
    )

    departamento = models.CharField(max_length=100, blank=True)
    municipio = models.CharField(max_length=100, blank=True)
    puesto = models.CharField(max_length=200, blank=True)
    direccion = models.CharField("dirección", max_length=200, blank=True)
    mesa = models.CharField(max_length=20, blank=True)
    coddivipol = models.CharField("código DIVIPOL", max_length=20, blank=True)
    latitud = models.FloatField(null=True, blank=True)
    longitud = models.FloatField(null=True, blank=True)

    novedad = models.CharField(max_length=200, blank=True)
    resolucion = models.CharField("resolución", max_length=100, blank=True)
    fecha_novedad = models.CharField("fecha de la novedad", max_length=50, blank=True)

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
        ]

    def __str__(self) -> str:
        return f"{self.cedula}: {self.get_status_display()}"
