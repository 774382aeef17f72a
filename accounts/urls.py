from django.contrib.auth.views import LogoutView
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("registro/", views.RegistrationView.as_view(), name="register"),
    path("ingresar/", views.CedulaLoginView.as_view(), name="login"),
    path("salir/", LogoutView.as_view(), name="logout"),
    path("perfil/", views.profile, name="profile"),
    path("perfil/clave/", views.change_password, name="change_password"),
    path("politica-de-datos/", views.DataPolicyView.as_view(), name="data_policy"),
    path("salud/", views.health, name="health"),
]
