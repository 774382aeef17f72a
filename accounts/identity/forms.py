from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber

from accounts.identity.login import remember_me_field
from accounts.models import CustomUser
from portal import phones
from portal.cedula_input import CedulaInput, cedula_field

COLOMBIA_COUNTRY_CODE = phones.COLOMBIA_COUNTRY_CODE
_PHONE_ERROR = "Escribe un número de teléfono colombiano válido, por ejemplo 300 123 4567."
# What a form says of a field left empty, for the fields several forms share.
NAME_REQUIRED = "Escribe tu nombre completo."
PHONE_REQUIRED = "Escribe tu número de teléfono."
NEW_PASSWORD_REQUIRED = ("Escribe una contraseña.", "Escribe otra vez la contraseña.")

# /perfil/ holds two forms posting to the same address; this field says which one came.
WHICH_FORM = "formulario"
PASSWORD_FORM = "clave"


def policy_label() -> str:
    """The data policy's tick box, its link saying that it opens in another tab."""
    return format_html(
        'Acepto la <a href="{}" target="_blank" rel="noopener">política de tratamiento de '
        'datos personales<span class="visually-hidden"> (se abre en otra pestaña)</span></a>',
        reverse("accounts:data_policy"),
    )


def ask_for_new_password(form: forms.BaseForm, first: str, second: str) -> None:
    """The messages of two new-password fields left empty."""
    for name, message in zip((first, second), NEW_PASSWORD_REQUIRED, strict=True):
        form.fields[name].error_messages["required"] = message


class RulesUnderTheNewPassword:
    """The password rules' errors under the field where the password is chosen, which is
    the one to change, rather than under its repetition (Django's choice)."""

    cleaned_data: dict[str, Any]

    def validate_password_for_user(
        self, user: CustomUser, password_field_name: str = "password2"
    ) -> None:
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            self.add_error(password_field_name.replace("2", "1"), error)  # type: ignore[attr-defined]


class NationalPhoneInput(forms.TextInput):
    """A phone field showing a Colombian number as people write it ("300 123 4567"),
    whether it comes from the account or was typed; anything else as typed."""

    input_type = "tel"

    def format_value(self, value: Any) -> str | None:
        return phones.national(value) or None


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
        error_messages={"invalid": _PHONE_ERROR, "required": PHONE_REQUIRED},
        # Spaces, dashes and "+57" are welcome: the number is read whatever its writing.
        widget=NationalPhoneInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "maxlength": 20}
        ),
    )


class _NombreCompletoMixin:
    cleaned_data: dict[str, Any]

    def clean_nombre_completo(self) -> str:
        nombre = " ".join(self.cleaned_data["nombre_completo"].split())
        if not nombre:
            raise forms.ValidationError(NAME_REQUIRED)
        return nombre


class RegistrationForm(
    CedulaInput, _NombreCompletoMixin, RulesUnderTheNewPassword, UserCreationForm
):
    cedula = cedula_field()
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
        name = self.fields["nombre_completo"]
        name.error_messages["required"] = NAME_REQUIRED
        name.widget.attrs["autocomplete"] = "name"
        # One autofocus, on the first field (Django's puts one on the cédula too, the
        # USERNAME_FIELD); a form sent back opens on its error summary instead.
        self.fields["cedula"].widget.attrs.pop("autofocus", None)
        if not self.is_bound:
            name.widget.attrs["autofocus"] = True
        self.fields["password1"].label = "Contraseña"
        self.fields["password2"].label = "Repite la contraseña"
        ask_for_new_password(self, "password1", "password2")
        self.fields["acepta_politica"].label = policy_label()


# The phone changes only with the current password (accounts.identity.services).
PHONE_PASSWORD_MISSING = "Escribe tu contraseña actual para cambiar tu teléfono."
PHONE_PASSWORD_WRONG = "La contraseña no es correcta. No cambiamos tu teléfono."


def phone_password_error(*, typed: bool) -> ValidationError:
    """What the profile says when its new phone came without the right password."""
    if typed:
        return ValidationError(PHONE_PASSWORD_WRONG, code="password_incorrect")
    return ValidationError(PHONE_PASSWORD_MISSING, code="required")


class ProfileForm(_NombreCompletoMixin, forms.ModelForm):
    telefono = _phone_field()
    # Always shown, under the phone, rather than after a first try: on a phone a form that
    # grows a field once sent reads as an error.
    current_password = forms.CharField(
        label="Tu contraseña actual",
        required=False,
        strip=False,
        help_text="Solo si cambias tu teléfono: así sabemos que eres tú.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    class Meta:
        model = CustomUser
        fields = ("nombre_completo", "telefono")
        error_messages = {"nombre_completo": {"required": NAME_REQUIRED}}


class PasswordChangeForm(RulesUnderTheNewPassword, auth_forms.PasswordChangeForm):
    """Django's, in our words (pagina_madre/locale), without taking the focus: on
    /perfil/ it sits beside the person's data, which they more often come to change."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].error_messages["required"] = "Escribe tu contraseña actual."
        ask_for_new_password(self, "new_password1", "new_password2")
