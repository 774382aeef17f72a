"""How much a warm lookup by our scraper costs next to a bare Playwright script, and how
fast it recognises each kind of block.

Starts the census simulator and launches both browsers once.

1. Warm lookups: RUNS of each (alternating, so that load on the machine hits all alike),
   medians and their ratio (goal: at most 1.10). The bare script does only the steps: new
   context, page, goto, fill, submit, wait for the JSON, close. Ours adds stealth, judging
   each page by what it shows, the time budget and the bookkeeping. The same bare script
   with stealth's evasions in its context tells the two apart.
2. Block recognition, per simulator mode: the median time our lookup takes to end Blocked,
   less the median time a bare script written for that very page takes until the block
   shows (same context, page and close). The difference is the time from the block
   showing to the Blocked outcome. A JavaScript challenge is given the settle grace on
   purpose (it may clear itself), so its figure is that grace.

    .venv/bin/python benchmarks/bench_scraper.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from adapters.census_scraper import ScraperConfig, build_scraper, resolve_executable  # noqa: E402
from adapters.census_scraper.engines import launch_args, shared_stealth  # noqa: E402
from cedula_domain.cedula import Cedula  # noqa: E402
from cedula_domain.outcomes import Blocked, Found  # noqa: E402

RUNS = 15
WARM_UP = 2
BLOCK_RUNS = 5
CEDULA = "1020304050"
REJECTED_TITLE = "document.title === 'Request Rejected'"


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


def bare_lookup(browser: Browser, url: str, *, stealth: bool = False) -> float:
    started = time.perf_counter()
    context = browser.new_context()
    if stealth:
        shared_stealth().apply_stealth_sync(context)
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


def ours_lookup(scraper: object, cedula: Cedula, expected: type = Found) -> float:
    started = time.perf_counter()
    outcome = scraper.lookup(cedula)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    assert isinstance(outcome, expected), outcome
    return elapsed


def set_mode(url: str, mode: str) -> None:
    request = urllib.request.Request(
        f"{url}__sim/mode",
        data=json.dumps({"mode": mode}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5):
        pass


def submit(page: Page) -> None:
    page.select_option("#eleccion", "0")
    page.fill("#documento", CEDULA)
    page.click("#submitBtn")


def consulta_answered(page: Page) -> None:
    with page.expect_response(lambda r: "/back/api/consulta" in r.url):
        submit(page)


# Per mode: what a script written for that page does until the block shows (after goto).
BLOCK_SHOWS: dict[str, Callable[[Page], object]] = {
    "firewall": lambda page: page.wait_for_function(REJECTED_TITLE),
    "js_challenge": lambda page: page.wait_for_selector("script[src*='/TSPD/']", state="attached"),
    "captcha": lambda page: page.wait_for_selector(".g-recaptcha", state="visible"),
    "turnstile": lambda page: page.wait_for_selector(".cf-turnstile", state="visible"),
    "firewall_api": consulta_answered,
    "status_429": consulta_answered,
    "captcha_after_submit": lambda page: (
        submit(page),
        page.wait_for_selector("iframe[title*='recaptcha challenge' i]", state="visible"),
    ),
    "rejected_after_form": lambda page: (submit(page), page.wait_for_function(REJECTED_TITLE)),
}


def bare_until_block(browser: Browser, url: str, shows: Callable[[Page], object]) -> float:
    started = time.perf_counter()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    shows(page)
    page.close()
    context.close()
    return time.perf_counter() - started


def block_recognition(scraper: object, browser: Browser, url: str) -> None:
    cedula = Cedula.parse(CEDULA)
    print(f"block recognition, median of {BLOCK_RUNS} (from the block showing to Blocked):")
    for mode, shows in BLOCK_SHOWS.items():
        set_mode(url, mode)
        ours = statistics.median(ours_lookup(scraper, cedula, Blocked) for _ in range(BLOCK_RUNS))
        bare = statistics.median(bare_until_block(browser, url, shows) for _ in range(BLOCK_RUNS))
        print(
            f"  {mode:22s} lookup {ours * 1000:7.1f} ms, block shows at {bare * 1000:7.1f} ms: "
            f"recognised in {(ours - bare) * 1000:7.1f} ms"
        )
    set_mode(url, "normal")


def warm_lookups(scraper: object, browser: Browser, url: str) -> None:
    cedula = Cedula.parse(CEDULA)
    ours: list[float] = []
    bare: list[float] = []
    stealthy: list[float] = []
    for run in range(WARM_UP + RUNS):
        times = (
            ours_lookup(scraper, cedula),
            bare_lookup(browser, url),
            bare_lookup(browser, url, stealth=True),
        )
        if run >= WARM_UP:
            for series, elapsed in zip((ours, bare, stealthy), times, strict=True):
                series.append(elapsed)
    ours_ms, bare_ms, stealthy_ms = (statistics.median(s) * 1000 for s in (ours, bare, stealthy))
    print(f"warm lookup, median of {RUNS} (browser already launched):")
    print(f"  our scraper (stealth engine): {ours_ms:7.1f} ms")
    print(f"  bare Playwright script:       {bare_ms:7.1f} ms")
    print(f"  the same with stealth:        {stealthy_ms:7.1f} ms")
    print(f"  ratio ours / bare:            {ours_ms / bare_ms:7.2f}  (goal: at most 1.10)")
    print(f"  of which stealth's evasions:  {stealthy_ms / bare_ms:7.2f}")
    print(f"  and ours over bare + stealth: {ours_ms / stealthy_ms:7.2f}")


def main() -> int:
    executable = resolve_executable(os.environ.get("CENSUS_BROWSER_EXECUTABLE") or None)
    simulator, url = start_simulator()
    scraper = build_scraper(ScraperConfig(url=url, engines=("stealth",), executable=executable))
    try:
        # Our scraper drives its browser on a thread of its own, so the bare script can
        # use the sync API on this one.
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=launch_args())
            warm_lookups(scraper, browser, url)
            block_recognition(scraper, browser, url)
            browser.close()
    finally:
        scraper.close()
        simulator.terminate()
        simulator.wait(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
