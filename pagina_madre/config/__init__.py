"""The portal's configuration, read from an environment-like mapping: pure values, no
Django. ``PortalConfig.from_env(os.environ)`` reads every variable the settings use."""

from pagina_madre.config.census import DELIVERY_MARGIN_S, PACE_TURNS_WAITED, CensusConfig
from pagina_madre.config.elections import ElectionsConfig
from pagina_madre.config.limits import LimitsConfig
from pagina_madre.config.operator import OperatorConfig
from pagina_madre.config.portal import PROJECT_DIR, InvalidConfig, PortalConfig
from pagina_madre.config.queue import QueueConfig
from pagina_madre.config.security import SecurityConfig
from pagina_madre.config.stores import StoresConfig

__all__ = [
    "DELIVERY_MARGIN_S",
    "PACE_TURNS_WAITED",
    "PROJECT_DIR",
    "CensusConfig",
    "ElectionsConfig",
    "InvalidConfig",
    "LimitsConfig",
    "OperatorConfig",
    "PortalConfig",
    "QueueConfig",
    "SecurityConfig",
    "StoresConfig",
]
