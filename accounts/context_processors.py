from django.conf import settings
from django.http import HttpRequest


def census_simulated(request: HttpRequest) -> dict[str, bool]:
    """So every page can say that the census answers come from the simulator."""
    return {"census_simulated": settings.CENSUS_SIMULATED}
