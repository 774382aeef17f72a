"""Forms of a person's census lookup: telling us what the Registraduría's page showed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
from polling_places.models import PollingPlace, PollingPlaceList
from polling_places.selectors import (
    Division,
    PuestoSearch,
    departamentos,
    municipios,
    polling_place,
    puestos,
)
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


class PuestoRadios(forms.RadioSelect):
    """The puestos found, one radio each. What links to the field as a whole (the error
    summary) goes to the search that finds them (``search_id``)."""

    search_id = ""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return self.search_id if index is None else super().id_for_label(id_, index)


_MESA = re.compile(r"[0-9]+")
# The puestos shown as radios at once; more than that, the person types more of the name.
PUESTOS_SHOWN = 25
# A place's id as sent back (longer would overflow the database's integers).
_ID_DIGITS = 9


class ChoiceRadios(forms.RadioSelect):
    """Radios whose question, as a whole, is linked to its first option: what the error
    summary links to (Django links a group of radios to nothing)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class ReportResultForm(forms.Form):
    """The first question of telling us what the Registraduría's page showed: which of
    its answers it was. Each answer but a place found or a cancellation is whole; those
    two ask their detail on a page of their own (census.views)."""

    FOUND = "encontrado"
    NOT_FOUND = "no_encontrado"
    CANCELLED = "cancelada"
    NOT_ENABLED = "sin_derecho_a_votar"

    resultado = forms.ChoiceField(
        label="¿Qué te mostró la página de la Registraduría?",
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
        widget=ChoiceRadios(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Elige qué te mostró la página de la Registraduría.",
            "invalid_choice": "Elige una de las opciones.",
        },
    )


class CensusReportForm(ReportResultForm):
    """What the Registraduría's page showed to the person (or to an operator): the answer
    the automatic lookup could not get. Only the fields of the chosen result are checked
    and used: what was sent for another one is ignored.

    With an official list (``places``), a place that was found is chosen from it:
    departamento, then municipio (of that departamento), then puesto (of that municipio),
    each a code of the list; "Mi puesto no está en la lista" lets the puesto be typed
    instead. Without one (none loaded; the admin), every part of the place is typed.

    Without JavaScript the place is chosen in steps, each sent with its own button
    (``step``, one of STEPS): such a form checks only what that step asked, and saves
    nothing; the page comes back with the next control (census.views.census_report_place).
    """

    # Each step of choosing from the list, and the fields it asks for.
    STEPS: Mapping[str, tuple[str, ...]] = {
        "departamento": ("departamento",),
        "municipio": ("departamento", "municipio"),
        "buscar": ("departamento", "municipio", "buscar"),
    }

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
        ReportResultForm.FOUND: {
            "departamento": "Elige el departamento.",
            "municipio": "Escribe el municipio.",
            "puesto": "Escribe el nombre del puesto de votación.",
            "mesa": "Escribe el número de la mesa.",
        },
        ReportResultForm.CANCELLED: {
            "novedad": "Escribe la novedad que aparece, por ejemplo «Cancelada por Muerte».",
        },
    }
    # A place found, chosen from the list: each part asked once the one before is chosen.
    _REQUIRED_FROM_LIST = {
        "departamento": "Elige el departamento.",
        "municipio": "Elige el municipio.",
        "puesto": "Elige tu puesto de la lista. Si no está, marca «Mi puesto no está en la lista».",
        "puesto_escrito": "Escribe el nombre del puesto de votación.",
        "mesa": "Escribe el número de la mesa.",
    }

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        places: PollingPlaceList | None = None,
        step: str | None = None,
        **kwargs: Any,
    ) -> None:
        if step is not None and step not in self.STEPS:
            raise ValueError(f"Unknown step {step!r}")
        super().__init__(data, **kwargs)
        self.places = places
        self.step = step
        self.departamento_name = ""
        self.municipio_name = ""
        self.puesto_search: PuestoSearch | None = None
        self.chosen_place: PollingPlace | None = None
        if places is not None:
            self._choose_from(places)

    # The list's controls, each offering what the part before allows.

    def _choose_from(self, places: PollingPlaceList) -> None:
        self.fields["departamento"] = _division_field(
            "Departamento",
            departamentos(places=places),
            empty="Elige el departamento",
            refused="Elige un departamento de la lista.",
        )
        departamento = self._chosen("departamento")
        self.departamento_name = self._name_of("departamento", departamento)
        offered = municipios(places=places, departamento=departamento) if departamento else []
        if len(offered) == 1 and not self._raw("municipio"):
            # A departamento of one municipio (Bogotá D.C.) has it chosen already.
            self.data = self.data.copy()
            self.data[self.add_prefix("municipio")] = offered[0].code
        self.fields["municipio"] = _division_field(
            "Municipio",
            offered,
            empty="Elige el municipio",
            refused=f"Elige un municipio de {self.departamento_name or 'ese departamento'} "
            "de la lista.",
        )
        municipio = self._chosen("municipio")
        self.municipio_name = self._name_of("municipio", municipio)
        self.fields["buscar"] = forms.CharField(
            label="Puesto de votación",
            required=False,
            max_length=100,
            help_text="Escribe parte de su nombre, por ejemplo «San José», y elígelo de la lista.",
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        self.fields["puesto"] = forms.TypedChoiceField(
            label="Elige tu puesto",
            required=False,
            coerce=int,
            widget=PuestoRadios(attrs={"class": "form-check-input"}),
            error_messages={
                "invalid_choice": f"Elige un puesto de {self.municipio_name or 'ese municipio'} "
                "de la lista.",
            },
        )
        self.fields["puesto"].widget.search_id = self["buscar"].auto_id or ""
        self.fields["fuera_de_lista"] = forms.BooleanField(
            label="Mi puesto no está en la lista", required=False
        )
        self.fields["puesto_escrito"] = forms.CharField(
            label="Nombre del puesto", required=False, max_length=200
        )
        if departamento and municipio:
            self._offer_puestos(places, departamento, municipio)
        self.order_fields(
            [
                "resultado",
                "departamento",
                "municipio",
                "buscar",
                "puesto",
                "mesa",
                "fuera_de_lista",
                "puesto_escrito",
                "direccion",
                "novedad",
            ]
        )

    def _offer_puestos(self, places: PollingPlaceList, departamento: str, municipio: str) -> None:
        search = puestos(
            places=places,
            departamento=departamento,
            municipio=municipio,
            typed=self._raw("buscar")[:100],
            limit=PUESTOS_SHOWN,
        )
        if not self.typed and search.total > len(search.places):
            # Too many to read through (Bogotá has 1,083): the person types part of the name.
            search = PuestoSearch([], search.total)
        raw = self._raw("puesto")
        an_id = raw.isascii() and raw.isdigit() and len(raw) <= _ID_DIGITS
        chosen = polling_place(place_id=int(raw), places=places) if an_id else None
        if chosen and (chosen.dd, chosen.mm) == (departamento, municipio):
            self.chosen_place = chosen
            if chosen not in search.places:
                search = PuestoSearch([chosen, *search.places], search.total)
        elif chosen and self.step == "buscar":
            # Chosen in another municipio, before the person changed it: a new search.
            self.data = self.data.copy()
            self.data[self.add_prefix("puesto")] = ""
        self.puesto_search = search
        self.fields["puesto"].choices = [(place.pk, place.puesto) for place in search.places]

    def _raw(self, name: str) -> str:
        value = self.data.get(self.add_prefix(name), "") if self.is_bound else ""
        return value.strip() if isinstance(value, str) else ""

    def _chosen(self, name: str) -> str:
        """The code sent for a list's control, when it is one that control offers."""
        value = self._raw(name)
        return value if value and value in _codes(self.fields[name]) else ""

    def _name_of(self, name: str, code: str) -> str:
        return dict(self.fields[name].choices).get(code, "") if code else ""

    # What the template asks.

    @property
    def place_step(self) -> str:
        """How far the place was chosen from the list: the control to show next."""
        if not self._chosen("departamento"):
            return "departamento"
        if not self._chosen("municipio"):
            return "municipio"
        return "puesto"

    @property
    def puesto_options(self) -> list[tuple[Any, PollingPlace]]:
        """Each puesto offered: its radio, and the place (for its address)."""
        if self.puesto_search is None:
            return []
        return list(zip(self["puesto"], self.puesto_search.places, strict=True))

    @property
    def typed(self) -> str:
        return self._raw("buscar")

    # Checking.

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.step is not None:
            self._clean_step(self.STEPS[self.step])
            return cleaned
        resultado = cleaned.get("resultado")
        if resultado == self.FOUND and self.places is not None:
            self._clean_chosen_place(cleaned)
        else:
            for name, message in self._REQUIRED.get(resultado, {}).items():
                self._require(cleaned, name, message)
        if resultado == self.FOUND:
            departamento, mesa = cleaned.get("departamento"), cleaned.get("mesa")
            if self.places is None and departamento and departamento not in DEPARTAMENTOS:
                self.add_error("departamento", "Elige un departamento de la lista.")
            if mesa and not _MESA.fullmatch(mesa):
                self.add_error("mesa", "La mesa se escribe solo con números, por ejemplo 12.")
        return cleaned

    def _clean_step(self, asked: tuple[str, ...]) -> None:
        """Only what the step asked is checked: the rest is asked later, on saving."""
        for name in list(self.errors):
            if name not in asked:
                del self.errors[name]
        for name in asked:
            if name in self._REQUIRED_FROM_LIST:
                self._require(self.cleaned_data, name, self._REQUIRED_FROM_LIST[name])
                if name in self.errors:
                    return

    def _clean_chosen_place(self, cleaned: dict[str, Any]) -> None:
        typed = bool(cleaned.get("fuera_de_lista"))
        parts = ["departamento", "municipio", "puesto_escrito" if typed else "puesto"]
        self.errors.pop("puesto" if typed else "puesto_escrito", None)  # not used
        for index, name in enumerate(parts):
            self._require(cleaned, name, self._REQUIRED_FROM_LIST[name])
            if name in self.errors:
                # What comes after is offered, and judged, once this one is chosen.
                for later in parts[index + 1 :]:
                    self.errors.pop(later, None)
                break
        self._require(cleaned, "mesa", self._REQUIRED_FROM_LIST["mesa"])

    def _require(self, cleaned: dict[str, Any], name: str, message: str) -> None:
        if cleaned.get(name) in (None, "") and name not in self.errors:
            self.add_error(name, message)

    # The answer.

    def to_answer(self) -> Terminal:
        """The domain answer of valid data."""
        data = self.cleaned_data
        if data["resultado"] == self.FOUND:
            return Found(place=self._place())
        if data["resultado"] == self.CANCELLED:
            return Cancelled(cancellation=Cancellation(novedad=data["novedad"]))
        if data["resultado"] == self.NOT_ENABLED:
            # The card says it in its own words; the census's exact ones are not asked for.
            return NotEnabled(reason="")
        return NotFound()

    def _place(self) -> VotingPlace:
        data = self.cleaned_data
        if self.places is None:
            return VotingPlace(
                departamento=data["departamento"],
                municipio=data["municipio"],
                puesto=data["puesto"],
                direccion=data["direccion"],
                mesa=data["mesa"],
            )
        if data["fuera_de_lista"]:
            # The person's word alone: no official place names it (an unverified report).
            return VotingPlace(
                departamento=self.departamento_name,
                municipio=self.municipio_name,
                puesto=data["puesto_escrito"],
                direccion=data["direccion"],
                mesa=data["mesa"],
            )
        place = self.chosen_place
        assert place is not None  # a valid form chose it
        return VotingPlace(
            departamento=place.departamento,
            municipio=place.municipio,
            puesto=place.puesto,
            direccion=place.direccion,
            mesa=data["mesa"],
            coddivipol=f"{place.dd}{place.mm}{place.zz}{place.pp}",
        )


def _division_field(
    label: str, offered: list[Division], *, empty: str, refused: str
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", empty), *offered],
        error_messages={"invalid_choice": refused},
    )


def _codes(field: forms.Field) -> set[str]:
    return {str(code) for code, _ in field.choices if code}
