"""The intake's panels on the home page of coordinators and reporters."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from samen.intake import access, codes


def coordinator_panel(request: HttpRequest) -> dict[str, Any]:
    open_signals = access.triage_signals(request.membership).filter(
        status__in=[codes.SignalStatus.RECEIVED, codes.SignalStatus.ASSESSING]
    )
    return {
        "open_count": open_signals.count(),
        "urgent_count": open_signals.filter(
            urgency__in=[codes.Urgency.IMMEDIATE, codes.Urgency.HIGH]
        ).count(),
    }


def reporter_panel(request: HttpRequest) -> dict[str, Any]:
    return {"recent": access.followed_signals(request.membership).order_by("-created_at")[:5]}
