"""Administrators manage regions, municipalities, organisations, users and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samen.core import audit
from samen.core.models import Membership, Municipality, Organisation, OrganisationType, Region, User


class AuditedAdmin(admin.ModelAdmin):
    """Every view and change made in the admin lands in the audit log, as elsewhere."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                audit.record_request(request, audit.AuditAction.VIEW, obj=obj, purpose="admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = audit.AuditAction.CHANGE if change else audit.AuditAction.CREATE
        fields = sorted(form.changed_data) if form is not None else []
        audit.record_request(request, action, obj=obj, purpose="admin", detail={"fields": fields})

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        audit.record_request(request, audit.AuditAction.DELETE, obj=obj, purpose="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        for obj in queryset:
            audit.record_request(request, audit.AuditAction.DELETE, obj=obj, purpose="admin")
        super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit.record_request(request, audit.AuditAction.CREATE, obj=obj, purpose="admin")
        for obj, fields in formset.changed_objects:
            audit.record_request(
                request,
                audit.AuditAction.CHANGE,
                obj=obj,
                purpose="admin",
                detail={"fields": fields},
            )
        for obj in formset.deleted_objects:
            audit.record_request(request, audit.AuditAction.DELETE, obj=obj, purpose="admin")


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "type", "region", "municipality", "is_active"]
    list_filter = ["type", "region", "is_active"]
    search_fields = ["name", "municipality_code"]
    autocomplete_fields = ["municipality"]


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["name", "municipality_code", "region", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name", "municipality_code"]
    fields = ["name", "municipality_code", "region", "is_active"]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).filter(type=OrganisationType.MUNICIPALITY)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["is_active", "memberships__role", "memberships__organisation__region"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation__region", "organisation__type"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
