from django.urls import path

from census import demo, views
from census.landing import landing_for_visitors

app_name = "census"

urlpatterns = [
    # Visitors meet the landing page at the same address.
    path("", landing_for_visitors(views.HomeView.as_view()), name="home"),
    path("censo/tarjeta/", views.census_card, name="card"),
    path("censo/estado.json", views.census_status, name="status"),
    path("censo/actualizar/", views.census_refresh, name="refresh"),
    path("censo/informar/", views.census_report, name="report"),
    path("censo/informar/paso/", views.census_report_step, name="report_step"),
    path("salud/censo/", views.fleet_status_json, name="fleet_status"),
    path("demo/", demo.demo, name="demo"),
]
