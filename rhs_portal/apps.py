from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RhsPortalConfig(AppConfig):
    name = "rhs_portal"
    verbose_name = "RHS-portalen"
    default = True


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django admin with the portal's scoped admin site."""

    default = False
    default_site = "rhs_portal.admin_scoping.PortalAdminSite"
