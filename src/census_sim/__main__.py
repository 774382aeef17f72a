"""``python -m census_sim --host 127.0.0.1 --port 0 --mode normal``"""

from __future__ import annotations

import argparse
import logging
import sys

from census_sim.hostile import DEFAULT_TARGET
from census_sim.modes import Mode
from census_sim.server import DEFAULT_DELAY_S, DEFAULT_SPINNER_MS, MODE_DELAYS_S, CensusSimulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="census_sim", description="Local replica of the census lookup portal."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--mode", default=Mode.NORMAL.value, choices=[mode.value for mode in Mode])
    mode_delays = ", ".join(f"{mode.value} {delay:g}" for mode, delay in MODE_DELAYS_S.items())
    parser.add_argument(
        "--delay",
        type=float,
        default=None,
        help=f"seconds of the timed modes (default: slow {DEFAULT_DELAY_S:g}, {mode_delays})",
    )
    parser.add_argument(
        "--spinner-ms", type=int, default=DEFAULT_SPINNER_MS, help="spinner before the form"
    )
    parser.add_argument(
        "--target",
        default=None,
        help=f"where the hostile modes send the browser (default: {DEFAULT_TARGET})",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)

    server = CensusSimulator(
        args.host,
        args.port,
        Mode(args.mode),
        delay_s=args.delay,
        spinner_ms=args.spinner_ms,
        target=args.target,
    )
    # Tests and scripts wait for this line; it carries the port actually bound.
    print(f"census_sim listening on {server.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.state.release_held()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
