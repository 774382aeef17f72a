"""Referral links, who brought whom, the consent ledger and leaders, as rows; the rules
live in ``cedula_domain`` (referral, sharing_consent, roster, leader)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from referrals.rules.referral import Referral as ReferralFact
from referrals.rules.referral import ReferralCode
from referrals.rules.referral import ReferralLink as ReferralLinkValue
from referrals.rules.sharing_consent import ConsentChange, ConsentEntry

CONSENT_WORDS = {
    ConsentChange.GRANTED: "Autorizó",
    ConsentChange.WITHDRAWN: "Retiró la autorización",
}


class ReferralLink(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referral_links",
        verbose_name="dueño",
    )
    code = models.CharField("código", max_length=16, unique=True)
    issued_at = models.DateTimeField("creado el")
    revoked_at = models.DateTimeField("revocado el", null=True, blank=True)

    class Meta:
        verbose_name = "enlace de referido"
        verbose_name_plural = "enlaces de referido"
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_referral_link_per_owner",
            )
        ]

    def __str__(self) -> str:
        return f"/r/{self.code}/"

    def to_domain(self) -> ReferralLinkValue:
        return ReferralLinkValue(
            owner=self.owner_id,
            code=ReferralCode(self.code),
            issued_at=self.issued_at,
            revoked_at=self.revoked_at,
        )

    @classmethod
    def from_domain(cls, link: ReferralLinkValue) -> ReferralLink:
        return cls(
            owner_id=link.owner,
            code=link.code.value,
            issued_at=link.issued_at,
            revoked_at=link.revoked_at,
        )


class Referral(models.Model):
    """A fact of registration: who brought whom. Written once, never changed."""

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referrals_made",
        verbose_name="referente",
    )
    referred = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="referral",
        verbose_name="referido",
    )
    # The link they came through (kept while the link is); for operators.
    link = models.ForeignKey(
        ReferralLink,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name="enlace",
    )
    created_at = models.DateTimeField("registrado el")

    class Meta:
        verbose_name = "referido"
        verbose_name_plural = "referidos"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(referrer=models.F("referred")),
                name="nobody_refers_themselves",
            )
        ]
        indexes = [models.Index(fields=["referrer", "created_at"], name="referral_by_referrer")]

    def __str__(self) -> str:
        return f"{self.referred.nombre_completo}, traído por {self.referrer.nombre_completo}"

    @classmethod
    def from_domain(cls, fact: ReferralFact, link: ReferralLink) -> Referral:
        return cls(
            referrer_id=fact.referrer, referred_id=fact.referred, link=link, created_at=fact.at
        )


class SharingConsentEntry(models.Model):
    """One line of a referred person's consent ledger: appended, never edited."""

    referral = models.ForeignKey(
        Referral,
        on_delete=models.CASCADE,
        related_name="consent_entries",
        verbose_name="referido",
    )
    change = models.CharField(
        "cambio",
        max_length=10,
        choices=[(change.value, words) for change, words in CONSENT_WORDS.items()],
    )
    at = models.DateTimeField("fecha")

    class Meta:
        verbose_name = "autorización de ver el lugar de votación"
        verbose_name_plural = "autorizaciones de ver el lugar de votación"
        # The order of writing is the ledger's order (see SharingConsent).
        ordering = ["referral", "pk"]

    def __str__(self) -> str:
        return f"{self.get_change_display()} el {self.at:%Y-%m-%d %H:%M}"

    def to_domain(self) -> ConsentEntry:
        return ConsentEntry(change=ConsentChange(self.change), at=self.at)


class Leader(models.Model):
    """A person staff marked as leader: they get a goal, their network's counts and
    asking the census again about their people."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="leader",
        verbose_name="persona",
    )
    meta = models.PositiveIntegerField(
        "meta",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "La meta es de al menos una persona.")],
        help_text="Cuántas personas se propone traer. Vacío: sin meta.",
    )
    since = models.DateTimeField("líder desde", auto_now_add=True)

    class Meta:
        verbose_name = "líder"
        verbose_name_plural = "líderes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meta__isnull=True) | models.Q(meta__gte=1),
                name="leader_goal_at_least_one",
            )
        ]

    def __str__(self) -> str:
        return self.person.nombre_completo


class NetworkRefresh(models.Model):
    """A leader asked the census again about their people (once a day at most)."""

    leader = models.ForeignKey(
        Leader, on_delete=models.CASCADE, related_name="refreshes", verbose_name="líder"
    )
    asked_at = models.DateTimeField("pedida el")
    lookups = models.PositiveIntegerField("consultas pedidas")

    class Meta:
        verbose_name = "nueva consulta de un líder"
        verbose_name_plural = "nuevas consultas de líderes"
        ordering = ["-asked_at"]
        get_latest_by = "asked_at"

    def __str__(self) -> str:
        return f"{self.leader}: {self.lookups} el {self.asked_at:%Y-%m-%d %H:%M}"
