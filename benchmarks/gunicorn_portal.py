"""The portal under gunicorn, as `make run` serves it, for the benchmarks that measure it
over HTTP (bench_load.py, bench_page_weight.py): its environment in a throwaway data
folder, a free local port, and ready once its login page answers."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen

ROOT = Path(__file__).resolve().parents[1]
LOGIN = "/ingresar/"


def portal_environment(data_dir: Path) -> dict[str, str]:
    """This process's environment, with the portal's data in ``data_dir`` and served as in
    production (DEBUG off, collected static files), over plain HTTP on this machine."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
        "PAGINA_MADRE_DATA_DIR": str(data_dir),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL": "0",
        "DJANGO_DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("WHITENOISE_USE_FINDERS", None)
    return env


@frozen
class Served:
    url: str
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_portal(
    *, env: dict[str, str], log: Path, options: Sequence[str] = (), ready_within_s: float = 120
) -> Iterator[Served]:
    """gunicorn with gunicorn.conf.py and ``options`` beside it, its output in ``log``;
    stopped on the way out."""
    # Imported here, not above: bench_load.py is locust's locustfile too, and gevent must
    # patch ssl before requests imports it (the other way round, ssl recurses without end).
    import requests

    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "pagina_madre.wsgi"]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", *options],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{log.read_text()[-3000:]}")
            try:
                if requests.get(f"{url}{LOGIN}", timeout=30).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {ready_within_s:.0f} s")
            time.sleep(0.2)
        yield Served(url=url, pid=process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
