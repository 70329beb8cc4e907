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
