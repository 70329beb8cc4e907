"""Batched (lock-step) selection gives exactly what one-at-a-time selection gives."""

from __future__ import annotations

import numpy as np
import pytest

from samen.estimation import CaptureHistories, Method
from samen.estimation.design import design_for
from samen.estimation.existence import ExistenceChecker
from samen.estimation.selection import criterion_search, select, stepwise


@pytest.fixture
def replicates(uk5: CaptureHistories) -> np.ndarray:
    rng = np.random.default_rng(11)
    return rng.multinomial(int(uk5.observed), uk5.counts / uk5.observed, size=25).astype(float)


def test_lock_step_stepwise_equals_one_at_a_time(replicates: np.ndarray) -> None:
    design = design_for(5)
    together = stepwise(design, replicates, ExistenceChecker(design))
    for b, y in enumerate(replicates):
        alone = stepwise(design, y[None], ExistenceChecker(design))
        assert alone.terms[0] == together.terms[b]
        assert alone.estimates[0] == pytest.approx(together.estimates[b], rel=1e-9)


@pytest.mark.parametrize("kind", [Method.AIC, Method.BIC])
def test_lock_step_criterion_search_equals_one_at_a_time(
    replicates: np.ndarray, kind: Method
) -> None:
    design = design_for(5)
    checker = ExistenceChecker(design)
    together = select(design, replicates[:10], kind, checker)
    for b, y in enumerate(replicates[:10]):
        alone = criterion_search(design, y, checker, kind)
        assert alone.terms[0] == together.terms[b]
        assert alone.estimates[0] == pytest.approx(together.estimates[b], rel=1e-9)


def test_stepwise_trace_reads_like_the_path(uk5: CaptureHistories) -> None:
    design = design_for(5)
    sel = stepwise(design, uk5.counts[None], ExistenceChecker(design), trace=True)
    steps = sel.steps[0]
    assert [s.added for s in steps[:-1]] == list(sel.terms[0])
    assert steps[-1].added is None  # the last step finds nothing below the threshold
    first = {c.term: c for c in steps[0].candidates}
    chosen = first[sel.terms[0][0]]
    assert chosen.p_value == min(c.p_value for c in steps[0].candidates)
    assert chosen.observed_overlap > chosen.expected_overlap  # LA:NG overlap more than chance
