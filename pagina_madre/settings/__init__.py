"""Settings for Pagina Madre, read from the environment (see .env.example).

``environment`` reads and validates every variable once (``pagina_madre.config``); each
module below turns one integration's share of it into Django's names. No two of them set
the same name, so the order they are read in does not matter.
"""

from pagina_madre.settings.accounts import *  # noqa: F403
from pagina_madre.settings.cache import *  # noqa: F403
from pagina_madre.settings.census import *  # noqa: F403
from pagina_madre.settings.core import *  # noqa: F403
from pagina_madre.settings.database import *  # noqa: F403
from pagina_madre.settings.elections import *  # noqa: F403
from pagina_madre.settings.limits import *  # noqa: F403
from pagina_madre.settings.logging import *  # noqa: F403
from pagina_madre.settings.operator import *  # noqa: F403
from pagina_madre.settings.pages import *  # noqa: F403
from pagina_madre.settings.queue import *  # noqa: F403
from pagina_madre.settings.security import *  # noqa: F403
from pagina_madre.settings.sms import *  # noqa: F403
