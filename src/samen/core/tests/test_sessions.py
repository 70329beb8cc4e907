"""Lockout, idle and absolute session limits, and logging out everywhere."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.middleware import LOGIN_AT
from samen.core.models import Role
from samen.core.tests.factories import PASSWORD, user_with_role, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_lockouts():  # type: ignore[no-untyped-def]
    caches["default"].clear()
    yield
    caches["default"].clear()


def test_lockout_after_repeated_failures_even_with_the_right_password() -> None:
    user = user_with_role(Role.COORDINATOR)
    client = Client(REMOTE_ADDR="198.51.100.77", HTTP_X_FORWARDED_FOR="203.0.113.99")
    for _ in range(settings.LOCKOUT_ATTEMPTS):
        client.post(reverse("core:login"), {"username": user.username, "password": "wrong"})
    response = client.post(reverse("core:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.text
    assert (
        AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count()
        >= settings.LOCKOUT_ATTEMPTS
    )
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    # Another account is not affected by this one's lockout.
    other = user_with_role(Role.ANALYST)
    response = Client().post(
        reverse("core:login"), {"username": other.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_lockout_stores_no_client_address() -> None:
    user = user_with_role(Role.COORDINATOR)
    client = Client(
        REMOTE_ADDR="198.51.100.77",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
        HTTP_USER_AGENT="DistinctiveAgent/9.9",
    )
    for _ in range(settings.LOCKOUT_ATTEMPTS + 1):
        client.post(reverse("core:login"), {"username": user.username, "password": "wrong"})
    needles = ["198.51.100.77", "203.0.113.99", "DistinctiveAgent"]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            dump = repr(cursor.fetchall())
            for needle in needles:
                assert needle not in dump, f"{needle} found in {table}"


def test_absolute_session_limit_logs_out_however_active() -> None:
    client = verified_client(user_with_role(Role.COORDINATOR))
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - settings.SESSION_MAX_HOURS * 3600 - 1
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:login"))
    assert client.get(reverse("core:home")).status_code == 302


def test_idle_limit_is_the_session_lifetime_renewed_on_every_request() -> None:
    client = verified_client(user_with_role(Role.COORDINATOR))
    response = client.get(reverse("core:home"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert cookie["httponly"]
    # An expired session (idle past the limit) is gone on the next request.
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.all().update(expire_date=timezone.now())
    assert client.get(reverse("core:home")).status_code == 302


def test_logout_everywhere_ends_sessions_on_other_devices() -> None:
    user = user_with_role(Role.COORDINATOR)
    laptop, phone = verified_client(user), verified_client(user)
    assert phone.get(reverse("core:home")).status_code == 200
    response = laptop.post(reverse("core:logout_everywhere"))
    assert response.url == reverse("core:login")
    assert phone.get(reverse("core:home")).status_code == 302
    assert laptop.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT_EVERYWHERE, actor=user).exists()


def test_logout_needs_post() -> None:
    client = verified_client(user_with_role(Role.COORDINATOR))
    assert client.get(reverse("core:logout")).status_code == 405
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302
