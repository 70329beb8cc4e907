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
    yield
