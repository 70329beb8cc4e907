"""Invariances (hypothesis): order of lists and rows changes nothing; doubling counts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samen.estimation import CaptureHistories, estimate

NAMES = ["A", "B", "C", "D", "E"]


@st.composite
def capture_data(draw: st.DrawFn) -> CaptureHistories:
    k = draw(st.integers(2, 5))
    n_cells = 2**k - 1
    counts = np.array(draw(st.lists(st.integers(0, 60), min_size=n_cells, max_size=n_cells)))
    singles = [2**i - 1 for i in range(k)]
    counts[singles] += draw(st.lists(st.integers(1, 80), min_size=k, max_size=k))
    return CaptureHistories(tuple(NAMES[:k]), counts.astype(float))


def pair_set(terms: list[str]) -> set[frozenset[str]]:
    return {frozenset(t.split(":")) for t in terms}


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(capture_data(), st.randoms(use_true_random=False), st.sampled_from(["stepwise", "main"]))
def test_reordering_lists_changes_nothing(data: CaptureHistories, rnd, method: str) -> None:  # type: ignore[no-untyped-def]
    first = estimate(data, method, profile_intervals=False)
    assume(first.estimate is not None)
    order = list(range(data.k))
    rnd.shuffle(order)
    second = estimate(data.reorder(order), method, profile_intervals=False)
    assert second.estimate == pytest.approx(first.estimate, rel=1e-6)
    assert pair_set(second.terms) == pair_set(first.terms)


@FAST
@given(capture_data(), st.randoms(use_true_random=False))
def test_reordering_rows_changes_nothing(data: CaptureHistories, rnd) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {**dict(zip(data.lists, history, strict=True)), "count": count}
        for history, count in data.nonzero_rows()
    ]
    rnd.shuffle(rows)
    shuffled = CaptureHistories.from_records(rows)
    assert np.array_equal(shuffled.counts, data.counts)
    a, b = estimate(data, profile_intervals=False), estimate(shuffled, profile_intervals=False)
    assert a.estimate == b.estimate
    assert a.terms == b.terms


@FAST
@given(capture_data(), st.data())
def test_doubling_counts_doubles_the_estimate_of_a_fixed_model(
    data: CaptureHistories, draw: st.DataObject
) -> None:
    n_pairs = data.k * (data.k - 1) // 2
    chosen = draw.draw(st.sets(st.integers(0, n_pairs - 1), max_size=2))
    from samen.estimation.design import LogLinearModel

    model = LogLinearModel(data.lists, tuple(sorted(chosen)))
    single = estimate(data, "fixed", terms=model.term_names, profile_intervals=False)
    assume(single.estimate is not None)
    double = estimate(data.with_counts(2 * data.counts), "fixed", terms=model.term_names)
    assert double.estimate == pytest.approx(2 * single.estimate, rel=1e-6)
    assert double.interval("profile").upper > double.estimate


def test_doubling_counts_roughly_doubles_the_stepwise_estimate(uk6: CaptureHistories) -> None:
    """With twice the data stepwise may choose more terms, so only roughly."""
    single = estimate(uk6, profile_intervals=False).estimate
    double = estimate(uk6.with_counts(2 * uk6.counts), profile_intervals=False).estimate
    assert single is not None
    assert double is not None
    assert 1.8 < double / single < 2.2
