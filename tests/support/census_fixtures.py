"""Fixtures of the world outside Django: the census simulator, the browser, a virtual
display. Shared by the integration and contract suites, whose conftests import them; no
Django here, so the scraper suites run with `-p no:django`."""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.census_scraper import BrowserNotFound, resolve_executable

ROOT = Path(__file__).resolve().parents[2]
READY_PREFIX = "census_sim listening on "
START_TIMEOUT_S = 15.0
# A shorter spinner than the simulator's default keeps the suite's many lookups quick.
FAST_SPINNER = ("--spinner-ms", "50")


class CensusSimulatorProcess:
    """A handle on the simulator subprocess: its URL and its control endpoints."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.load(response)

    def set_mode(self, mode: str, delay_s: float | None = None) -> None:
        payload: dict[str, Any] = {"mode": mode}
        if delay_s is not None:
            payload["delay_s"] = delay_s
        self._call("POST", "/__sim/mode", payload)

    def reset(self) -> None:
        self._call("POST", "/__sim/reset", {})

    def stats(self) -> dict[str, Any]:
        return self._call("GET", "/__sim/stats")

    def requests(self, endpoint: str) -> int:
        """How many times ``endpoint`` ("GET /", "POST /back/api/consulta") was requested."""
        return self.stats()["requests"].get(endpoint, 0)


def _stop(process: subprocess.Popen[Any]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _read_ready_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_TIMEOUT_S
    while (remaining := deadline - time.monotonic()) > 0:
        if not selector.select(remaining):
            break
        line = process.stdout.readline()
        if not line:
            break  # the process ended
        if line.startswith(READY_PREFIX):
            return line.removeprefix(READY_PREFIX).strip()
    process.kill()
    raise RuntimeError(f"the census simulator did not start within {START_TIMEOUT_S} s")


@pytest.fixture(scope="session")
def census_sim_server() -> Iterator[CensusSimulatorProcess]:
    """``python -m census_sim --port 0`` for the whole session."""
    env = dict(os.environ)
    # Importable whether or not the project is pip-installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    process = subprocess.Popen(
        [sys.executable, "-m", "census_sim", "--host", "127.0.0.1", "--port", "0", *FAST_SPINNER],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        yield CensusSimulatorProcess(process, _read_ready_line(process))
    finally:
        _stop(process)


@pytest.fixture
def census_sim(census_sim_server: CensusSimulatorProcess) -> Iterator[CensusSimulatorProcess]:
    """The running simulator, in normal mode with empty stats, reset again afterwards."""
    census_sim_server.reset()
    yield census_sim_server
    census_sim_server.reset()


@pytest.fixture(scope="session")
def browser_executable() -> str:
    """The Chromium the tests drive (CENSUS_BROWSER_EXECUTABLE, Playwright's, or Debian's)."""
    try:
        return resolve_executable(os.environ.get("CENSUS_BROWSER_EXECUTABLE") or None)
    except BrowserNotFound as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A virtual X display (":N") for headful browsers, for the whole session."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: apt-get install -y xvfb (make test does it as root)")
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it to the pipe when ready.
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        selector = selectors.DefaultSelector()
        selector.register(read_end, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT_S):
            raise RuntimeError("Xvfb did not start")
        number = os.read(read_end, 64).decode().strip()
        yield f":{number}"
    finally:
        os.close(read_end)
        _stop(process)
