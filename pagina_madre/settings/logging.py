"""Logging: every handler masks cédulas (portal.log_masking); Django-Q2's logger, which
would otherwise get a handler of its own, writes through the same one."""

from pagina_madre.settings.environment import config

LOG_LEVEL = config.log_level
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cedulas": {"()": "portal.log_masking.MaskCedulas"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_cedulas"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django-q": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
