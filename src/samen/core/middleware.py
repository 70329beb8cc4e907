"""Session limits, the two-factor gate and the acting organisation."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samen.core.access import active_memberships

LOGIN_AT = "samen_login_at"
MEMBERSHIP = "samen_membership"

# Paths a signed-in but not yet verified user may reach: the login steps themselves,
# the language switch, static files and the public pages that need no login at all.
OPEN_PREFIXES = (
    "/static/",
    "/i18n/",
    "/account/login/",
    "/account/two-factor/",
    "/account/logout/",
    "/melden/",
    "/health/",
)


class SessionLimitsMiddleware:
    """End a session after SESSION_MAX_HOURS, however active (the idle limit is the cookie)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            max_age = settings.SESSION_MAX_HOURS * 3600
            if started is None or time.time() - started > max_age:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Every staff page needs a verified second factor; until then only the login steps."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect("core:two_factor")
        return self.get_response(request)


class ActingOrganisationMiddleware:
    """Set `request.membership`: the organisation and role the user acts for now."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            memberships = active_memberships(request.user)
            chosen = request.session.get(MEMBERSHIP)
            current = next((m for m in memberships if m.pk == chosen), None)
            request.memberships = memberships  # type: ignore[attr-defined]
            # Until the user chooses, they act in the role they were given first.
            first = min(memberships, key=lambda m: m.pk) if memberships else None
            request.membership = current or first  # type: ignore[attr-defined]
        return self.get_response(request)
