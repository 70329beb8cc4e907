from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from samen.core.navigation import menu_for


def samen(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SAMEN_SITE_NAME,
        "theme_stylesheet": settings.SAMEN_THEME,
        "membership": getattr(request, "membership", None),
        "memberships": getattr(request, "memberships", []),
        "menu": menu_for(request)
        if getattr(request, "user", None) and request.user.is_authenticated
        else [],
    }
