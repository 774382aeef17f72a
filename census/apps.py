from django.apps import AppConfig


class CensusAppConfig(AppConfig):
    """A person's census lookup: where they vote, as the Registraduría (or they) told us."""

    name = "census"
    verbose_name = "Censo electoral"

    def ready(self) -> None:
        from census import checks, signals  # noqa: F401  (registers them)
