"""Properties of the triage score: more signals never lower it; minors are always flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samen.intake.triage import GRADE_POINTS, triage

grades = st.lists(st.sampled_from(sorted(GRADE_POINTS)), max_size=40)
flags = st.booleans()
URGENCY_RANK = {"immediate": 0, "high": 1, "normal": 2, "low": 3}


@given(grades, grades, flags, flags, flags)
def test_more_indicators_never_lower_score_or_urgency(
    base: list[str], extra: list[str], minor: bool, danger: bool, repeat: bool
) -> None:
    before = triage(base, minor=minor, immediate_danger=danger, repeat_location=repeat)
    after = triage(base + extra, minor=minor, immediate_danger=danger, repeat_location=repeat)
    assert after.score >= before.score
    assert URGENCY_RANK[after.urgency] <= URGENCY_RANK[before.urgency]


@given(grades, flags, flags)
def test_a_minor_is_always_flagged_high_or_immediate(
    base: list[str], danger: bool, repeat: bool
) -> None:
    result = triage(base, minor=True, immediate_danger=danger, repeat_location=repeat)
    assert result.minor
    assert result.urgency in {"high", "immediate"}
    assert any(r.code == "minor" for r in result.reasons)


@given(grades, flags, flags)
def test_immediate_danger_always_comes_first(base: list[str], minor: bool, repeat: bool) -> None:
    result = triage(base, minor=minor, immediate_danger=True, repeat_location=repeat)
    assert result.urgency == "immediate"
    assert result.reasons[0].code == "immediate_danger"


@given(grades, flags, flags)
def test_reasons_add_up_to_the_score(base: list[str], minor: bool, repeat: bool) -> None:
    result = triage(base, minor=minor, immediate_danger=False, repeat_location=repeat)
    assert sum(r.points for r in result.reasons) == result.score


def test_worked_example() -> None:
    result = triage(
        ["strong", "medium", "weak", "weak"],
        minor=False,
        immediate_danger=False,
        repeat_location=True,
    )
    assert result.score == 3 + 2 + 1 + 1 + 2
    assert result.urgency == "high"


def test_unknown_grade_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown indicator grades"):
        triage(["enormous"], minor=False, immediate_danger=False, repeat_location=False)
