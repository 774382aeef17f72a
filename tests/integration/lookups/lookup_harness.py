"""Driving the real portal and worker from tests: processes, HTTP sessions, waits."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import psutil
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from cedula_domain import LookupStatus
from census_sim.census import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "Clave-segura-2026"
T = TypeVar("T")
_CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Short budgets and delays, in the same proportions as production's (checked by
# census.checks): timeout < lease < retry.
WORKER_SETTINGS = {
    "CENSUS_SCRAPER": "stealth",
    "CENSUS_TIMEOUT_S": "10",
    "CENSUS_MIN_INTERVAL_S": "0",
    "CENSUS_RETRY_BASE_S": "1",
    "CENSUS_BLOCKED_RETRY_BASE_S": "2",
    "CENSUS_RETRY_MIN_S": "1",
    "CENSUS_RETRY_MAX_S": "4",
    "QCLUSTER_TIMEOUT": "20",
    "CENSUS_LEASE_S": "25",
    "QCLUSTER_RETRY": "40",
    "QCLUSTER_POLL_S": "0.2",
}


def wait_until(condition: Callable[[], T], timeout_s: float, what: str) -> T:
    """Polls ``condition`` until it returns something truthy; fails after the timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.25)


class Worker:
    """`manage.py qcluster` in its own process group, as `make run` starts it."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL to the whole cluster at once: no handler runs, nothing is cleaned up."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def browsers(self) -> list[psutil.Process]:
        """Chromium processes started by this worker (found by its environment marker)."""
        marker = self.env["PAGINA_MADRE_TEST_WORKER"]
        found = []
        for process in psutil.process_iter(["name"]):
            try:
                if "chrom" in (process.info["name"] or "") and (
                    process.environ().get("PAGINA_MADRE_TEST_WORKER") == marker
                ):
                    found.append(process)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return found


class Portal:
    """A person's browser-less session on the live portal, over real HTTP."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        # As a browser does: a GET sent on a kept-alive connection the server closed at that
        # very moment (gunicorn's threads keep them 2 s) is sent again on a new one.
        self.session.mount(
            base_url, HTTPAdapter(max_retries=Retry(total=2, connect=2, read=2, other=0))
        )

    def register(
        self, cedula: str, nombre: str = "Persona de Prueba", **fields: str
    ) -> requests.Response:
        """Fills the registration form; ``fields`` adds boxes (a consent) or replaces any."""
        form = self.session.get(f"{self.base_url}/registro/", timeout=30)
        token = _CSRF_TOKEN.search(form.text)
        assert token, "the registration form has no CSRF token"
        return self.session.post(
            f"{self.base_url}/registro/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "nombre_completo": nombre,
                "cedula": cedula,
                "telefono": "3001234567",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "acepta_politica": "on",
                **fields,
            },
            allow_redirects=False,
            timeout=60,
        )

    def status(self) -> dict[str, Any]:
        response = self.session.get(f"{self.base_url}/censo/estado.json", timeout=30)
        response.raise_for_status()
        return response.json()

    def card(self) -> str:
        """The census card, as htmx asks for it."""
        response = self.session.get(f"{self.base_url}/censo/tarjeta/", timeout=30)
        response.raise_for_status()
        return response.text

    def report(self, resultado: str, **fields: str) -> requests.Response:
        """Tells what the Registraduría's page showed, as the card leads to: the result on
        the first page, then, when it asks for more, ``fields`` on the page it leads to.
        The last answer (a redirect home once saved)."""
        page = self.session.get(f"{self.base_url}/censo/informar/", timeout=30)
        page.raise_for_status()
        token = _CSRF_TOKEN.search(page.text)  # of the page, or of home when not offered
        assert token, "the report page has no CSRF token"
        answer = self.session.post(
            f"{self.base_url}/censo/informar/",
            data={"csrfmiddlewaretoken": token.group(1), "resultado": resultado},
            allow_redirects=False,
            timeout=60,
        )
        detail = answer.headers.get("Location", "")
        if answer.status_code != 302 or not detail.startswith("/censo/informar/"):
            return answer
        return self.session.post(
            f"{self.base_url}{detail}",
            data={"csrfmiddlewaretoken": token.group(1), **fields},
            allow_redirects=False,
            timeout=60,
        )


FINAL = {status.value for status in LookupStatus if status.is_final}


def census_place(cedula: str) -> dict[str, str]:
    """The voting place the simulator answers for ``cedula``, as estado.json shows it."""
    data = FIXTURES[cedula]["data"]
    fields = {"departamento": "nom_depto", "municipio": "nom_mun", "puesto": "nom_puesto"}
    fields |= {"direccion": "direccion", "mesa": "mesa"}
    return {ours: str(data[theirs]).strip() for ours, theirs in fields.items()}


def final_status(person: Portal, timeout_s: float) -> dict[str, Any]:
    return wait_until(
        lambda: (status := person.status())["status"] in FINAL and status,
        timeout_s,
        "a final census status",
    )
