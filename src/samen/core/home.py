"""Panels on the per-role home page, contributed by apps (core names no other app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from samen.core.models import Role


@dataclass(frozen=True)
class Panel:
    roles: frozenset[Role]
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 50


PANELS: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(request: HttpRequest) -> list[SafeString]:
    membership = request.membership
    if membership is None:
        return []
    role = Role(membership.role)
    return [
        # Rendered templates are already safe strings, escaped by the template engine.
        render_to_string(p.template, p.context(request), request=request)
        for p in sorted(PANELS, key=lambda p: p.order)
        if role in p.roles
    ]
