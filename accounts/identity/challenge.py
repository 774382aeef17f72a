"""The optional proof of work on registration (REGISTRATION_CHALLENGE=1), in ALTCHA's scheme
and self-hosted: the page carries a challenge we signed, the person's browser finds the
number that solves it (a few seconds at most, started as the page loads, while the person
types: accounts/js/registration-challenge.js), and the form is accepted only with a
solution that is ours, still fresh, and never used before. A person barely notices; someone
creating accounts by the thousand pays for each one (the figures: pagina_madre/config/
limits.py, benchmarks/bench_challenge.py).

"Never used before" is a row under a unique constraint (UsedChallenge), not a cache entry:
a cache evicts, and 200 other posts once made a refused replay acceptable again. The row
lives as long as its challenge could still verify; each accepted solution deletes the
expired ones, so the table holds at most the last CHALLENGE_LIFETIME's registrations."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

from altcha import create_challenge_v1, verify_solution_v1
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import UsedChallenge

# Long enough to fill the form at leisure.
CHALLENGE_LIFETIME = timedelta(minutes=30)
NOT_SOLVED = (
    "No pudimos comprobar que este registro lo hace una persona. Envía el formulario de "
    "nuevo; si vuelve a pasar, revisa que tu navegador tenga JavaScript activado."
)


def _signing_key() -> str:
    # Derived from SECRET_KEY: one secret fewer to configure, and rotating it rotates this.
    return salted_hmac("accounts.identity.challenge", "registration challenge").hexdigest()


def new_challenge() -> dict[str, Any]:
    challenge = create_challenge_v1(
        hmac_key=_signing_key(),
        max_number=settings.REGISTRATION_CHALLENGE_MAX_NUMBER,
        expires=timezone.now() + CHALLENGE_LIFETIME,
    )
    return challenge.to_dict()


def is_solved(payload: str) -> bool:
    """Whether ``payload`` (base64 JSON, as the browser sends it) solves a challenge we
    issued that has not expired, the first time it is shown to us."""
    verified, _reason = verify_solution_v1(payload, _signing_key(), check_expires=True)
    if not verified:
        return False
    signature = json.loads(base64.b64decode(payload))["signature"]
    now = timezone.now()
    UsedChallenge.objects.filter(expires_at__lt=now).delete()
    # The unique signature decides between concurrent requests too: the second INSERT
    # fails, and get_or_create answers "not created". A challenge was issued before now,
    # so it expires before this row does.
    _used, first_use = UsedChallenge.objects.get_or_create(
        signature=signature, defaults={"expires_at": now + CHALLENGE_LIFETIME}
    )
    return first_use


class ChallengeInput(forms.HiddenInput):
    """A fresh challenge on every rendering, for the page's script to solve."""

    template_name = "accounts/widgets/reto.html"
    # Rendered as a field of its own, with a label and its error, not as a bare hidden one.
    is_hidden = False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, None, attrs)
        context["widget"]["attrs"]["data-registration-challenge"] = json.dumps(new_challenge())
        return context


class ChallengeField(forms.CharField):
    widget = ChallengeInput
    default_error_messages = {"required": NOT_SOLVED, "invalid": NOT_SOLVED}

    def __init__(self) -> None:
        super().__init__(
            label="Verificación",
            help_text=(
                "Tu navegador resuelve un pequeño cálculo para mostrar que no eres un programa."
            ),
        )

    def validate(self, value: str) -> None:
        super().validate(value)
        if not is_solved(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def add_challenge(form: forms.Form) -> None:
    form.fields["reto"] = ChallengeField()
