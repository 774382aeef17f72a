from django.urls import path

from polling_places import views

app_name = "polling_places"

urlpatterns = [
    path(
        "lugares/<slug:election>/municipios.json",
        views.municipios_json,
        name="municipios",
    ),
    path("lugares/<slug:election>/puestos.json", views.puestos_json, name="puestos"),
]
