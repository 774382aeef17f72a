from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    """Election day: the countdown on the card, "Hoy votas en …" on the day, and the
    reminder texts sent the day before to whoever asked for one."""

    name = "elections"
    verbose_name = "Elecciones"

    def ready(self) -> None:
        # The reminder card on /perfil/, the section of /perfil/mis-datos/, and what a
        # hand-over of an account ends.
        from elections import personal_data, profile, signals  # noqa: F401  (register them)
