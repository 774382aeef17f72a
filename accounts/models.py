from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField

from accounts.managers import CustomUserManager
from cedula_domain import Cedula, InvalidCedula


def validate_stored_cedula(value: str) -> None:
    """Accounts made outside the registration form (createsuperuser, the admin) must hold
    a valid cédula too, in the digits-only form the portal stores."""
    try:
        canonical = Cedula.parse(value).value
    except InvalidCedula as error:
        raise ValidationError(str(error), code="invalid") from error
    if canonical != value:
        raise ValidationError("Escribe la cédula solo con dígitos, sin puntos ni espacios.")


class CustomUser(AbstractUser):
    """A person of the portal. They log in with their cédula."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]

    cedula = models.CharField(
        "cédula",
        max_length=10,
        unique=True,
        help_text="Solo los dígitos, sin puntos.",
        validators=[validate_stored_cedula],
        error_messages={"unique": "Ya existe una cuenta registrada con esta cédula."},
    )
    nombre_completo = models.CharField("nombre completo", max_length=150)
    telefono = PhoneNumberField("teléfono", region="CO")
    # Empty only for staff accounts made with createsuperuser: every registration
    # through the portal records when and which version of the policy was accepted.
    politica_aceptada_en = models.DateTimeField(
        "política de datos aceptada el", null=True, blank=True
    )
    politica_version = models.CharField(
        "versión de la política aceptada", max_length=20, blank=True
    )

    USERNAME_FIELD = "cedula"
    REQUIRED_FIELDS = ["nombre_completo", "telefono"]

    objects = CustomUserManager()

    class Meta:
        verbose_name = "usuario"
        verbose_name_plural = "usuarios"

    def __str__(self) -> str:
        return f"{self.nombre_completo} ({self.cedula})"

    def get_full_name(self) -> str:
        return self.nombre_completo

    def get_short_name(self) -> str:
        return self.nombre_completo.split(" ", 1)[0]


class CedulaInfo(models.Model):
    """The stored state of a person's census lookup: the domain's LookupRecord as a row.

    Rules live in ``cedula_domain``; this table only keeps what the repository adapter
    writes, with ``version`` for its compare-and-set updates.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "En cola"
        PROCESSING = "processing", "Consultando"
        FOUND = "found", "Encontrada"
        NOT_FOUND = "not_found", "No está en el censo"
        CANCELLED = "cancelled", "Cédula cancelada"
        ERROR = "error", "Sin respuesta"

    class FailureKind(models.TextChoices):
        BLOCKED = "blocked", "Bloqueada por el sitio"
        UNAVAILABLE = "unavailable", "Sitio no disponible"
        PAGE_CHANGED = "page_changed", "La página cambió"
        INTERRUPTED = "interrupted", "Consulta interrumpida"

    class BlockKind(models.TextChoices):
        FIREWALL = "firewall", "Cortafuegos"
        CAPTCHA = "captcha", "CAPTCHA"
        JS_CHALLENGE = "js_challenge", "Reto de JavaScript"
        BOT_DETECTED = "bot_detected", "Detección de robots"

    class Source(models.TextChoices):
        REGISTRADURIA = "registraduria", "Registraduría"
        PERSON = "persona", "Informado por la persona"
        OPERATOR = "operador", "Informado por un operador"

    user = models.OneToOneField(
        CustomUser, on_delete=models.CASCADE, related_name="cedula_info", verbose_name="usuario"
    )
    # A copy of the user's cédula: the lookup is keyed by it, and conditional updates
    # filter on it without a join.
    cedula = models.CharField("cédula", max_length=10, unique=True)
    status = models.CharField("estado", max_length=12, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField("intentos", default=0)
    next_attempt_at = models.DateTimeField("próximo intento", null=True, blank=True)
    lease_expires_at = models.DateTimeField("reservada hasta", null=True, blank=True)
    last_failure_kind = models.CharField(
        "último fallo", max_length=12, choices=FailureKind.choices, blank=True
    )
    last_block_kind = models.CharField(
        "tipo de bloqueo", max_length=12, choices=BlockKind.choices, blank=True
    )
    last_failure_message = models.TextField("detalle del último fallo", blank=True)
    requested_at = models.DateTimeField("solicitada el")
    fetched_at = models.DateTimeField("respondida el", null=True, blank=True)
    # Blank while there is no answer yet.
    source = models.CharField("origen del dato", max_length=13, choices=Source.choices, blank=True)

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
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="cedulainfo_due"),
            models.Index(fields=["status", "lease_expires_at"], name="cedulainfo_lease"),
            models.Index(fields=["fetched_at"], name="cedulainfo_fetched"),
        ]

    def __str__(self) -> str:
        return f"{self.cedula}: {self.get_status_display()}"
