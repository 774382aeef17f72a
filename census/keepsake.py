"""The card to keep ("Guárdalo"): what a person takes away of the place where they vote,
on paper, as an image, or on their phone for a day without a connection. Their name, the
puesto, its address, municipio and departamento, the mesa, the election, the map link and
when the place was last confirmed; never the cédula, so a printout left behind or an image
sent around gives away nothing a stranger could use to pass for them."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen
from django.conf import settings
from django.utils import formats, timezone

from accounts.models import CustomUser
from census.presenter import directions_url, place_address
from census.selectors import census_record
from polling_places.selectors import current_list

# The image's and the download's file name: the person's own, so no name of theirs in it.
IMAGE_FILE_NAME = "mi-lugar-de-votacion.png"


@frozen(kw_only=True)
class Keepsake:
    name: str
    puesto: str
    address: str
    municipio: str
    departamento: str
    mesa: str
    election: str
    # Where "Cómo llegar" leads (its QR code); "" when no point of the place is known.
    map_url: str
    # When the answer holding the place was given: the date a card kept offline shows.
    confirmed_at: datetime | None

    @property
    def confirmed_words(self) -> str:
        """ "5 de diciembre de 2026, 14:30", in the portal's time zone; "" when unknown."""
        return moment_words(self.confirmed_at) if self.confirmed_at else ""


def keepsake_of(user: CustomUser) -> Keepsake | None:
    """The card to keep of ``user``, or None while their lookup holds no place (the card
    shows the last place found while a new lookup runs, and so does this)."""
    record = census_record(user)
    place = record.voting_place
    if place is None:
        return None
    return Keepsake(
        name=user.nombre_completo,
        puesto=place.puesto,
        address=place_address(place),
        municipio=place.municipio,
        departamento=place.departamento,
        mesa=place.mesa,
        election=election_name(),
        map_url=directions_url(place),
        confirmed_at=record.fetched_at,
    )


def election_name() -> str:
    """The election the card is for: the one the settings announce (``ELECTION_NAME``),
    else the current official list of polling places' (the places are that election's);
    "" with neither. The one reader, to point at the ``elections`` app's own once it is
    settled."""
    announced = getattr(settings, "ELECTION_NAME", "")
    if announced:
        return announced
    places = current_list()
    return places.name if places else ""


def moment_words(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return formats.date_format(local, r"j \d\e F \d\e Y, H:i").lower()
