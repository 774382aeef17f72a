"""Debug pages, HTTPS, the secret key and the hosts the portal answers for."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen

from adapters.environment import Environment, given

SECRET_KEY_REQUIRED = (
    "DJANGO_SECRET_KEY is required in production (DJANGO_DEBUG=0 with HTTPS on): "
    "set it to a long random string. Local runs on plain HTTP set "
    "DJANGO_SECURE_SSL=0 and get a generated key."
)


@frozen(kw_only=True)
class SecurityConfig:
    debug: bool = False
    # DJANGO_SECURE_SSL: off only for a local run on plain HTTP (`make run`, `make demo`).
    https: bool = True
    # None: a local run gets a key generated once beside its data (the settings make it).
    secret_key: str | None = field(default=None, repr=False)
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    csrf_trusted_origins: tuple[str, ...] = ()
    hsts_seconds: int = 31_536_000
    # A proxy terminates TLS and says so in X-Forwarded-Proto.
    behind_proxy: bool = False

    def __attrs_post_init__(self) -> None:
        if self.secure_ssl and self.secret_key is None:
            raise ValueError(SECRET_KEY_REQUIRED)

    @property
    def secure_ssl(self) -> bool:
        """HTTPS hardened (redirect, Secure cookies, HSTS): with debug off, unless switched
        off for a local run."""
        return self.https and not self.debug

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> SecurityConfig:
        """Raises ValueError naming the variable that makes no sense."""
        read = Environment(environ)
        # Read as given, never trimmed nor taken for a reference to another variable: a
        # generated key starts with "$" one time in fifty.
        secret_key = environ.get("DJANGO_SECRET_KEY", "")
        return cls(
            secret_key=secret_key if secret_key.strip() else None,
            **given(
                debug=read.flag("DJANGO_DEBUG"),
                https=read.flag("DJANGO_SECURE_SSL"),
                allowed_hosts=read.comma_list("DJANGO_ALLOWED_HOSTS"),
                csrf_trusted_origins=read.comma_list("DJANGO_CSRF_TRUSTED_ORIGINS"),
                hsts_seconds=read.number("DJANGO_HSTS_SECONDS", int),
                behind_proxy=read.flag("DJANGO_BEHIND_PROXY"),
            ),
        )
