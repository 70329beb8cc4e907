from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import caches

from samen.core.models import Organisation
from samen.core.tests.factories import municipality


@pytest.fixture
def harderwijk(db: None) -> Organisation:
    municipality("Ermelo", "GM0233")
    return municipality()


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    caches["volatile"].clear()
    yield
    caches["volatile"].clear()
