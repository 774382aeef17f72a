"""Census lookups: every CENSUS_* variable (see .env.example), validated when the settings
load. Only pagina_madre.bootstrap reads it."""

from pagina_madre.settings.environment import config

CENSUS = config.census
