"""Logging: every handler masks cédulas (portal.log_masking); Django-Q2's logger, which
would otherwise get a handler of its own, writes through the same one. The one exception
is the local phone (SMS_BACKEND=console on a local run, adapters.sms.console): its texts
are written whole, codes included, on a handler of their own."""

from adapters.sms.console import LOCAL_PHONE_LOGGER
from pagina_madre.settings.environment import config

LOG_LEVEL = config.log_level
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cedulas": {"()": "portal.log_masking.MaskCedulas"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_cedulas"]},
        "local_phone": {"class": "logging.StreamHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django-q": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # The phone of a local run: always shown, whatever LOG_LEVEL, and only here.
        LOCAL_PHONE_LOGGER: {"handlers": ["local_phone"], "level": "INFO", "propagate": False},
    },
}
