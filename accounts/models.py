from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField

from accounts.managers import CustomUserManager
from accounts.privacy.rules.policy_consent import PolicyAcceptance
from portal.cedula_input import cedula_digits
from portal.rules.person_name import first_name


def validate_stored_cedula(value: str) -> None:
    """Accounts made outside the registration form (createsuperuser, the admin) must hold
    a valid cédula too, in the digits-only form the portal stores."""
    if cedula_digits(value) != value:
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
    # Which versions of the data policy the person accepted, and when: PolicyAcceptanceEntry.
    # Set when the person typed the code sent to the phone (PHONE_VERIFICATION); whether
    # they must still do so is accounts.phone.requirement's rule.
    phone_verified_at = models.DateTimeField("teléfono verificado el", null=True, blank=True)

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
        return first_name(self.nombre_completo)


class CodePurpose(models.TextChoices):
    RECOVERY = "recuperacion", "recuperar la contraseña"
    VERIFICATION = "verificacion", "verificar el teléfono"


class IssuedCode(models.Model):
    """A code sent by SMS (accounts.phone.rules.phone_code), kept only as a keyed hash."""

    user = models.ForeignKey(CustomUser, on_delete=models.CASCADE, related_name="issued_codes")
    purpose = models.CharField("para", max_length=20, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    issued_at = models.DateTimeField("enviado el")
    expires_at = models.DateTimeField("vence el")
    attempts = models.PositiveSmallIntegerField("intentos fallidos", default=0)
    used_at = models.DateTimeField("usado el", null=True, blank=True)
    # The SMS service refused its text: kept (without a hash) so the person can be told, and
    # deleted in time like any other code.
    undelivered_at = models.DateTimeField("no se pudo enviar el", null=True, blank=True)

    class Meta:
        verbose_name = "código enviado"
        verbose_name_plural = "códigos enviados"
        indexes = [models.Index(fields=["user", "purpose", "-issued_at"])]

    def __str__(self) -> str:
        return f"Código para {self.get_purpose_display()} del {self.issued_at:%Y-%m-%d %H:%M}"


class OutgoingText(models.Model):
    """A text on its way to a phone: a request writes it, a worker sends it once and deletes
    it (``accounts.phone.texts``). The queue's wake-up names none: nothing of it travels there.

    A text that carries a code has its code row reserved (it counts, and retires the codes
    before it) but drawn only as it leaves, so no code is ever stored in the clear. A
    recovery ask carries neither phone nor code yet: the worker issues one, or drops the
    ask when no account holds the cédula."""

    # None: a recovery asked for a cédula no account holds; the row is written all the same,
    # so that the request does the same work either way.
    user = models.ForeignKey(CustomUser, null=True, on_delete=models.CASCADE, related_name="+")
    # Where it goes, as it was when it was asked for (blank for a recovery ask).
    phone = PhoneNumberField(region="CO", blank=True)
    # With ``{code}`` and ``{minutes}`` placeholders when it carries a code.
    message = models.TextField()
    # Blank: a plain text, no code.
    purpose = models.CharField(max_length=20, choices=CodePurpose.choices, blank=True)
    code = models.OneToOneField(
        IssuedCode, null=True, on_delete=models.CASCADE, related_name="outgoing_text"
    )
    # A text that would arrive too late to help is dropped unsent.
    send_before = models.DateTimeField()
    # A worker sending it holds it until then; after that, another may send it again.
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mensaje por enviar"
        verbose_name_plural = "mensajes por enviar"

    def __str__(self) -> str:
        return f"Mensaje por enviar n.º {self.pk}"


class CedulaClaim(models.Model):
    """Someone says a cédula with an account is theirs and they did not make that account."""

    class Status(models.TextChoices):
        PENDING = "pendiente", "pendiente"
        HANDED_OVER = "entregada", "cuenta entregada"
        REJECTED = "rechazado", "rechazado"

    cedula = models.CharField("cédula", max_length=10, validators=[validate_stored_cedula])
    full_name = models.CharField("nombre completo", max_length=150)
    phone = PhoneNumberField("teléfono", region="CO")
    message = models.TextField("mensaje", max_length=1000)
    policy_accepted_at = models.DateTimeField("política de datos aceptada el")
    policy_version = models.CharField("versión de la política aceptada", max_length=20)
    created_at = models.DateTimeField("recibido el", auto_now_add=True)
    status = models.CharField(
        "estado", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField("decidido el", null=True, blank=True)

    class Meta:
        verbose_name = "reclamo de cédula"
        verbose_name_plural = "reclamos de cédula"
        ordering = ["-created_at"]
        permissions = [("decide_cedulaclaim", "Puede entregar cuentas y rechazar reclamos")]

    def __str__(self) -> str:
        return f"Reclamo de {self.cedula} ({self.get_status_display()})"


class ClaimDecision(models.Model):
    """The audit trail of claims: who decided what, when, and what the account held before.
    Written once, never changed (read-only in the admin)."""

    class Kind(models.TextChoices):
        HAND_OVER = "entrega", "cuenta entregada"
        REJECTION = "rechazo", "reclamo rechazado"

    claim = models.ForeignKey(CedulaClaim, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField("decisión", max_length=20, choices=Kind.choices)
    decided_by = models.ForeignKey(
        CustomUser, on_delete=models.PROTECT, related_name="+", verbose_name="decidido por"
    )
    decided_at = models.DateTimeField("decidido el")
    note = models.TextField("nota", blank=True)
    account = models.ForeignKey(
        CustomUser,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cuenta",
    )
    # What the hand-over replaced, so that a mistaken hand-over can be undone.
    previous_full_name = models.CharField("nombre anterior", max_length=150, blank=True)
    previous_phone = PhoneNumberField("teléfono anterior", region="CO", blank=True)
    # The code a hand-over texted the claimant, while codes are kept: staff see whether its
    # text left.
    code = models.OneToOneField(
        IssuedCode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hand_over",
        verbose_name="código enviado",
    )

    class Meta:
        verbose_name = "decisión sobre un reclamo"
        verbose_name_plural = "decisiones sobre reclamos"
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.claim.cedula}"


class PolicyAcceptanceEntry(models.Model):
    """One line of a person's ledger of acceptances of the data policy
    (``accounts.privacy.rules.policy_consent``): appended, never edited; the proof of their
    authorisation that Ley 1581 asks us to keep."""

    user = models.ForeignKey(
        CustomUser,
        on_delete=models.CASCADE,
        related_name="policy_acceptances",
        verbose_name="usuario",
    )
    version = models.CharField("versión de la política", max_length=20)
    accepted_at = models.DateTimeField("aceptada el")

    class Meta:
        verbose_name = "aceptación de la política de datos"
        verbose_name_plural = "aceptaciones de la política de datos"
        # The order of writing is the ledger's order (see PolicyConsent).
        ordering = ["user", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="one_acceptance_per_policy_version"
            )
        ]

    def __str__(self) -> str:
        return f"Versión {self.version}, aceptada el {self.accepted_at:%Y-%m-%d %H:%M}"

    def to_domain(self) -> PolicyAcceptance:
        return PolicyAcceptance(version=self.version, at=self.accepted_at)


class ForgottenAcceptances(models.Model):
    """What stays of the acceptances of people whose data was deleted: how many accepted
    each version, and nothing about who."""

    version = models.CharField("versión de la política", max_length=20, unique=True)
    people = models.PositiveIntegerField("personas eliminadas que la aceptaron", default=0)

    class Meta:
        verbose_name = "aceptaciones de personas eliminadas"
        verbose_name_plural = "aceptaciones de personas eliminadas"
        ordering = ["version"]

    def __str__(self) -> str:
        return f"Versión {self.version}: {self.people}"


class UsedChallenge(models.Model):
    """A solution of the registration's proof of work that was accepted once
    (``accounts.identity.challenge``): the unique signature refuses it ever after, whatever
    the traffic in between, until the challenge it solved has expired anyway."""

    # The HMAC of the challenge, hex: 64 characters for SHA-256, room for SHA-512's 128.
    signature = models.CharField(max_length=128, unique=True)
    # Past this, the challenge itself is refused as expired and the row may go.
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Reto usado hasta el {self.expires_at:%Y-%m-%d %H:%M}"
