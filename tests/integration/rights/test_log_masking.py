"""Every log handler of the portal and of the workers masks cédulas (settings.LOGGING):
messages, their arguments and tracebacks, Django-Q2's logger included."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from integration.rights.rights_support import portal_log

ROOT = Path(__file__).resolve().parents[3]
CEDULA = "1020304050"


def test_the_portals_log_lines_show_only_the_last_digits_of_a_cedula():
    with portal_log() as log:
        logging.getLogger("census.tasks").warning("lookup of %s failed", CEDULA)
        try:
            raise ValueError(f"no answer for {CEDULA}")
        except ValueError:
            logging.getLogger("django-q").exception("task failed")

    written = log.getvalue()
    assert CEDULA not in written
    assert "lookup of ****4050 failed" in written
    assert "ValueError: no answer for ****4050" in written


def test_a_worker_process_masks_them_too(tmp_path: Path):
    lines = (
        "import logging;"
        f"logging.getLogger('django-q').warning('processing {CEDULA}');"
        f"logging.getLogger('adapters.census_scraper').warning('page for {CEDULA}')"
    )
    env = {**os.environ, "DJANGO_SECURE_SSL": "0", "PAGINA_MADRE_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", lines],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert CEDULA not in done.stderr + done.stdout
    assert "processing ****4050" in done.stderr
    assert "page for ****4050" in done.stderr
