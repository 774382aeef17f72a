from django.urls import path

from census import views

app_name = "census"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("censo/tarjeta/", views.census_card, name="card"),
    path("censo/estado.json", views.census_status, name="status"),
    path("censo/actualizar/", views.census_refresh, name="refresh"),
    path("censo/informar/", views.census_report, name="report"),
]
