"""The abuse limits (django-ratelimit): requests per client address, read through the
reverse proxies in front of the portal. Over a limit: the 429 page."""

from pagina_madre.settings.environment import config

# portal.client_address is the one reader of the client's address, for these limits and
# for django-axes.
TRUSTED_PROXY_COUNT = config.limits.trusted_proxy_count
REGISTRATION_RATE = config.limits.registration_rate
EXISTENCE_ANSWER_RATE = config.limits.existence_answer_rate
LOGIN_RATE = config.limits.login_rate
REPORT_RATE = config.limits.report_rate
RECOVERY_RATE = config.limits.recovery_rate
CLAIM_RATE = config.limits.claim_rate
RATELIMIT_VIEW = "portal.rate_limits.too_many_requests"
# Shared by every process and host (settings.cache).
RATELIMIT_USE_CACHE = "default"
