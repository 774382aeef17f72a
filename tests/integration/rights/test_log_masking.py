"""Every log handler of the portal and of the workers masks cédulas (settings.LOGGING):
messages, their arguments and tracebacks, Django-Q2's logger included. The one exception
is the phone of a local run (SMS_BACKEND=console), whose texts show whole."""

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


def test_on_a_local_run_the_console_phone_shows_the_code_while_every_other_line_masks(
    tmp_path: Path,
):
    lines = (
        "import logging;"
        "from django.conf import settings;"
        "from adapters.sms import build_sms_sender;"
        "build_sms_sender(settings.SMS).send("
        "'+573001234567', 'Tu código para recuperar tu contraseña es 482627.');"
        "logging.getLogger('accounts.phone').warning('code 482627 sent for 1020304050');"
        "logging.getLogger('pagina_madre.sms').warning('retrying 482627')"
    )
    env = {
        **os.environ,
        "DJANGO_SECURE_SSL": "0",
        "SMS_BACKEND": "console",
        "LOG_LEVEL": "WARNING",
        "PAGINA_MADRE_DATA_DIR": str(tmp_path),
    }
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

    written = done.stderr + done.stdout
    # The phone: the whole text, the number still shortened to its end.
    assert "SMS to …4567: Tu código para recuperar tu contraseña es 482627." in written
    assert "3001234567" not in written
    # Every other line, of any logger, sms ones included: masked.
    assert "code ****627 sent for ****4050" in written
    assert "retrying ****627" in written
    assert "1020304050" not in written
