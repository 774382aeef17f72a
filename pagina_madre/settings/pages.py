"""What the browser gets: templates, forms, error pages and static files."""

from pagina_madre.settings.core import BASE_DIR, DATA_DIR
from pagina_madre.settings.environment import config

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
                "portal.context_processors.operator",
            ],
            # The site frame's tags: {% load portal %} (error summary, phone format).
            "libraries": {"portal": "portal.templatetags.portal"},
        },
    },
]

# Fields are marked only when wrong, never green (portal.form_rendering); no
# placeholder repeats the label.
BOOTSTRAP5 = {
    "field_renderers": {"default": "portal.form_rendering.ErrorsOnlyFieldRenderer"},
    "set_placeholder": False,
}
CSRF_FAILURE_VIEW = "pagina_madre.error_pages.csrf_failure"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "pagina_madre" / "static"]
# whitenoise warns on every request when the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip, Brotli), named by content, kept a year: pagina_madre.static_files.
    "staticfiles": {"BACKEND": "pagina_madre.static_files.PortalStaticFilesStorage"},
}
# Only while debugging, unless told: the source folders are served uncompressed.
WHITENOISE_USE_FINDERS = config.whitenoise_use_finders
