"""How gunicorn serves the portal: `make run`, the Procfiles and a host's own command read
this file from the project's folder (gunicorn's default); options on the command line win.

Threads, and a worker more than the host has cores. A poll of the card is about 5 ms of
CPU, a login 26 ms of argon2 (accounts/identity/password_hashing.py) and a few writes. On
a quiet two-core machine two sync workers (the previous default) did as well as this; on a
busy one (load average 11 to 14, as a host running the worker's browsers beside the portal
may be), 300 people polling every 3 s got p50 3.9 s and 5 logins a second with two sync
workers, p50 120 ms and 40 logins a second with 3 workers of 4 threads: a request waiting
(for the CPU, SQLite's write lock, PostgreSQL) no longer holds every poll behind it; argon2
and the database release the GIL meanwhile (benchmarks/bench_load.py, README "Cuánto
aguanta un equipo").
`WEB_CONCURRENCY` and `WEB_THREADS` change the counts (each thread may hold a database
connection: mind PostgreSQL's max_connections across hosts).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
