"""Shared fixtures: the published UK 2013 data (copied from ../shared/data/mse/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from samen.estimation import CaptureHistories

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def uk6() -> CaptureHistories:
    return CaptureHistories.from_csv(DATA / "uk2013_6lists.csv")


@pytest.fixture(scope="session")
def uk5() -> CaptureHistories:
    return CaptureHistories.from_csv(DATA / "uk2013_5lists.csv")


class _NoDjangoSettings(dict[str, object]):
    """Accepts any setting and forgets it; reading an unknown one gives an empty dict."""

    def __getattr__(self, name: str) -> object:
        return self.get(name, {})

    def __setattr__(self, name: str, value: object) -> None:
        self[name] = value


@pytest.fixture
def settings() -> _NoDjangoSettings:
    """A stand-in for pytest-django's ``settings`` in this Django-free package.

    The project's top-level conftest has autouse fixtures that adjust Django settings.
    This package never imports Django, so its tests must also run with ``-p no:django``
    (no settings module needed); those fixtures get this stand-in instead.
    """
    return _NoDjangoSettings()
