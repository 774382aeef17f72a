"""The portal's settings for the tests, which talk plain HTTP to localhost as `make run`
does. pytest-django loads settings before any conftest runs, so the variables are set
here; subprocesses (manage.py, qcluster) inherit them."""

import os

os.environ.setdefault("DJANGO_SECURE_SSL", "0")
# Static files straight from the source folders, with no collectstatic before each run.
# Production's compressed, hashed files have tests of their own
# (integration/portal/test_static_files.py).
os.environ.setdefault("WHITENOISE_USE_FINDERS", "1")

from pagina_madre.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
