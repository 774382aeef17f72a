"""HTTP entry points of operations: read the health, answer it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from operations.health import portal_health


@login_not_required
@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when every part works, 503 otherwise."""
    report = portal_health(now=timezone.now())
    return JsonResponse(report.as_json(), status=200 if report.ok else 503)
