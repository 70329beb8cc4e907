"""Walk every URL pattern for every role and check who is refused.

Every new view must get a row in EXPECTED (the test fails on a URL without one), so
that nobody adds a page without deciding who may open it. Later apps add their rows
to their own `EXPECTED` dicts and call `check_url_matrix` in their own tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

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
