"""The portal's whole configuration: every variable the settings read, read once from an
environment-like mapping and validated as it is built, so that a typo stops the portal at
start with the variable's name rather than failing a request or a worker later.

Pure values, no Django: ``pagina_madre.settings`` builds one from ``os.environ`` and turns
each part into Django's names. ``from_env`` raises ``InvalidConfig`` and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from attrs import field, frozen

from adapters.environment import Environment, given
from adapters.sms.config import SmsConfig
from pagina_madre.config.census import CensusConfig
from pagina_madre.config.elections import ElectionsConfig
from pagina_madre.config.limits import LimitsConfig
from pagina_madre.config.operator import OperatorConfig
from pagina_madre.config.queue import QueueConfig
from pagina_madre.config.security import SecurityConfig
from pagina_madre.config.stores import StoresConfig

# The checkout the portal runs from; everything it writes goes under var/ unless told.
PROJECT_DIR = Path(__file__).resolve().parents[2]
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class InvalidConfig(ValueError):
    """An environment the portal refuses to start with; the message names the variable."""


def _log_level(instance: object, attribute: object, value: str) -> None:
    if value not in logging.getLevelNamesMapping():
        raise ValueError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {value!r}")


@frozen(kw_only=True)
class PortalConfig:
    # Everything the portal writes on disk (SQLite file, local secret, static files,
    # scraper snapshots, the SMS outbox), outside git.
    data_dir: Path
    security: SecurityConfig
    stores: StoresConfig
    limits: LimitsConfig
    # The admin also asks staff for a code from their TOTP app.
    staff_totp: bool = False
    sms: SmsConfig
    # A new account proves its phone with a code before its first census lookup.
    phone_verification: bool = False
    operator: OperatorConfig
    census: CensusConfig
    queue: QueueConfig
    elections: ElectionsConfig = field(factory=ElectionsConfig)
    log_level: str = field(default="INFO", validator=_log_level)
    # Serve straight from the apps' source folders, uncompressed and unhashed: while
    # developing (DEBUG) and in the tests. Production serves what collectstatic wrote:
    # compressed, named by content, kept a year (pagina_madre.static_files).
    whitenoise_use_finders: bool = field()

    @whitenoise_use_finders.default
    def _finders_while_debugging(self) -> bool:
        return self.security.debug

    def __attrs_post_init__(self) -> None:
        if self.phone_verification and self.sms.backend == "console" and not self.sms.local:
            raise ValueError(
                "PHONE_VERIFICATION=1 needs a real SMS_BACKEND in production: with the console "
                "backend no code would ever reach anyone, and no lookup would start."
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> PortalConfig:
        """Raises InvalidConfig naming the variable that makes no sense."""
        read = Environment(environ)
        data_dir = Path(read.text("PAGINA_MADRE_DATA_DIR") or PROJECT_DIR / "var")
        with _refused():
            security = SecurityConfig.from_env(environ)
        with _refused("SMS settings"):
            # A local run on plain HTTP: only there does the console backend show messages.
            sms = SmsConfig.from_env(
                _defaulted(environ, SMS_FILE_PATH=data_dir / "sms" / "outbox.jsonl"),
                local=not security.secure_ssl,
            )
        with _refused("Census settings"):
            census = CensusConfig.from_env(
                _defaulted(environ, CENSUS_SNAPSHOT_DIR=data_dir / "snapshots")
            )
        level = read.text("LOG_LEVEL")
        with _refused():
            return cls(
                data_dir=data_dir,
                security=security,
                stores=StoresConfig.from_env(environ, data_dir=data_dir),
                limits=LimitsConfig.from_env(environ),
                sms=sms,
                operator=OperatorConfig.from_env(environ),
                census=census,
                queue=QueueConfig.from_env(environ, census=census),
                elections=ElectionsConfig.from_env(environ),
                **given(
                    staff_totp=read.flag("STAFF_TOTP"),
                    phone_verification=read.flag("PHONE_VERIFICATION"),
                    log_level=level and level.upper(),
                    whitenoise_use_finders=read.flag("WHITENOISE_USE_FINDERS"),
                ),
            )


def _defaulted(environ: Mapping[str, str], **defaults: Path) -> dict[str, str]:
    """The environment, with these variables given where it leaves them unset or blank."""
    read = Environment(environ)
    return {
        **environ,
        **{name: read.text(name) or str(value) for name, value in defaults.items()},
    }


@contextmanager
def _refused(subject: str | None = None) -> Iterator[None]:
    """Any ValueError below becomes the one error of the configuration, its message kept
    (after the subject it concerns, when the variable's name alone does not say)."""
    try:
        yield
    except ValueError as error:
        raise InvalidConfig(str(error) if subject is None else f"{subject}: {error}") from None
