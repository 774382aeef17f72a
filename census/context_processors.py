from django.http import HttpRequest

from pagina_madre.bootstrap.census_lookup import census_config, official_page_url


def census_simulated(request: HttpRequest) -> dict[str, bool]:
    """So every page can say that the census answers come from the simulator."""
    return {"census_simulated": census_config().simulated}


def census_retention(request: HttpRequest) -> dict[str, int]:
    """So the data policy can say how long raw answers and snapshots are kept."""
    return {"census_evidence_days": census_config().evidence_retention.days}


def census_official_page(request: HttpRequest) -> dict[str, str]:
    """Where people look themselves up on the Registraduría's own page: the card, the
    landing page and the data policy all link there."""
    return {"census_official_url": official_page_url()}
