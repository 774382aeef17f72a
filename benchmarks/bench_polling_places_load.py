"""Loading the official list of polling places, measured: `make bench` (or
`.venv/bin/python benchmarks/bench_polling_places_load.py`).

The list the project ships (polling_places/data: the 2026 DIVIPOLE, 13,759 puestos, with
the 2023 geo-referenced list's coordinates joined by name), as `make run` loads it:

1. reading, checking and joining both files (pure Python, no database);
2. the first load into an empty database (the acceptance goal: under 30 s);
3. the same load again, which finds every place as it is and writes nothing;

and the share of places that got coordinates. Everything runs in a throwaway SQLite file,
in this process; the median of a few runs, since the machine may be busy.
"""

from __future__ import annotations

import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

REPEATS = 3
GOAL_S = 30.0


def configure(data_dir: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "pagina_madre.settings",
            "PAGINA_MADRE_DATA_DIR": str(data_dir),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.setdefault("DJANGO_SECURE_SSL", "0")


def median_s(step: Callable[[], object], *, before: Callable[[], object] = lambda: None) -> float:
    timings = []
    for _ in range(REPEATS):
        before()
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    configure(Path(tempfile.mkdtemp(prefix="bench-polling-places-")))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from polling_places.divipole import read_list, read_points
    from polling_places.models import PollingPlaceList
    from polling_places.services import load_shipped_list
    from polling_places.shipped import shipped_list

    shipped = shipped_list()

    def read() -> None:
        reading = read_list(shipped.list_file)
        read_points(shipped.coordinates_file).join(reading.places)

    def forget() -> None:
        PollingPlaceList.objects.all().delete()

    reading_s = median_s(read)
    first_s = median_s(load_shipped_list, before=forget)
    again_s = median_s(load_shipped_list)
    load = load_shipped_list()
    report = load.report
    assert not report.changed, report
    share = 100 * report.located / report.places
    verdict = "met" if first_s < GOAL_S else "MISSED"
    print(f"{report.places:,} places of {shipped.election}, {len(load.reading.refusals)} refused")
    print(f"read, checked and joined       {reading_s:6.2f} s")
    print(f"first load (files + database)  {first_s:6.2f} s  goal < {GOAL_S:.0f} s: {verdict}")
    print(f"loaded again, nothing written  {again_s:6.2f} s")
    print(
        f"coordinates: {report.located:,} of {report.places:,} places ({share:.1f} %); "
        f"{len(load.point_refusals)} points refused"
    )


if __name__ == "__main__":
    main()
