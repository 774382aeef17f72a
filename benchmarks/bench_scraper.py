"""How much a warm lookup by our scraper costs next to a bare Playwright script.

Starts the census simulator, launches both browsers once, then times RUNS lookups of
each (alternating, so that load on the machine hits both alike) and prints the medians.
The bare script does only the steps: new context, page, goto, fill, submit, wait for the
JSON, close. Ours adds stealth, block detection, the time budget and the bookkeeping.

    .venv/bin/python benchmarks/bench_scraper.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from adapters.census_scraper import ScraperConfig, build_scraper, resolve_executable  # noqa: E402
from adapters.census_scraper.engines import launch_args  # noqa: E402
from cedula_domain.cedula import Cedula  # noqa: E402
from cedula_domain.outcomes import Found  # noqa: E402

RUNS = 15
WARM_UP = 2
CEDULA = "1020304050"


def start_simulator() -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "census_sim", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the readiness line; the simulator starts in ~0.1 s
    if not line.startswith("census_sim listening on "):
        process.kill()
        raise SystemExit(f"the simulator did not start: {line!r}")
    return process, line.rsplit(" ", 1)[1].strip()


def bare_lookup(browser: Browser, url: str) -> float:
    started = time.perf_counter()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.select_option("#eleccion", "0")
    page.fill("#documento", CEDULA)
    with page.expect_response(lambda r: "/back/api/consulta" in r.url) as answer:
        page.click("#submitBtn")
    assert answer.value.json()["encontrado"] is True
    page.close()
    context.close()
    return time.perf_counter() - started


def ours_lookup(scraper: object, cedula: Cedula) -> float:
    started = time.perf_counter()
    outcome = scraper.lookup(cedula)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    assert isinstance(outcome, Found), outcome
    return elapsed


def main() -> int:
    executable = resolve_executable(os.environ.get("CENSUS_BROWSER_EXECUTABLE") or None)
    simulator, url = start_simulator()
    cedula = Cedula.parse(CEDULA)
    scraper = build_scraper(ScraperConfig(url=url, engines=("stealth",), executable=executable))
    ours: list[float] = []
    bare: list[float] = []
    try:
        # Our scraper drives its browser on a thread of its own, so the bare script can
        # use the sync API on this one.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=launch_args())
            for run in range(WARM_UP + RUNS):
                ours_time = ours_lookup(scraper, cedula)
                bare_time = bare_lookup(browser, url)
                if run >= WARM_UP:
                    ours.append(ours_time)
                    bare.append(bare_time)
            browser.close()
    finally:
        scraper.close()
        simulator.terminate()
        simulator.wait(timeout=5)

    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"warm lookup, median of {RUNS} (browser already launched):")
    print(f"  our scraper (stealth engine): {ours_median * 1000:7.1f} ms")
    print(f"  bare Playwright script:       {bare_median * 1000:7.1f} ms")
    print(f"  ratio ours / bare:            {ours_median / bare_median:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
