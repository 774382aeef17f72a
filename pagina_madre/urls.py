from django.contrib import admin
from django.urls import include, path

from referrals.views import ReferredRegistrationView

admin.site.site_header = "Página Madre: administración"
admin.site.site_title = "Página Madre"

# 403 and 404 are Django's handlers with our templates; the 500 page renders without the
# database or context processors (pagina_madre.error_pages).
handler500 = "pagina_madre.error_pages.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Registration that knows who invited the person: referrals extends accounts' view
    # (accounts knows nothing of referrals), so /registro/ goes to it before accounts' own.
    path("registro/", ReferredRegistrationView.as_view()),
    path("", include("referrals.urls")),
    path("", include("elections.urls")),
    path("", include("accounts.urls")),
    path("", include("census.urls")),
    path("", include("polling_places.urls")),
    path("", include("operations.urls")),
]
