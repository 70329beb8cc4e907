"""Home page per role, choosing the acting organisation, errors and health."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen.core import audit
from samen.core.access import Permission, allowed
from samen.core.home import panels_for
from samen.core.middleware import MEMBERSHIP


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    role = membership.role if membership else "none"
    return render(
        request,
        f"core/home/{role}.html",
        {
            "can_administer": allowed(request, Permission.ADMINISTER),
            "can_view_audit": allowed(request, Permission.VIEW_AUDIT_LOG),
            "panels": panels_for(request),
        },
    )


@require_POST
@login_required
def switch_membership(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("membership", "")
    chosen = next((m for m in request.memberships if str(m.pk) == wanted), None)
    if chosen is None:
        messages.error(request, _("You cannot act for that organisation."))
    else:
        request.session[MEMBERSHIP] = chosen.pk
        messages.success(
            request,
            _("You now act for %(organisation)s as %(role)s.")
            % {"organisation": chosen.organisation, "role": chosen.get_role_display()},
        )
    return redirect("core:home")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 page; every refusal is audited with the path that was asked for."""
    if request.user.is_authenticated:
        audit.record_request(
            request, audit.AuditAction.ACCESS_DENIED, detail={"path": request.path[:300]}
        )
    return render(request, "403.html", status=403)


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
