"""Authentication backend that maps Samen's roles onto Django's permission checks."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from samen.core.access import user_may_administer


class RoleBackend(ModelBackend):
    """Password login as usual; administrators hold every model permission in the admin.

    Model permissions are not assigned per user: the role in a membership decides,
    as everywhere else in Samen (see `samen.core.access`).
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return user_obj.is_active and user_may_administer(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return user_obj.is_active and user_may_administer(user_obj)
