from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The anonymous reporting channel for victims and witnesses (/melden/)."""

    name = "samen.public"
    label = "public"
    verbose_name = _("Anonymous reporting channel")
