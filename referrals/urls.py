from django.urls import path

from referrals import views

app_name = "referrals"

# /registro/ through a link is routed by the project (pagina_madre/urls.py), before
# accounts' own registration.
urlpatterns = [
    path("r/<str:code>/", views.follow, name="follow"),
    path("referidos/", views.my_people, name="my_people"),
    path("referidos/exportar.csv", views.export, name="export"),
    path("referidos/enlace-nuevo/", views.new_link, name="new_link"),
    path("referidos/consultar-de-nuevo/", views.ask_again, name="ask_again"),
    path("referidos/autorizacion/", views.sharing, name="sharing"),
]
