"""A local replica of the Registraduría census lookup, for tests and demos.

It never talks to the real site: it serves pages and JSON shaped like what
``/work/shared/census-site.md`` describes, with switchable failure modes.
"""

from census_sim.modes import Mode
from census_sim.portals import Portal
from census_sim.server import CensusSimulator

__all__ = ["CensusSimulator", "Mode", "Portal"]
