from django.apps import AppConfig


class PollingPlacesAppConfig(AppConfig):
    """The Registraduría's official list of polling places (DIVIPOLE), one per election."""

    name = "polling_places"
    verbose_name = "Puestos de votación oficiales"
