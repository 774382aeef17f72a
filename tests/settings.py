"""The portal's settings for the tests, which talk plain HTTP to localhost as `make run`
does. pytest-django loads settings before any conftest runs, so the variables are set
here; subprocesses (manage.py, qcluster) inherit them."""

import os
from pathlib import Path

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

# A test database of this run's own: two runs on one machine (a developer's beside
# `make test`, two checkouts sharing var/) must never write the same SQLite file. xdist's
# workers are processes of their own.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _test_name = Path(DATABASES["default"]["TEST"]["NAME"])  # noqa: F405
    DATABASES["default"]["TEST"]["NAME"] = str(  # noqa: F405
        _test_name.with_stem(f"{_test_name.stem}_{os.getpid()}")
    )
