"""The matching core needs no Django: the project-wide autouse fixtures that adjust
Django settings are replaced by no-ops here, so these tests also run with
``-p no:django`` (and without a settings module at all)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    return None


@pytest.fixture(autouse=True)
def _plain_static_files() -> None:
    return None
