"""The form of a cédula claim: someone else registered my cédula."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.identity.forms import NAME_REQUIRED, _NombreCompletoMixin, _phone_field, policy_label
from portal.cedula_input import CedulaInput, cedula_field


class ClaimForm(CedulaInput, _NombreCompletoMixin, forms.Form):
    cedula = cedula_field()
    nombre_completo = forms.CharField(
        label="Tu nombre completo",
        max_length=150,
        error_messages={"required": NAME_REQUIRED},
    )
    telefono = _phone_field()
    message = forms.CharField(
        label="Cuéntanos qué pasó",
        max_length=1000,
        error_messages={"required": "Cuéntanos qué pasó con tu cédula."},
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text="Por ejemplo, desde cuándo no puedes registrarte. No escribas contraseñas.",
    )
    acepta_politica = forms.BooleanField(
        error_messages={"required": "Debes aceptar la política de datos para enviar el reclamo."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nombre_completo"].widget.attrs["autocomplete"] = "name"
        self.fields[
            "telefono"
        ].help_text = "Te escribiremos a este número; si te entregamos la cuenta, será su teléfono."
        self.fields["acepta_politica"].label = policy_label()
