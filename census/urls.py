from django.urls import path

from census import demo, keepsake_views, views, web_app
from census.landing import landing_for_visitors

app_name = "census"

urlpatterns = [
    # Visitors meet the landing page at the same address.
    path("", landing_for_visitors(views.HomeView.as_view()), name="home"),
    path("censo/tarjeta/", views.census_card, name="card"),
    path("censo/estado.json", views.census_status, name="status"),
    path("censo/actualizar/", views.census_refresh, name="refresh"),
    path("censo/informar/", views.census_report, name="report"),
    path("censo/informar/lugar/", views.census_report_place, name="report_place"),
    path("censo/informar/novedad/", views.census_report_novedad, name="report_novedad"),
    path("salud/censo/", views.fleet_status_json, name="fleet_status"),
    path("demo/", demo.demo, name="demo"),
    # "Guárdalo", and the card on the phone: census.keepsake, census.web_app.
    path("censo/tarjeta/imprimir/", keepsake_views.keepsake_page, name="keepsake"),
    path("censo/tarjeta/imagen.png", keepsake_views.keepsake_image, name="keepsake_image"),
    path("censo/tarjeta/sin-conexion/", keepsake_views.offline_card, name="offline_card"),
    path("manifest.webmanifest", web_app.manifest, name="manifest"),
    path("sw.js", web_app.service_worker, name="service_worker"),
]
