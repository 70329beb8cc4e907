"""The main menu, filled by each app in its AppConfig.ready(), shown by permission.

Core knows no other app: apps register their entries here instead of core's templates
naming their URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from samen.core.access import Permission, allowed


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: Permission


MENU: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in MENU:
            MENU.append(item)


def menu_for(request: HttpRequest) -> list[dict[str, object]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [
        {"label": item.label, "url": reverse(item.url_name), "current": current == item.url_name}
        for item in MENU
        if allowed(request, item.permission)
    ]
