"""The portal's URLs and one more that fails, so the live server answers its 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from pagina_madre.urls import handler500  # noqa: F401
from pagina_madre.urls import urlpatterns as portal_urlpatterns


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure for the 500 page to be checked on")


urlpatterns = [path("fallo-de-prueba/", fail), *portal_urlpatterns]
