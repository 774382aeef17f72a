from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse
from django.utils.html import format_html
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber

from accounts.login import remember_me_field
from accounts.models import CustomUser
from cedula_domain.cedula import Cedula, InvalidCedula

DIGITS_ONLY = {"inputmode": "numeric", "data-digits-only": ""}
COLOMBIA_COUNTRY_CODE = 57
_PHONE_ERROR = "Escribe un número de teléfono colombiano válido, por ejemplo 300 123 4567."


def _colombian(number: PhoneNumber) -> None:
    # The field accepts any valid number written in international form; the portal
    # only serves people with a Colombian line.
    if number.country_code != COLOMBIA_COUNTRY_CODE:
        raise forms.ValidationError(_PHONE_ERROR, code="invalid")


def _phone_field() -> PhoneNumberField:
    return PhoneNumberField(
        label="Teléfono",
        region="CO",
        validators=[_colombian],
        error_messages={"invalid": _PHONE_ERROR},
        widget=forms.TextInput(attrs={**DIGITS_ONLY, "autocomplete": "tel", "maxlength": 15}),
    )


class _NombreCompletoMixin:
    cleaned_data: dict[str, Any]

    def clean_nombre_completo(self) -> str:
        nombre = " ".join(self.cleaned_data["nombre_completo"].split())
        if not nombre:
            raise forms.ValidationError("Escribe tu nombre completo.")
        return nombre


class RegistrationForm(_NombreCompletoMixin, UserCreationForm):
    cedula = forms.CharField(
        label="Cédula",
        max_length=20,
        widget=forms.TextInput(attrs={**DIGITS_ONLY, "autocomplete": "username"}),
    )
    telefono = _phone_field()
    acepta_politica = forms.BooleanField(
        error_messages={"required": "Debes aceptar la política de datos para registrarte."},
    )
    remember_me = remember_me_field()

    class Meta:
        model = CustomUser
        fields = ("nombre_completo", "cedula", "telefono")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nombre_completo"].widget.attrs["autocomplete"] = "name"
        self.fields["nombre_completo"].widget.attrs["autofocus"] = True
        self.fields["password1"].label = "Contraseña"
        self.fields["password2"].label = "Repite la contraseña"
        self.fields["acepta_politica"].label = format_html(
            'Acepto la <a href="{}" target="_blank" rel="noopener">política de '
            "tratamiento de datos personales</a>",
            reverse("accounts:data_policy"),
        )

    def clean_cedula(self) -> str:
        try:
            return Cedula.parse(self.cleaned_data["cedula"]).value
        except InvalidCedula as error:
            raise forms.ValidationError(str(error)) from error


class ProfileForm(_NombreCompletoMixin, forms.ModelForm):
    telefono = _phone_field()

    class Meta:
        model = CustomUser
        fields = ("nombre_completo", "telefono")
