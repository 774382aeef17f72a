from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("elecciones/recordatorio/", views.reminder, name="reminder"),
]
