"""The admin's permissions named in Spanish.

Django names the four permissions of every model in English ("Can view cédula"), stored
in the database when `migrate` first meets the model and never translated. After each
app's migration (post_migrate) its models' permissions are named again in Spanish from
the model's own name, so a new model's, and a renamed one's, read right too."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission

VERBS = {"view": "ver", "add": "añadir", "change": "cambiar", "delete": "borrar"}
# Permission.name's length.
NAME_LENGTH = 255


def name_in_spanish(*, app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """A post_migrate receiver. It may run before Django's own, which creates the
    permissions: it creates them first (Django's then finds them there)."""
    if not app_config.models_module:
        return
    create_permissions(app_config, using=using, **kwargs)
    names = {
        (
            opts.model_name,
            f"{action}_{opts.model_name}",
        ): f"Puede {VERBS[action]} {opts.verbose_name}"
        for opts in (model._meta for model in app_config.get_models())
        for action in opts.default_permissions
        if action in VERBS
    }
    stored = Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    renamed = []
    for permission in stored.select_related("content_type"):
        name = names.get((permission.content_type.model, permission.codename))
        if name and permission.name != name[:NAME_LENGTH]:
            permission.name = name[:NAME_LENGTH]
            renamed.append(permission)
    Permission.objects.using(using).bulk_update(renamed, ["name"])
