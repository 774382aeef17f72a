"""The abuse limits: how often a client address may try each thing, how many failed logins
lock a cédula out, and the optional proof of work on registration."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from attrs import Attribute, field, frozen

from adapters.environment import Environment, given


def _at_least(minimum: int, variable: str) -> Callable[[object, Attribute, int], None]:
    def check(instance: object, attribute: Attribute, value: int) -> None:
        if value < minimum:
            raise ValueError(f"{variable} must be {minimum} or more.")

    return check


@frozen(kw_only=True)
class LimitsConfig:
    # Accounts created per client address.
    registration_rate: str = "5/h"
    # Registration forms sent per client address: each answers whether a cédula has an
    # account, so this bounds how fast anyone can probe for them.
    existence_answer_rate: str = "20/h"
    # Login attempts per client address, whatever the cédula (password spraying). Axes
    # gives each cédula 5 tries per address; 30 leaves room for a home, an office or a
    # café behind one address to each use theirs, and gives a sprayer 30 guesses an hour.
    login_rate: str = "30/h"
    # Results a person tells us ("Cuéntanos qué te salió"), per person.
    report_rate: str = "10/h"
    # Password-recovery forms sent per client address (asking for a code, typing one):
    # each code is an SMS we pay for, and each account gets 3 codes an hour anyway.
    recovery_rate: str = "10/h"
    # Cédula claims sent per client address.
    claim_rate: str = "5/h"
    # Reverse proxies in front of the portal, each appending to X-Forwarded-For; 0 reads
    # REMOTE_ADDR alone, as any client can write the header.
    trusted_proxy_count: int = field(default=0, validator=_at_least(0, "TRUSTED_PROXY_COUNT"))
    # django-axes: failed logins of one cédula from one address before that pair waits.
    axes_failure_limit: int = 5
    axes_cooloff_hours: float = 1
    # ALTCHA's proof of work on registration, and how hard it is: a solve costs max / 2
    # hashes on average. 200,000 keeps a cheap phone (~40,000 hashes/s in ALTCHA's figures
    # for a Galaxy A14) under 5 s at worst, started as the page loads, and costs a bot in
    # Python ~50 ms of CPU per attempt on average (benchmarks/bench_challenge.py).
    registration_challenge: bool = False
    registration_challenge_max_number: int = field(
        default=200_000, validator=_at_least(1, "REGISTRATION_CHALLENGE_MAX_NUMBER")
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> LimitsConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(environ)
        return cls(
            **given(
                registration_rate=read.rate("REGISTRATION_RATE"),
                existence_answer_rate=read.rate("EXISTENCE_ANSWER_RATE"),
                login_rate=read.rate("LOGIN_RATE"),
                report_rate=read.rate("REPORT_RATE"),
                recovery_rate=read.rate("RECOVERY_RATE"),
                claim_rate=read.rate("CLAIM_RATE"),
                trusted_proxy_count=read.number("TRUSTED_PROXY_COUNT", int),
                axes_failure_limit=read.number("AXES_FAILURE_LIMIT", int),
                axes_cooloff_hours=read.number("AXES_COOLOFF_HOURS", float),
                registration_challenge=read.flag("REGISTRATION_CHALLENGE"),
                registration_challenge_max_number=read.number(
                    "REGISTRATION_CHALLENGE_MAX_NUMBER", int
                ),
            )
        )
