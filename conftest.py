"""Shared pytest fixtures for every app's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest_plugins = ["samen.core.tests.browser"]


@pytest.fixture(autouse=True)
def _test_settings(request: pytest.FixtureRequest) -> Iterator[None]:
    # Django-free packages (estimation, linkage) may be tested with `-p no:django`.
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    settings = request.getfixturevalue("settings")
    # Argon2 is what production uses (asserted in core's tests); tests need speed.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The hashed manifest exists only after collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Uploaded (encrypted) files of a test go to its own temporary folder.
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    yield


@pytest.fixture(autouse=True)
def _flushable_audit_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests end with a flush, which the append-only audit log refuses.

    The triggers are lifted only for that flush and put back before the next test.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from samen.core import audit_triggers

    audit_triggers.install(connection)
    yield
    audit_triggers.remove(connection)
