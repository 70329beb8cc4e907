"""The access policy: the one place that answers "may this user do or see this?".

Views, the API, list queries and exports all ask here. A user acts for one organisation
at a time (their *acting membership*, chosen in the header); its role decides what they
may do, so every action is attributable to one organisation in the audit log.
Object-level rules (need-to-know per case) are added here as predicates by later apps.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from samen.core.models import Membership, Role

if TYPE_CHECKING:
    from samen.core.models import User


class Permission(StrEnum):
    ADMINISTER = "administer"  # the Django admin: regions, organisations, users, memberships
    VIEW_AUDIT_LOG = "view_audit_log"
    VERIFY_AUDIT_LOG = "verify_audit_log"
    REPORT_SIGNAL = "report_signal"  # make a signal and follow its status
    TRIAGE_SIGNALS = "triage_signals"  # the queue, full signal view and decisions
    IMPORT_SIGNALS = "import_signals"  # spreadsheet import
    OPEN_CASE = "open_case"  # open a case from signals, lead it as the municipality
    WORK_ON_CASES = "work_on_cases"  # cases in scope (samen.cases.access), referrals
    EMERGENCY_CASE_ACCESS = "emergency_case_access"  # reasoned, time-limited, flagged
    CASE_NOTIFICATIONS = "case_notifications"  # read one's notifications of case work
    REVIEW_LINKAGE = "review_linkage"  # linkage runs and clerical review of doubtful pairs


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COORDINATOR: frozenset(
        {
            Permission.REPORT_SIGNAL,
            Permission.TRIAGE_SIGNALS,
            Permission.IMPORT_SIGNALS,
            Permission.OPEN_CASE,
            Permission.WORK_ON_CASES,
            Permission.EMERGENCY_CASE_ACCESS,
            Permission.CASE_NOTIFICATIONS,
            Permission.REVIEW_LINKAGE,
        }
    ),
    Role.CASE_WORKER: frozenset(
        {Permission.REPORT_SIGNAL, Permission.WORK_ON_CASES, Permission.CASE_NOTIFICATIONS}
    ),
    Role.REPORTER: frozenset({Permission.REPORT_SIGNAL}),
    Role.BUSINESS_USER: frozenset({Permission.REPORT_SIGNAL}),
    Role.ANALYST: frozenset(),
    Role.CERTIFIER: frozenset(),
    # Case notifications: told of emergency access, without access to the case itself.
    Role.PRIVACY_OFFICER: frozenset(
        {Permission.VIEW_AUDIT_LOG, Permission.VERIFY_AUDIT_LOG, Permission.CASE_NOTIFICATIONS}
    ),
    Role.ADMINISTRATOR: frozenset({Permission.ADMINISTER}),
}


def active_memberships(user: User) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        Membership.objects.filter(user=user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "organisation__region")
        .order_by("organisation__name", "role")
    )


def membership_allows(membership: Membership | None, permission: Permission) -> bool:
    if membership is None:
        return False
    return permission in ROLE_PERMISSIONS[Role(membership.role)]


def allowed(request: HttpRequest, permission: Permission) -> bool:
    """May the signed-in, two-factor-verified user do this, acting for their organisation?"""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_verified()):
        return False
    return membership_allows(getattr(request, "membership", None), permission)


def user_may_administer(user: User) -> bool:
    """For the Django admin's own per-model checks, which see no request."""
    return any(m.role == Role.ADMINISTRATOR for m in active_memberships(user))


def requires(
    permission: Permission,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: refuse (403, audited) unless `allowed(request, permission)`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request, permission):
                raise PermissionDenied(permission.value)
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorator
