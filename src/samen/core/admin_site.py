"""The Django admin, behind the same password + two-factor login and role as the rest."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from samen.core.access import Permission, allowed


class SamenAdminSite(OTPAdminSite):
    site_header = _("Samen administration")
    site_title = _("Samen administration")
    index_title = _("Regions, organisations, users and roles")

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name=name)

    def has_permission(self, request: HttpRequest) -> bool:
        return allowed(request, Permission.ADMINISTER)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """One login for all of Samen; the admin has no password form of its own."""
        if request.user.is_authenticated and request.user.is_verified():
            # Signed in, but not acting as administrator: refuse rather than loop.
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("administer")
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse('core:login')}?{query}")
