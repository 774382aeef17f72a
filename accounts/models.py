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
