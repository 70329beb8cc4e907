"""Administrators edit the indicator catalogue as a new version, never in place."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samen.core.admin import AuditedAdmin
from samen.intake import catalogue as catalogue_service
from samen.intake.models import Indicator, IndicatorCatalogue


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = [
        "position",
        "code",
        "text_nl",
        "text_en",
        "forms",
        "loverboy",
        "settings",
        "dimension",
        "grade",
    ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not catalogue_service.in_use(obj)

    has_add_permission = has_delete_permission = has_change_permission  # type: ignore[assignment]


@admin.register(IndicatorCatalogue)
class IndicatorCatalogueAdmin(AuditedAdmin):
    list_display = ["version", "title", "is_current", "created_at"]
    readonly_fields = ["version", "is_current", "created_at"]
    inlines = [IndicatorInline]
    actions = ["copy_as_new_version", "publish"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Copy as a new version to edit"))
    def copy_as_new_version(self, request: HttpRequest, queryset: Any) -> None:
        for catalogue in queryset:
            copy = catalogue_service.copy_as_new_version(catalogue)
            self.message_user(
                request, _("Version %(v)d made; edit it, then publish it.") % {"v": copy.version}
            )

    @admin.action(description=_("Publish: use this version for new signals"))
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one version to publish."), messages.ERROR)
            return
        catalogue_service.publish(queryset.get())
        self.message_user(request, _("Published."))
