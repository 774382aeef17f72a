from django.contrib.auth.views import LogoutView
from django.urls import path

from accounts.claims import views as claims
from accounts.identity import views
from accounts.phone import views as phone
from accounts.privacy import views as privacy

app_name = "accounts"

urlpatterns = [
    path("registro/", views.RegistrationView.as_view(), name="register"),
    path("ingresar/", views.CedulaLoginView.as_view(), name="login"),
    path("salir/", LogoutView.as_view(), name="logout"),
    path("perfil/", views.profile, name="profile"),
    path("perfil/clave/", views.change_password, name="change_password"),
    path("politica-de-datos/", views.DataPolicyView.as_view(), name="data_policy"),
    path("politica-de-datos/aceptar/", privacy.accept_new_policy, name="accept_policy"),
    path("perfil/mis-datos/", privacy.my_data, name="my_data"),
    path("perfil/mis-datos.json", privacy.my_data_json, name="my_data_json"),
    path("perfil/eliminar/", privacy.forget_me, name="forget_me"),
    path("cuenta-eliminada/", privacy.goodbye, name="goodbye"),
    path("recuperar/", phone.recovery_request, name="recovery"),
    path("recuperar/codigo/", phone.recovery_code, name="recovery_code"),
    path("recuperar/nueva-clave/", phone.recovery_password, name="recovery_password"),
    path("verificar-telefono/", phone.phone_verification, name="phone_verification"),
    path("reclamar/", claims.claim, name="claim"),
    path("reclamar/recibido/", claims.claim_received, name="claim_received"),
]
