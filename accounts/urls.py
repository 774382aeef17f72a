from django.contrib.auth.views import LogoutView
from django.urls import path

from accounts import phone_views, rights_views, views

app_name = "accounts"

urlpatterns = [
    path("registro/", views.RegistrationView.as_view(), name="register"),
    path("ingresar/", views.CedulaLoginView.as_view(), name="login"),
    path("salir/", LogoutView.as_view(), name="logout"),
    path("perfil/", views.profile, name="profile"),
    path("perfil/clave/", views.change_password, name="change_password"),
    path("politica-de-datos/", views.DataPolicyView.as_view(), name="data_policy"),
    path("politica-de-datos/aceptar/", rights_views.accept_new_policy, name="accept_policy"),
    path("perfil/mis-datos/", rights_views.my_data, name="my_data"),
    path("perfil/mis-datos.json", rights_views.my_data_json, name="my_data_json"),
    path("perfil/eliminar/", rights_views.forget_me, name="forget_me"),
    path("recuperar/", phone_views.recovery_request, name="recovery"),
    path("recuperar/codigo/", phone_views.recovery_code, name="recovery_code"),
    path("verificar-telefono/", phone_views.phone_verification, name="phone_verification"),
    path("reclamar/", phone_views.claim, name="claim"),
    path("reclamar/recibido/", phone_views.claim_received, name="claim_received"),
]
