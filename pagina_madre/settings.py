"""Settings for Pagina Madre, read from the environment (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from pagina_madre.census_config import CensusConfig
from pagina_madre.local_secret import local_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# Everything the portal writes on disk (SQLite file, local secret, static files,
# scraper snapshots) lives here, outside git.
DATA_DIR = Path(env.str("PAGINA_MADRE_DATA_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# With debug off the portal hardens HTTPS (below) unless told it runs on plain HTTP
# locally (DJANGO_SECURE_SSL=0, as `make run` and `make demo` say).
SECURE_SSL = not DEBUG and env.bool("DJANGO_SECURE_SSL", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if SECURE_SSL:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required in production (DJANGO_DEBUG=0 with HTTPS on): "
            "set it to a long random string. Local runs on plain HTTP set "
            "DJANGO_SECURE_SSL=0 and get a generated key."
        )
    SECRET_KEY = local_secret_key(DATA_DIR / "secret_key")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "census",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "django_bootstrap5",
    "django_q",
    "phonenumber_field",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "pagina_madre.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pagina_madre.urls"
WSGI_APPLICATION = "pagina_madre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's frame (base.html, error pages), shared by every app.
        "DIRS": [BASE_DIR / "pagina_madre" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "census.context_processors.census_simulated",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'pagina_madre.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # The portal and the worker write the same file: WAL lets readers go on
            # while one writes, IMMEDIATE takes the write lock at BEGIN (so a
            # transaction never fails half-way on lock upgrade), and the busy timeout
            # makes a writer wait its turn instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT_S", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test_pagina_madre.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.CustomUser"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # The user model has no username, first_name or last_name (Django's defaults):
        # a password must not look like the cédula or the name.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("cedula", "nombre_completo")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "census:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# "Recordarme" keeps the session for 14 days; without it the session ends with the browser.
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# django-axes: after AXES_FAILURE_LIMIT failed logins for one cédula from one address,
# that pair waits AXES_COOLOFF_HOURS. The lockout page says the same whether the
# cédula has an account or not, so it reveals nothing.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(hours=env.float("AXES_COOLOFF_HOURS", default=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.login.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/bloqueado.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

if SECURE_SSL:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env.bool("DJANGO_BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Language, time, static files -----------------------------------------------------
LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True

PHONENUMBER_DEFAULT_REGION = "CO"
PHONENUMBER_DB_FORMAT = "E164"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "pagina_madre" / "static"]
# whitenoise warns on every request when the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the apps' static folders when nothing was collected (tests, dev).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Census lookups -------------------------------------------------------------------
# Every CENSUS_* variable (see .env.example), validated here so that a typo stops the
# portal at start with the variable's name rather than failing in a worker later. Only
# pagina_madre.bootstrap reads it.
# Snapshots go with everything else the portal writes, unless told otherwise.
try:
    CENSUS = CensusConfig.from_env(
        {"CENSUS_SNAPSHOT_DIR": str(DATA_DIR / "snapshots"), **os.environ}
    )
except ValueError as error:
    raise ImproperlyConfigured(f"Census settings: {error}") from None

# --- Django-Q2 (background lookups) ---------------------------------------------------
# The task waits its turn (CENSUS_MIN_INTERVAL_S), then runs the lookup (CENSUS_TIMEOUT_S).
QCLUSTER_TIMEOUT = env.int(
    "QCLUSTER_TIMEOUT", default=int(CENSUS.min_interval_s + CENSUS.scraper.timeout_s) + 15
)
Q_CLUSTER = {
    "name": "pagina_madre",
    "orm": "default",
    # SQLite takes one writer at a time: one worker (checked by census.checks).
    "workers": env.int("QCLUSTER_WORKERS", default=1),
    "timeout": QCLUSTER_TIMEOUT,
    # The ORM broker hands a task out again `retry` seconds after it was pulled, so it
    # must outlast the timeout or a slow lookup runs twice.
    "retry": env.int("QCLUSTER_RETRY", default=QCLUSTER_TIMEOUT + 30),
    # Retries are the domain's business (RetryPolicy): Django-Q2 never re-runs a
    # failed task by itself, and acknowledges failures so they don't come back.
    "max_attempts": 1,
    "ack_failures": True,
    "queue_limit": env.int("QCLUSTER_QUEUE_LIMIT", default=2),
    "bulk": 1,
    "poll": env.float("QCLUSTER_POLL_S", default=1),
    "save_limit": 500,
    "catch_up": False,
    # A fresh worker process (and so a fresh browser) now and then bounds memory growth.
    "recycle": env.int("QCLUSTER_RECYCLE", default=500),
    "label": "Tareas en segundo plano",
}
# A worker holds a lookup this long; past it the attempt is presumed lost. Longer than
# the task timeout (a live worker never loses it), shorter than the broker's retry (a
# redelivered task finds it expired).
CENSUS_LEASE_S = env.int("CENSUS_LEASE_S", default=QCLUSTER_TIMEOUT + 10)
