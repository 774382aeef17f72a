"""The portal's settings for the tests, which talk plain HTTP to localhost as `make run`
does. pytest-django loads settings before any conftest runs, so the variable is set here;
subprocesses (manage.py, qcluster) inherit it."""

import os

os.environ.setdefault("DJANGO_SECURE_SSL", "0")

from pagina_madre.settings import *  # noqa: F403
