"""Audit receivers for Django's authentication signals."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from samen.core import audit


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record(audit.AuditAction.LOGIN, actor=user, purpose="password step")


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(audit.AuditAction.LOGOUT, actor=user)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    # The username typed is kept (it names a staff account); never the password or address.
    audit.record(
        audit.AuditAction.LOGIN_FAILED, actor_username=str(credentials.get("username", ""))[:150]
    )


@receiver(user_locked_out)
def audit_locked_out(sender: Any, request: Any, username: str, **kwargs: Any) -> None:
    audit.record(audit.AuditAction.LOCKED_OUT, actor_username=str(username or "")[:150])
