"""The two kinds of environment the portal starts in, as the tests of its configuration
build them: a local run on plain HTTP, and production (HTTPS, a secret key)."""

from __future__ import annotations

from pagina_madre.config import PortalConfig

SECRET_KEY = "k" * 50


def local(**env: str) -> PortalConfig:
    return PortalConfig.from_env({"DJANGO_SECURE_SSL": "0", **env})


def production(**env: str) -> PortalConfig:
    return PortalConfig.from_env({"DJANGO_SECRET_KEY": SECRET_KEY, **env})
