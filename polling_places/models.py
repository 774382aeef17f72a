"""The official lists of polling places, as loaded (``census`` command ``load_polling_places``).

A list is the data of one election: a new election's list is loaded beside the old one,
never over it, and answers are matched to the current list (the one published last).
"""

from __future__ import annotations

from django.db import models

# The lists, the current one first: answers are matched to, and reports chosen from, the
# list published last (ties: the one loaded last).
CURRENT_FIRST = ("-published_on", "-pk")


class PollingPlaceList(models.Model):
    """One DIVIPOLE file as loaded: which election it is for and where it came from."""

    # A short stable key, e.g. "congreso-2026": what an official place is named within.
    election = models.SlugField("elección", max_length=60, unique=True)
    name = models.CharField("nombre", max_length=120)
    # The date the Registraduría published the list: the newest one is current.
    published_on = models.DateField("publicada el")
    source = models.TextField("procedencia", blank=True)
    loaded_at = models.DateTimeField("cargada el", auto_now=True)

    class Meta:
        verbose_name = "lista de puestos de votación"
        verbose_name_plural = "listas de puestos de votación"
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return self.name


class PollingPlace(models.Model):
    """A puesto of one list. Codes are the Registraduría's (not DANE's), kept as text."""

    list = models.ForeignKey(
        PollingPlaceList, on_delete=models.CASCADE, related_name="places", verbose_name="lista"
    )
    dd = models.CharField("código del departamento", max_length=2)
    mm = models.CharField("código del municipio", max_length=3)
    zz = models.CharField("zona", max_length=2)
    pp = models.CharField("código del puesto", max_length=2)
    departamento = models.CharField(max_length=100)
    municipio = models.CharField(max_length=100)
    puesto = models.CharField(max_length=200)
    comuna = models.CharField(max_length=100, blank=True)
    direccion = models.CharField("dirección", max_length=200, blank=True)
    latitud = models.FloatField(null=True, blank=True)
    longitud = models.FloatField(null=True, blank=True)
    # The names as the matching rule compares them (``cedula_domain`` ``name_key``):
    # written by the loader, so that a query finds a municipio or filters puestos by them.
    departamento_key = models.CharField(max_length=100)
    municipio_key = models.CharField(max_length=100)
    puesto_key = models.CharField(max_length=200)

    class Meta:
        verbose_name = "puesto de votación oficial"
        verbose_name_plural = "puestos de votación oficiales"
        constraints = [
            models.UniqueConstraint(
                fields=["list", "dd", "mm", "zz", "pp"], name="polling_place_code_per_list"
            )
        ]
        indexes = [
            models.Index(fields=["list", "dd", "mm", "puesto_key"], name="polling_place_puestos"),
            models.Index(fields=["list", "municipio_key"], name="polling_place_municipio"),
        ]

    def __str__(self) -> str:
        return f"{self.puesto} ({self.municipio}, {self.departamento})"

    @property
    def code(self) -> str:
        return f"{self.dd}-{self.mm}-{self.zz}-{self.pp}"
