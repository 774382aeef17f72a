from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Pagina Madre: administración"
admin.site.site_title = "Pagina Madre"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("census.urls")),
]
