"""Who may reach the portal and how: the secret key, hosts, cookies, HTTPS and the
Content-Security-Policy."""

from pagina_madre.settings.environment import config
from pagina_madre.settings.local_secret import local_secret_key

# With debug off the portal hardens HTTPS (below) unless told it runs on plain HTTP
# locally (DJANGO_SECURE_SSL=0, as `make run` and `make demo` say).
SECURE_SSL = config.security.secure_ssl
# Production gives one (the configuration refuses to start without it); a local run gets
# one generated once beside its data.
SECRET_KEY = config.security.secret_key or local_secret_key(config.data_dir / "secret_key")
ALLOWED_HOSTS = list(config.security.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(config.security.csrf_trusted_origins)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

if SECURE_SSL:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = config.security.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if config.security.behind_proxy:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Only our own files: no inline script or style anywhere (htmx's indicator styles are
# off in base.html). Bootstrap draws some icons as data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
