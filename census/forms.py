"""Forms of a person's census lookup: telling us what the Registraduría's page showed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms

from cedula_domain import (
    Cancellation,
    Cancelled,
    Found,
    NotEnabled,
    NotFound,
    Terminal,
    VotingPlace,
)
from census.colombia import DEPARTAMENTOS, NOVEDADES
from portal.cedula_input import DIGITS_ONLY


class DatalistInput(forms.TextInput):
    """A text input that suggests values from a <datalist> and still accepts any text."""

    template_name = "census/widgets/datalist.html"

    def __init__(self, options: Sequence[str], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.options = tuple(options)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-opciones"
        widget["attrs"]["list"] = list_id
        widget["datalist"] = {"id": list_id, "options": self.options}
        return context


_MESA = re.compile(r"[0-9]+")


class CensusReportForm(forms.Form):
    """What the Registraduría's page showed to the person (or to an operator): the answer
    the automatic lookup could not get. Only the fields of the chosen result are checked
    and used: what was typed for another one (hidden once the choice changed) is ignored."""

    FOUND = "encontrado"
    NOT_FOUND = "no_encontrado"
    CANCELLED = "cancelada"
    NOT_ENABLED = "sin_derecho_a_votar"

    resultado = forms.ChoiceField(
        label="¿Qué dice la página de la Registraduría?",
        choices=[
            (FOUND, "Aparece el lugar de votación (puesto y mesa)"),
            (NOT_FOUND, "La cédula no aparece en el censo electoral"),
            (CANCELLED, "La cédula aparece cancelada (con una novedad)"),
            (
                NOT_ENABLED,
                "La cédula aparece vigente, pero sin derecho a votar (por ejemplo, «Vigente "
                "con pérdida o suspensión de los derechos políticos» o «no se encuentra "
                "habilitado para votar»)",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Elige qué te mostró la página de la Registraduría.",
            "invalid_choice": "Elige una de las opciones.",
        },
    )
    departamento = forms.CharField(
        label="Departamento",
        required=False,
        widget=forms.Select(
            choices=[("", "Elige el departamento"), *((name, name) for name in DEPARTAMENTOS)]
        ),
    )
    municipio = forms.CharField(label="Municipio", required=False, max_length=100)
    puesto = forms.CharField(label="Puesto de votación", required=False, max_length=200)
    direccion = forms.CharField(
        label="Dirección del puesto (opcional)", required=False, max_length=200
    )
    mesa = forms.CharField(
        label="Mesa",
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={**DIGITS_ONLY, "autocomplete": "off"}),
        error_messages={"max_length": "La mesa tiene como máximo 6 dígitos."},
    )
    novedad = forms.CharField(
        label="Novedad",
        required=False,
        max_length=200,
        help_text="Escríbela como aparece, por ejemplo «Cancelada por Muerte».",
        widget=DatalistInput(NOVEDADES, attrs={"autocomplete": "off"}),
    )

    # What each result needs, and what to say when it is missing.
    _REQUIRED = {
        FOUND: {
            "departamento": "Elige el departamento.",
            "municipio": "Escribe el municipio.",
            "puesto": "Escribe el nombre del puesto de votación.",
            "mesa": "Escribe el número de la mesa.",
        },
        CANCELLED: {
            "novedad": "Escribe la novedad que aparece, por ejemplo «Cancelada por Muerte».",
        },
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        resultado = cleaned.get("resultado")
        for name, message in self._REQUIRED.get(resultado, {}).items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        if resultado == self.FOUND:
            departamento, mesa = cleaned.get("departamento"), cleaned.get("mesa")
            if departamento and departamento not in DEPARTAMENTOS:
                self.add_error("departamento", "Elige un departamento de la lista.")
            if mesa and not _MESA.fullmatch(mesa):
                self.add_error("mesa", "La mesa se escribe solo con números, por ejemplo 12.")
        return cleaned

    def to_answer(self) -> Terminal:
        """The domain answer of valid data."""
        data = self.cleaned_data
        if data["resultado"] == self.FOUND:
            place = VotingPlace(
                departamento=data["departamento"],
                municipio=data["municipio"],
                puesto=data["puesto"],
                direccion=data["direccion"],
                mesa=data["mesa"],
            )
            return Found(place=place)
        if data["resultado"] == self.CANCELLED:
            return Cancelled(cancellation=Cancellation(novedad=data["novedad"]))
        if data["resultado"] == self.NOT_ENABLED:
            # The card says it in its own words; the census's exact ones are not asked for.
            return NotEnabled(reason="")
        return NotFound()
