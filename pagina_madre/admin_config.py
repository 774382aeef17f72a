"""Django's admin app with the portal's own site (see pagina_madre.admin_site). Apart
from it because an app's config is imported before the models may be."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "pagina_madre.admin_site.PortalAdminSite"
