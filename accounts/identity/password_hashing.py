"""How passwords are hashed: argon2id at the OWASP floor (19 MiB of memory, two passes,
one lane).

Django's defaults (100 MiB, t=2, p=8) took 155 ms a hash on our two-core host, so ten
logins a second saturated the portal on election day, card polls queued behind them. At
19 MiB, t=2, p=1 a hash took 25.7 ms on the same host (38.9 a second on one core, about
75 a second on both, measured 2026-12-05 with argon2-cffi). More lanes only
spread one hash over both cores, so a host full of logins gains nothing from them.

The algorithm keeps Django's name ("argon2"), so hashes made with other parameters are
still read, and Django rehashes them with these at the person's next login
(``must_update``)."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
