"""HTTP entry points of a cédula claim: someone else registered my cédula."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.claims.forms import ClaimForm
from accounts.claims.services import submit_claim
from portal.rate_limits import limited


@login_not_required
@require_http_methods(["GET", "POST"])
@limited(group="claim", rate_setting="CLAIM_RATE")
def claim(request: HttpRequest) -> HttpResponse:
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        submit_claim(
            cedula=data["cedula"],
            full_name=data["nombre_completo"],
            phone=data["telefono"],
            message=data["message"],
        )
        return redirect("accounts:claim_received")
    return render(request, "accounts/reclamar.html", {"form": form})


@login_not_required
@require_GET
def claim_received(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/reclamo_recibido.html")
