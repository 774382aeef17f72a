"""The shared cache, where the abuse limits count."""

from pagina_madre.settings.environment import config

# The counts must be shared by every process and host: Redis when there is one, else the
# database (a table made by `manage.py migrate`: the portal app), through a backend whose
# increment is atomic. Django-Q2's cluster statistics, written twice a second, stay in
# the worker's memory rather than in SQLite.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": config.stores.redis_url,
        }
        if config.stores.redis_url
        else {
            "BACKEND": "portal.counter_cache.CounterDatabaseCache",
            "LOCATION": "pagina_madre_cache",
        }
    ),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# django-ratelimit knows neither backend by name; both count atomically and are shared,
# which is what its warning asks. Its errors (a per-process or fake cache) stay on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
