"""Django's core: the apps, the middleware, language and time."""

from pagina_madre.config import PROJECT_DIR as BASE_DIR
from pagina_madre.settings.environment import config

DATA_DIR = config.data_dir

DEBUG = config.security.debug

INSTALLED_APPS = [
    # The shared web kit the apps below use (and the cache table's migration).
    "portal",
    "accounts",
    "polling_places",
    "census",
    "operations",
    "referrals",
    "elections",
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
    # Operators' reads of personal data in the admin (accounts.privacy.audit).
    "auditlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Whitenoise, keeping hashed files a year (pagina_madre.static_files).
    "pagina_madre.static_files.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A logout, a deleted account or another person's login clears the site's data in the
    # browser (the card kept on the phone): portal.site_data.
    "portal.site_data.ClearSiteDataWhenThePersonChanges",
    # Whoever accepted an older data policy accepts the current one before going on.
    "accounts.privacy.gate.PolicyAcceptanceMiddleware",
    # With PHONE_VERIFICATION on, a person proves their phone before anything else.
    "accounts.phone.gate.PhoneVerificationMiddleware",
    "pagina_madre.middleware.PrivatePagesMiddleware",
    # A POST-only address opened in the browser gets a Spanish 405 page (error_pages).
    "pagina_madre.error_pages.MethodNotAllowedPage",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A limit reached (portal.rate_limits) becomes the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pagina_madre.urls"
WSGI_APPLICATION = "pagina_madre.wsgi.application"

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
