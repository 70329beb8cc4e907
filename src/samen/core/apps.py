from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samen.core"
    label = "core"
    verbose_name = _("Samen core")
    default = True

    def ready(self) -> None:
        from samen.core import signals  # noqa: F401 - connects audit receivers


class SamenAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "samen.core.admin_site.SamenAdminSite"
