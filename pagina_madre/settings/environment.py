"""The portal's configuration, read once from this process's environment (and ``.env``,
which fills what the process was not given). A variable that makes no sense stops the
portal here, at start, naming it."""

import os

import environ
from django.core.exceptions import ImproperlyConfigured

from pagina_madre.config import PROJECT_DIR, InvalidConfig, PortalConfig

environ.Env.read_env(PROJECT_DIR / ".env")

try:
    config = PortalConfig.from_env(os.environ)
except InvalidConfig as error:
    raise ImproperlyConfigured(str(error)) from None
