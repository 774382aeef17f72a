from django.apps import AppConfig


class CensusAppConfig(AppConfig):
    """A person's census lookup: where they vote, as the Registraduría (or they) told us."""

    name = "census"
    verbose_name = "Censo electoral"

    def ready(self) -> None:
        # The project is no app, so it has no admin module of its own: the census app owns
        # the worker (its tasks and schedules) and locks Django-Q2's admin (queue_admin).
        from census import checks, personal_data, queue_admin, signals  # noqa: F401  (registers them)
