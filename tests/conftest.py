"""Suites run without pytest-django (`-p no:django`) start manage.py subprocesses too: they
get the same plain-HTTP local setting as tests/settings.py gives the others."""

import os

os.environ.setdefault("DJANGO_SECURE_SSL", "0")
