"""Walk every URL pattern for every role and check who is refused.

Every new view must get a row in EXPECTED (the test fails on a URL without one), so
that nobody adds a page without deciding who may open it. Later apps add their rows
to their own `EXPECTED` dicts and call `check_url_matrix` in their own tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from samen.core.models import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[Role]
    method: str = "get"
    kwargs: dict[str, object] = field(default_factory=dict)
    # Anonymous visitors: "login" (sent to the login page) or "open" (public page).
    anonymous: str = "login"
    # Builds the URL kwargs for a user (e.g. creates a signal that user reported).
    setup: Callable[..., dict[str, object]] | None = None


def app_rules() -> dict[str, Rule]:
    """Rules that each Samen app declares in `<app>/tests/url_rules.py` as RULES."""
    rules: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("samen.") or config.name == "samen.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.url_rules")
        except ModuleNotFoundError:
            continue
        rules.update(module.RULES)
    return rules


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every URL name in the project, as 'namespace:name'."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from named_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"


def status_for(client: Client, url: str, rule: Rule) -> int:
    response = getattr(client, rule.method)(url)
    return response.status_code
