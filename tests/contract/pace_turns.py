"""Takes turns from the fleet's shared pace in a process of its own, as a worker on another
host would. ``python pace_turns.py STORE INTERVAL_S TURNS`` (STORE: shared_pace's store
arguments as JSON) connects, prints ``ready``, waits for a line on stdin so that all the
processes start together, then prints the monotonic time of each turn it got, as JSON."""

from __future__ import annotations

import json
import sys
import time

from adapters.fleet_pace import shared_pace


def main(store: str, interval_s: str, turns: str) -> None:
    # Waits long enough for every other process's turns: none is refused here.
    pace = shared_pace(interval_s=float(interval_s), max_wait_s=60, **json.loads(store))
    print("ready", flush=True)
    sys.stdin.readline()
    times = [time.monotonic() for _ in range(int(turns)) if pace.wait_turn()]
    print(json.dumps(times), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
