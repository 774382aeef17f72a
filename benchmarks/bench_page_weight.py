"""What a page costs on a cheap phone's link, measured: `make bench` (or
`.venv/bin/python benchmarks/bench_page_weight.py`).

The portal as `make run` serves it (DEBUG off, `collectstatic`, gunicorn with whitenoise),
in a throwaway data folder, opened by Chromium over a slow mobile link emulated through
the DevTools protocol: 400 kbit/s down and up, 400 ms round trip, the CPU slowed 4×. For
the landing page, the registration form and the home page of a logged-in person whose card
was found, it prints:

- bytes over the wire (headers included: CDP's `encodedDataLength`) and requests that
  reached the network, on a first visit (empty cache) and on a repeat visit (the same
  browser, a new tab, right away);
- "day later": the requests a visit a day later would make, as when the person comes back
  on election day: the HTML and every file of the first visit whose Cache-Control keeps
  it fresh for less than a day (the browser's clock cannot be moved forward);
- first contentful paint of the first visit. `BENCH_DETAIL=1` lists every response.

Targets (issue 22): first visit ≤ 80 KiB, FCP ≤ 3 s, a repeat visit downloads only the
HTML. FCP is wall-clock time in a throttled browser: on a busy machine it reads slower
than it is. Nothing outside this machine is contacted.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import frozen

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from gunicorn_portal import gunicorn_portal, portal_environment  # noqa: E402

from adapters.census_scraper.config import BrowserNotFound, resolve_executable  # noqa: E402

# Chromium's throughput is in bytes per second: 400 kbit/s.
LINK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
CPU_SLOWDOWN = 4
A_DAY_S = 24 * 3600
TARGET_BYTES = 80 * 1024
TARGET_FCP_MS = 3000
PAGES = (
    ("landing page", "/", False),
    ("registration form", "/registro/", False),
    ("home with a found card", "/", True),
)
CEDULA = "1020304050"


@frozen
class Visit:
    bytes: int
    requests: int
    documents: int
    fcp_ms: float | None
    # Files a browser would ask for again on a visit a day later.
    stale_next_day: int


def freshness_s(headers: dict[str, str]) -> int:
    """How long a response may be used without asking again, from its Cache-Control."""
    cache_control = {name.lower(): value for name, value in headers.items()}.get(
        "cache-control", ""
    )
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name == "max-age" and value.isdigit():
            return int(value)
    return 0


def prepare(env: dict[str, str]) -> str:
    """The database and static files as `make migrate` leaves them, and the session of a
    person whose card was found."""
    os.environ.update(env)
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    from attrs import evolve
    from django.test import Client

    from accounts.models import CustomUser
    from adapters.django_repository import DjangoCedulaRepository
    from cedula_domain import AnswerSource, Cedula, LookupRecord, LookupStatus, VotingPlace

    person = CustomUser.objects.create_user(
        CEDULA, None, nombre_completo="Policarpa Salavarrieta", telefono="+573104567890"
    )
    repository = DjangoCedulaRepository()
    now = datetime.now(UTC)
    record = repository.get(Cedula(CEDULA)) or LookupRecord.requested(Cedula(CEDULA), now)
    found = evolve(
        record,
        status=LookupStatus.FOUND,
        source=AnswerSource.REGISTRADURIA,
        attempts=1,
        next_attempt_at=None,
        fetched_at=now,
        voting_place=VotingPlace(
            departamento="BOGOTA D.C.",
            municipio="BOGOTA D.C.",
            puesto="UNIVERSIDAD NACIONAL",
            direccion="CARRERA 45 # 26-85",
            mesa="12",
        ),
    )
    # Registering asked for the first lookup already: its record is there to answer.
    saved = repository.save(found) if repository.get(Cedula(CEDULA)) else repository.add(found)
    assert saved
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def visit(context: Any, url: str) -> Visit:
    """One visit in a new tab over the slow link: what reached the network, and FCP."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    sizes: dict[str, int] = {}
    responses: dict[str, dict[str, Any]] = {}
    cdp.on(
        "Network.responseReceived",
        lambda event: responses.__setitem__(event["requestId"], event),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda event: sizes.__setitem__(event["requestId"], int(event["encodedDataLength"])),
    )
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load", timeout=120_000)
    # Late requests (the favicon, a card's first poll) count too.
    page.wait_for_load_state("networkidle", timeout=120_000)
    fcp = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    # A response served from the cache still finishes loading, with no bytes on the wire.
    on_wire = {request: size for request, size in sizes.items() if size > 0}
    documents = sum(1 for request in on_wire if responses[request]["type"] == "Document")
    stale = [
        responses[request]["response"]["url"]
        for request in on_wire
        if responses[request]["type"] != "Document"
        and freshness_s(responses[request]["response"]["headers"]) < A_DAY_S
    ]
    if os.environ.get("BENCH_DETAIL"):
        for request, size in on_wire.items():
            response = responses[request]["response"]
            headers = {name.lower(): value for name, value in response["headers"].items()}
            print(
                f"    {size:8,d} {response['url']} {headers.get('content-encoding', '-')} "
                f"{headers.get('cache-control', '-')}"
            )
    page.close()
    return Visit(sum(on_wire.values()), len(on_wire), documents, fcp, len(stale))


def measure(base_url: str, session: str, executable: str) -> list[tuple[str, Visit, Visit]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            for label, path, logged_in in PAGES:
                # A fresh profile for each page: an empty cache, as on a first visit.
                context = browser.new_context(viewport={"width": 360, "height": 740})
                if logged_in:
                    context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
                first = visit(context, base_url + path)
                repeat = visit(context, base_url + path)
                context.close()
                results.append((label, first, repeat))
        finally:
            browser.close()
    return results


def verdict(met: bool) -> str:
    return "ok" if met else "MISSED"


def main() -> None:
    try:
        executable = resolve_executable(os.environ.get("CENSUS_BROWSER_EXECUTABLE") or None)
    except BrowserNotFound as missing:
        print(f"skipped: {missing}")
        return
    data_dir = Path(tempfile.mkdtemp(prefix="bench-page-weight-"))
    env = portal_environment(data_dir)
    session = prepare(env)
    with gunicorn_portal(env=env, log=data_dir / "gunicorn.log") as served:
        results = measure(served.url, session, executable)
    print(
        f"Link {LINK['downloadThroughput'] * 8 / 1000:.0f} kbit/s, {LINK['latency']} ms RTT, "
        f"CPU slowed {CPU_SLOWDOWN}×; targets: first visit ≤ {TARGET_BYTES // 1024} KiB, "
        f"FCP ≤ {TARGET_FCP_MS / 1000:.0f} s, repeat visit = the HTML only "
        "(now, and a day later: no file fresh for less than a day)"
    )
    print(
        f"{'page':<24} {'first KiB':>10} {'req':>4} {'FCP s':>6}   "
        f"{'repeat KiB':>10} {'req':>4} {'day later':>9}   verdict"
    )
    for label, first, repeat in results:
        fcp = first.fcp_ms if first.fcp_ms is not None else float("inf")
        checks = (
            first.bytes <= TARGET_BYTES,
            fcp <= TARGET_FCP_MS,
            repeat.requests == repeat.documents == 1 and first.stale_next_day == 0,
        )
        print(
            f"{label:<24} {first.bytes / 1024:10.1f} {first.requests:4d} {fcp / 1000:6.2f}   "
            f"{repeat.bytes / 1024:10.1f} {repeat.requests:4d} "
            f"{1 + first.stale_next_day:9d}   "
            f"weight {verdict(checks[0])}, FCP {verdict(checks[1])}, "
            f"repeat {verdict(checks[2])}"
        )


if __name__ == "__main__":
    main()
