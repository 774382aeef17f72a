from django.contrib.auth.views import LogoutView
from django.urls import path

from accounts import census_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("registro/", views.RegistrationView.as_view(), name="register"),
    path("ingresar/", views.CedulaLoginView.as_view(), name="login"),
    path("salir/", LogoutView.as_view(), name="logout"),
    path("perfil/", views.profile, name="profile"),
    path("perfil/clave/", views.change_password, name="change_password"),
    path("politica-de-datos/", views.DataPolicyView.as_view(), name="data_policy"),
    path("salud/", views.health, name="health"),
    path("censo/tarjeta/", census_views.census_card, name="census_card"),
    path("censo/estado.json", census_views.census_status, name="census_status"),
    path("censo/actualizar/", census_views.census_refresh, name="census_refresh"),
    path("censo/informar/", census_views.census_report, name="census_report"),
]
