"""The registration's proof of work, measured: `make bench` (or
`.venv/bin/python benchmarks/bench_challenge.py`), at REGISTRATION_CHALLENGE_MAX_NUMBER
(the environment's, else the portal's default).

The secret number of a challenge is uniform in [0, max], and every solver counts up from 0:
a solve costs max / 2 hashes on average and max at worst.

1. A bot, in Python on one core: ALTCHA's own solver (what `pip install altcha` gives
   anyone), and a hand-tuned loop that hashes the salt once and copies that state. The
   distribution of CPU time over SAMPLES challenges is what each registration attempt costs
   it; native code or a GPU pays less, which is why this is a cost per attempt, not a wall.
2. A person: the page's own script (accounts/js/registration-challenge.js) in Chromium,
   on this machine's CPU and slowed down 4× and 8× (Chromium's CPU throttling; ALTCHA's
   published figure for a Samsung Galaxy A14, a cheap 2023 phone, is 2.5 s per 100,000
   hashes, ~40,000/s), on the worst case (the number is max). Wall-clock time: on a busy
   machine it reads slower than it is. Skipped, saying so, without a browser.

Nothing outside this machine is contacted.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from altcha import create_challenge_v1, solve_challenge_v1

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from adapters.census_scraper.config import BrowserNotFound, resolve_executable  # noqa: E402
from pagina_madre.config.limits import LimitsConfig  # noqa: E402

SAMPLES = 40
BROWSER_RUNS = 3
THROTTLING = (1, 4, 8)
SCRIPT = ROOT / "accounts" / "static" / "accounts" / "js" / "registration-challenge.js"
KEY = "bench"


def altcha_solver(challenge: dict) -> int:
    solved = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    assert solved is not None
    return solved.number


def tuned_solver(challenge: dict) -> int:
    salted = hashlib.sha256(challenge["salt"].encode())
    wanted = bytes.fromhex(challenge["challenge"])
    for number in range(challenge["maxNumber"] + 1):
        attempt = salted.copy()
        attempt.update(str(number).encode())
        if attempt.digest() == wanted:
            return number
    raise AssertionError("unsolved")


def new_challenge(max_number: int, number: int | None = None) -> dict:
    return create_challenge_v1(hmac_key=KEY, max_number=max_number, number=number).to_dict()


def python_costs(max_number: int, solver: Callable[[dict], int]) -> tuple[list[float], float]:
    """CPU time of each solve in ms over SAMPLES fresh challenges, and hashes per CPU second:
    what a bot pays, whatever else the machine is busy with."""
    times_ms, hashes, spent = [], 0, 0.0
    for _ in range(SAMPLES):
        challenge = new_challenge(max_number)
        started = time.process_time()
        number = solver(challenge)
        took = time.process_time() - started
        times_ms.append(took * 1000)
        hashes += number + 1
        spent += took
    return times_ms, hashes / spent


def distribution(times_ms: list[float]) -> str:
    deciles = statistics.quantiles(times_ms, n=10)
    return (
        f"mean {statistics.fmean(times_ms):7.0f} ms   p10 {deciles[0]:6.0f}   "
        f"p50 {statistics.median(times_ms):6.0f}   p90 {deciles[-1]:6.0f}   "
        f"max {max(times_ms):6.0f}"
    )


PAGE = """<!doctype html><meta charset="utf-8">
<form id="form"><input id="reto" data-registration-challenge='{challenge}'>
<span id="reto_estado"></span></form>
<script>
  // The script's last step sends the form: here it notes when instead.
  HTMLFormElement.prototype.submit = function () {{
    window.solved = {{ at: performance.now(), value: document.getElementById("reto").value }};
  }};
  window.started = performance.now();
</script>
<script>{script}</script>
<script>document.getElementById("form").requestSubmit();</script>
"""


def browser_worst_case_s(max_number: int) -> dict[int, float] | str:
    """Seconds the page's script takes on a challenge whose number is max, per CPU
    slowdown (median of BROWSER_RUNS); or why it was not measured."""
    try:
        executable = resolve_executable(os.environ.get("CENSUS_BROWSER_EXECUTABLE"))
    except BrowserNotFound as missing:
        return f"skipped: {missing}"
    from playwright.sync_api import sync_playwright

    script = SCRIPT.read_text()
    results: dict[int, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            for rate in THROTTLING:
                runs = []
                for _ in range(BROWSER_RUNS):
                    challenge = new_challenge(max_number, number=max_number)
                    body = PAGE.format(challenge=json.dumps(challenge), script=script)
                    page = browser.new_page()
                    # A secure origin of its own (crypto.subtle needs one), never fetched.
                    page.route(
                        "https://reto.invalid/",
                        lambda route, *, body=body: route.fulfill(
                            content_type="text/html", body=body
                        ),
                    )
                    page.context.new_cdp_session(page).send(
                        "Emulation.setCPUThrottlingRate", {"rate": rate}
                    )
                    # The page times itself: no need to wait for its load, which a slowed
                    # CPU on a busy machine may push past any fixed budget.
                    page.goto("https://reto.invalid/", wait_until="commit", timeout=120_000)
                    page.wait_for_function("window.solved", timeout=600_000, polling=200)
                    solved = page.evaluate("window.solved.at - window.started")
                    assert page.evaluate("window.solved.value") not in ("", "-")
                    runs.append(solved / 1000)
                    page.close()
                results[rate] = statistics.median(runs)
        finally:
            browser.close()
    return results


def main() -> None:
    max_number = LimitsConfig.from_env(os.environ).registration_challenge_max_number
    print(f"REGISTRATION_CHALLENGE_MAX_NUMBER = {max_number:,}")
    print(f"  average solve: {max_number // 2:,} hashes; worst: {max_number:,}")
    for name, solver in (("ALTCHA's solver", altcha_solver), ("tuned hashlib", tuned_solver)):
        times_ms, rate = python_costs(max_number, solver)
        print(f"  bot, Python, {name:15} {distribution(times_ms)}   ({rate:,.0f} hashes/s)")
    worst = browser_worst_case_s(max_number)
    if isinstance(worst, str):
        print(f"  person, Chromium: {worst}")
        return
    for rate, seconds in worst.items():
        slowed = "this CPU" if rate == 1 else f"CPU slowed {rate}×"
        print(
            f"  person, Chromium, {slowed:16} worst case {seconds:5.1f} s "
            f"({max_number / seconds:,.0f} hashes/s)"
        )


if __name__ == "__main__":
    main()
