"""The public channel's rows of the URL-by-role matrix: open to everyone, no login."""

from __future__ import annotations

from samen.core.tests.url_matrix import ALL_ROLES, Rule

RULES = {
    "public:start": Rule(ALL_ROLES, anonymous="open"),
    "public:step": Rule(ALL_ROLES, anonymous="open", kwargs={"step": "about"}),
    "public:discard": Rule(ALL_ROLES, method="post", anonymous="open"),
    "public:receipt": Rule(ALL_ROLES, anonymous="open"),
    "public:follow": Rule(ALL_ROLES, anonymous="open"),
    "public:conversation": Rule(ALL_ROLES, anonymous="open"),
    "public:follow_end": Rule(ALL_ROLES, method="post", anonymous="open"),
    "public:exit": Rule(ALL_ROLES, anonymous="open"),
}
