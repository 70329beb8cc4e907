"""The batched IRLS fitter: cold and warm starts, masks, offsets."""

from __future__ import annotations

import numpy as np
import pytest

from samen.estimation.design import design_for
from samen.estimation.fit import fit_batch


@pytest.fixture
def sparse_five() -> np.ndarray:
    # A sparse five-list table on which an undamped Newton step from a poor warm start
    # once overflowed (found by a fuzz run of the AIC bootstrap).
    cells = "4 22 6 31 1 0 0 7 0 0 3 0 0 23 1 19 37 11 11 8 0 17 1 0 0 0 3 6 5 13 24"
    return np.array(cells.split(), dtype=float)


def test_poor_warm_start_converges_to_the_cold_start_fit(sparse_five: np.ndarray) -> None:
    design = design_for(5)
    rows, cols, _ = design.structure(sparse_five, (0, 4, 9))
    cold = fit_batch(design, sparse_five[None], rows[None], cols[None])
    rng = np.random.default_rng(1)
    starts = rng.normal(0, 6, size=(8, design.n_params))
    warm = fit_batch(
        design, np.repeat(sparse_five[None], 8, axis=0), rows[None], cols[None], beta0=starts
    )
    assert cold.converged.all()
    assert warm.converged.all()
    np.testing.assert_allclose(warm.deviance, cold.deviance[0], rtol=1e-8)
    np.testing.assert_allclose(warm.beta, np.repeat(cold.beta, 8, axis=0), atol=1e-5)


def test_masked_parameters_stay_zero_and_masked_cells_have_no_mean(
    sparse_five: np.ndarray,
) -> None:
    design = design_for(5)
    rows, cols, _ = design.structure(sparse_five, (1,))
    fit = fit_batch(design, sparse_five[None], rows[None], cols[None])
    assert np.all(fit.beta[0, ~cols] == 0)
    assert np.all(fit.mu[0, ~rows] == 0)
    # Poisson likelihood equations: fitted margins equal observed margins.
    X = design.X[:, cols]
    np.testing.assert_allclose(X.T @ fit.mu[0], X.T @ sparse_five, rtol=1e-8)


def test_offset_fixes_the_intercept(sparse_five: np.ndarray) -> None:
    design = design_for(5)
    rows, cols, _ = design.structure(sparse_five, ())
    free = cols.copy()
    free[0] = False
    fixed = fit_batch(design, sparse_five[None], rows[None], free[None], offset=np.full(31, 2.0))
    full = fit_batch(design, sparse_five[None], rows[None], cols[None])
    assert fixed.beta[0, 0] == 0
    assert fixed.deviance[0] >= full.deviance[0]
