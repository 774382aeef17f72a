from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The shared web kit every app may use; for now, the database cache's table."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from portal import checks  # noqa: F401  (registers them)
