"""The census portals the scraper knows, as data (``portals.toml``) with a loader."""

from adapters.census_scraper.portals.profile import (
    AUTO,
    AnswerSource,
    PortalProfile,
    Portals,
    Step,
    known_portals,
)

__all__ = ["AUTO", "AnswerSource", "PortalProfile", "Portals", "Step", "known_portals"]
