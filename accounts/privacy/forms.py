"""Forms of a person's rights over their data: accepting a new policy, deleting it all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.views.decorators.debug import sensitive_variables

from accounts.models import CustomUser


class PolicyAcceptanceForm(forms.Form):
    acepto = forms.BooleanField(
        label="Leí la nueva política de tratamiento de datos personales y la acepto.",
        error_messages={
            "required": (
                "Marca la casilla para aceptar la nueva política. Si no la aceptas, puedes "
                "descargar tus datos y eliminar tu cuenta."
            )
        },
    )


class ForgetMeForm(forms.Form):
    password = forms.CharField(
        label="Tu contraseña actual",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Escribe tu contraseña para confirmar."},
    )

    def __init__(self, user: CustomUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    @sensitive_variables("password")
    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "La contraseña no es correcta. No eliminamos nada.", code="password_incorrect"
            )
        return password
