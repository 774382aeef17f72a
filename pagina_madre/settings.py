"""Settings for Pagina Madre, read from the environment (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from adapters.environment import Environment
from adapters.sms import SmsConfig
from pagina_madre.census_config import CensusConfig
from pagina_madre.local_secret import local_secret_key
from pagina_madre.rate import checked_rate

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def flag(name: str, default: bool) -> bool:
    """A true/false variable, read one way for every setting (the census's included): 1,
    true, yes, on, sí or 0, false, no, off; anything else stops the portal, naming it.
    (django-environ's ``env.bool`` would take "sí" or a typo for false.)"""
    value = Environment(os.environ).flag(name)
    return default if value is None else value


# Everything the portal writes on disk (SQLite file, local secret, static files,
# scraper snapshots) lives here, outside git.
DATA_DIR = Path(env.str("PAGINA_MADRE_DATA_DIR", default=str(BASE_DIR / "var")))

DEBUG = flag("DJANGO_DEBUG", False)
# With debug off the portal hardens HTTPS (below) unless told it runs on plain HTTP
# locally (DJANGO_SECURE_SSL=0, as `make run` and `make demo` say).
SECURE_SSL = not DEBUG and flag("DJANGO_SECURE_SSL", True)
# Read as given: django-environ takes a value starting with "$" for a reference to another
# variable, and a generated key starts with "$" one time in fifty.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
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
    # The shared web kit the apps below use (and the cache table's migration).
    "portal",
    "accounts",
    "census",
    "operations",
    "referrals",
    # The admin, with a second factor for staff when STAFF_TOTP=1 (pagina_madre.admin_site).
    "pagina_madre.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # django-axes and django-otp's TOTP under Spanish names in the admin.
    "pagina_madre.app_names.LoginAttemptsConfig",
    "django_htmx",
    "django_bootstrap5",
    "django_q",
    "phonenumber_field",
    "csp",
    "django_ratelimit",
    "django_otp",
    "pagina_madre.app_names.StaffTOTPConfig",
    # Operators' reads of personal data in the admin (accounts.audit).
    "auditlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Whoever accepted an older data policy accepts the current one before going on.
    "accounts.policy_gate.PolicyAcceptanceMiddleware",
    "pagina_madre.middleware.PrivatePagesMiddleware",
    # A POST-only address opened in the browser gets a Spanish 405 page (error_pages).
    "pagina_madre.error_pages.MethodNotAllowedPage",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A limit reached (pagina_madre.rate_limits) becomes the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
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
                "census.context_processors.census_retention",
                "census.context_processors.census_official_page",
                "pagina_madre.context_processors.operator",
            ],
            # The site frame's tags: {% load portal %} (error summary, phone format).
            "libraries": {"portal": "pagina_madre.templatetags.portal"},
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
            # secure_delete: a deleted row's bytes are overwritten, so what a person had
            # us delete does not linger in the file's free pages (Ley 1581).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
            ),
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test_pagina_madre.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when set (redis://host:6379/0): what every host of a fleet must share besides
# the database. Unset on a single machine.
REDIS_URL = env.str("REDIS_URL", default="")

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
# The pair is the cédula and the client's real address (read through the proxies, below),
# so nobody else's failures lock a citizen out; attempts made while locked out are refused
# without counting, so they do not push the end of the lockout back.
AXES_CLIENT_IP_CALLABLE = "pagina_madre.client_address.client_address"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_STR_CALLABLE = "accounts.login.axes_client_str"

# --- Abuse limits (django-ratelimit, django-ipware) ----------------------------------
# Behind N reverse proxies (each appending to X-Forwarded-For) the client's address is
# read through them; 0 reads REMOTE_ADDR alone, as any client can write the header.
# pagina_madre.client_address is the one reader, for these limits and for django-axes.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
try:
    # Accounts created per client address.
    REGISTRATION_RATE = checked_rate(
        "REGISTRATION_RATE", env.str("REGISTRATION_RATE", default="5/h")
    )
    # Registration forms sent per client address: each answers whether a cédula has an
    # account, so this bounds how fast anyone can probe for them.
    EXISTENCE_ANSWER_RATE = checked_rate(
        "EXISTENCE_ANSWER_RATE", env.str("EXISTENCE_ANSWER_RATE", default="20/h")
    )
    # Login attempts per client address, whatever the cédula (password spraying). Axes
    # gives each cédula 5 tries per address; 30 leaves room for a home, an office or a
    # café behind one address to each use theirs, and gives a sprayer 30 guesses an hour.
    LOGIN_RATE = checked_rate("LOGIN_RATE", env.str("LOGIN_RATE", default="30/h"))
    # Results a person tells us ("Cuéntanos qué te salió"), per person.
    REPORT_RATE = checked_rate("REPORT_RATE", env.str("REPORT_RATE", default="10/h"))
    # Password-recovery forms sent per client address (asking for a code, typing one):
    # each code is an SMS we pay for, and each account gets 3 codes an hour anyway.
    RECOVERY_RATE = checked_rate("RECOVERY_RATE", env.str("RECOVERY_RATE", default="10/h"))
    # Cédula claims sent per client address.
    CLAIM_RATE = checked_rate("CLAIM_RATE", env.str("CLAIM_RATE", default="5/h"))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
RATELIMIT_VIEW = "pagina_madre.rate_limits.too_many_requests"
RATELIMIT_USE_CACHE = "default"

# The counts must be shared by every process and host: Redis when there is one, else the
# database (a table made by `manage.py migrate`: the portal app), through a backend whose
# increment is atomic. Django-Q2's cluster statistics, written twice a second, stay in
# the worker's memory rather than in SQLite.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "pagina_madre.counter_cache.CounterDatabaseCache",
            "LOCATION": "pagina_madre_cache",
        }
    ),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# django-ratelimit knows neither backend by name; both count atomically and are shared,
# which is what its warning asks. Its errors (a per-process or fake cache) stay on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Optional proof of work on registration (ALTCHA, self-hosted): the browser spends about
# a second per account, which costs a bulk registrar dearly and a person nothing.
REGISTRATION_CHALLENGE = flag("REGISTRATION_CHALLENGE", False)
REGISTRATION_CHALLENGE_MAX_NUMBER = env.int("REGISTRATION_CHALLENGE_MAX_NUMBER", default=100_000)
if REGISTRATION_CHALLENGE_MAX_NUMBER < 1:
    raise ImproperlyConfigured("REGISTRATION_CHALLENGE_MAX_NUMBER must be 1 or more.")

# --- Second factor for staff (django-otp) ---------------------------------------------
# 1: the admin lets in only staff who also typed a code from their TOTP app (enrolled
# with `manage.py enroll_totp CEDULA`).
STAFF_TOTP = flag("STAFF_TOTP", False)
OTP_TOTP_ISSUER = "Pagina Madre"

# --- Content Security Policy (django-csp) ---------------------------------------------
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

# --- Forms and error pages ----------------------------------------------------------
# Fields are marked only when wrong, never green (pagina_madre.form_rendering); no
# placeholder repeats the label.
BOOTSTRAP5 = {
    "field_renderers": {"default": "pagina_madre.form_rendering.ErrorsOnlyFieldRenderer"},
    "set_placeholder": False,
}
CSRF_FAILURE_VIEW = "pagina_madre.error_pages.csrf_failure"

# --- The phone: text messages, recovery codes, verification ---------------------------
# SMS_BACKEND console (the log stands in for the phone on a local run; in production it
# sends nothing), file (one JSON line per message, for tests) or twilio (SMS_PROVIDER_*);
# validated here, built by pagina_madre.sms.
try:
    SMS = SmsConfig.from_env(
        {"SMS_FILE_PATH": str(DATA_DIR / "sms" / "outbox.jsonl"), **os.environ},
        local=not SECURE_SSL,
    )
except ValueError as error:
    raise ImproperlyConfigured(f"SMS settings: {error}") from None
# 1: a new account proves its phone with a code before its first census lookup.
PHONE_VERIFICATION = flag("PHONE_VERIFICATION", False)
if PHONE_VERIFICATION and SMS.backend == "console" and not SMS.local:
    raise ImproperlyConfigured(
        "PHONE_VERIFICATION=1 needs a real SMS_BACKEND in production: with the console "
        "backend no code would ever reach anyone, and no lookup would start."
    )

if SECURE_SSL:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if flag("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Language, time, static files -----------------------------------------------------
LANGUAGE_CODE = "es-co"
# Our words over Django's and the libraries' (tú, Colombian Spanish; admin names in
# Spanish): pagina_madre/locale/es, compiled by `make install`, the .mo kept in git.
LOCALE_PATHS = [BASE_DIR / "pagina_madre" / "locale"]
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
WHITENOISE_USE_FINDERS = flag("WHITENOISE_USE_FINDERS", True)

# Every handler masks cédulas (pagina_madre.log_masking); Django-Q2's logger, which would
# otherwise get a handler of its own, writes through the same one.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cedulas": {"()": "pagina_madre.log_masking.MaskCedulas"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_cedulas"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django-q": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}

# Who runs the portal (Ley 1581's data controller), on every page's footer and in the data
# policy (pagina_madre.operator). Unset, pages show a placeholder and `manage.py check
# --deploy` warns (accounts.checks). OPERATOR_ID: the NIT, or the cédula of a person.
OPERATOR_NAME = env.str("OPERATOR_NAME", default="")
OPERATOR_ID = env.str("OPERATOR_ID", default="")
OPERATOR_ADDRESS = env.str("OPERATOR_ADDRESS", default="")
# OPERATOR_EMAIL: where people write to exercise their rights by other means than their
# account (the data policy says so); staff then act from the admin.
OPERATOR_EMAIL = env.str("OPERATOR_EMAIL", default="")
OPERATOR_PHONE = env.str("OPERATOR_PHONE", default="")

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
# The task waits its turn among the fleet's (a few CENSUS_MIN_INTERVAL_S at most), then runs
# the lookup (CENSUS_TIMEOUT_S).
QCLUSTER_TIMEOUT = env.int(
    "QCLUSTER_TIMEOUT", default=int(CENSUS.pace_wait_s + CENSUS.scraper.timeout_s) + 15
)
Q_CLUSTER = {
    "name": "pagina_madre",
    # Redis lets any number of clusters on any number of hosts pull tasks, and delivers
    # at most once; the ORM broker (the database) delivers at least once. Either way a
    # task only wakes a worker: the lookup record is the truth, the sweep recovers.
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
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
    # Results are kept briefly (the sweep drops successes older than
    # QCLUSTER_RESULTS_MINUTES): they are for watching the cluster, not a record.
    "save_limit": env.int("QCLUSTER_SAVE_LIMIT", default=50),
    "catch_up": False,
    # A fresh worker process (and so a fresh browser) now and then bounds memory growth.
    "recycle": env.int("QCLUSTER_RECYCLE", default=500),
    "label": "Tareas en segundo plano",
    # Statistics only (see CACHES): in the worker's memory, not in SQLite.
    "cache": "local",
}
QCLUSTER_RESULTS_MINUTES = env.int("QCLUSTER_RESULTS_MINUTES", default=60)
# A worker holds a lookup this long; past it the attempt is presumed lost. Longer than
# the task timeout (a live worker never loses it), shorter than the broker's retry (a
# redelivered task finds it expired).
CENSUS_LEASE_S = env.int("CENSUS_LEASE_S", default=QCLUSTER_TIMEOUT + 10)
