from __future__ import annotations

from typing import Any

from django import forms

from accounts.identity.forms import RegistrationForm

SHARING_FIELD = "compartir_con_referente"
SHARING_HELP = (
    "Sin esta autorización solo verá en qué va tu consulta, no su resultado. Nunca verá tu "
    "cédula completa ni tu teléfono. Puedes retirar esta autorización cuando quieras en "
    "«Mi perfil»."
)


def sharing_label(inviter: str) -> str:
    """``inviter``: the name the visitor of a link sees (``referral.inviter_name``)."""
    return (
        f"Autorizo que {inviter} vea el resultado de mi consulta: mi lugar "
        "de votación, o si no aparezco en el censo, mi cédula está cancelada o no tengo "
        "derecho a votar"
    )


class ReferredRegistrationForm(RegistrationForm):
    """Registration through someone's link: the same form, plus the optional consent to
    let that person see the result of one's lookup (unticked: consent is never assumed)."""

    def __init__(self, *args: Any, inviter: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if inviter is None:
            return
        self.fields[SHARING_FIELD] = forms.BooleanField(
            required=False, initial=False, label=sharing_label(inviter), help_text=SHARING_HELP
        )
        # Beside the other consent, before "Recordarme".
        self.order_fields([*(name for name in self.fields if name != "remember_me"), "remember_me"])

    @property
    def shares_place(self) -> bool:
        return bool(self.cleaned_data.get(SHARING_FIELD))


class SharingForm(forms.Form):
    """Grant or withdraw, from /perfil/."""

    compartir = forms.TypedChoiceField(
        choices=[("si", "Autorizo"), ("no", "Retiro la autorización")],
        coerce=lambda value: value == "si",
        error_messages={
            "required": "Elige si autorizas o no.",
            "invalid_choice": "Elige si autorizas o no.",
        },
    )
