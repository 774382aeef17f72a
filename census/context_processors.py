from django.http import HttpRequest

from pagina_madre.bootstrap import census_config


def census_simulated(request: HttpRequest) -> dict[str, bool]:
    """So every page can say that the census answers come from the simulator."""
    return {"census_simulated": census_config().simulated}


def census_retention(request: HttpRequest) -> dict[str, int]:
    """So the data policy can say how long raw answers and snapshots are kept."""
    return {"census_evidence_days": census_config().evidence_retention.days}
