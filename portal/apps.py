from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The shared web kit every app may use; for now, the database cache's table."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from portal import checks  # noqa: F401  (registers them)
        from portal.permission_names import name_in_spanish

        post_migrate.connect(name_in_spanish, dispatch_uid="portal.permission_names")
