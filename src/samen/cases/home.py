"""The case panel on the home page of coordinators and case workers: counts of what the
member may see, never more (counts obey the same need-to-know rule as lists)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from samen.cases import access, codes, notifications


def cases_panel(request: HttpRequest) -> dict[str, Any]:
    membership = request.membership
    return {
        "open_count": access.visible_cases(membership)
        .exclude(status=codes.CaseStatus.CLOSED)
        .count(),
        "incoming_count": access.incoming_referrals(membership).count(),
        "unread_count": notifications.unread_for(request.user, membership.organisation).count(),
    }
