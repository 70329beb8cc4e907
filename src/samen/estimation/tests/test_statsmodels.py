"""Every model fitted on the way to an estimate agrees with statsmodels' Poisson GLM.

statsmodels is a test-only dependency: it fits one model at a time on the cells left in
the model, the way SparseMSE hands each model to R's ``glm``.
"""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from samen.estimation import CaptureHistories, estimate
from samen.estimation.design import design_for
from samen.estimation.existence import ExistenceChecker
from samen.estimation.selection import Method, fit_models


def paths(data: CaptureHistories) -> list[tuple[int, ...]]:
    """Every model visited by stepwise, AIC and BIC selection, plus main effects."""
    models: set[tuple[int, ...]] = {()}
    for method in ("stepwise", "aic", "bic"):
        result = estimate(data, method, profile_intervals=False)
        terms = result.model.terms
        models.update(terms[:n] for n in range(len(terms) + 1))
    return sorted(models, key=len)


@pytest.mark.parametrize("name", ["uk5", "uk6"])
def test_batched_fits_match_statsmodels(request: pytest.FixtureRequest, name: str) -> None:
    data: CaptureHistories = request.getfixturevalue(name)
    design = design_for(data.k)
    models = paths(data)
    Y = np.repeat(data.counts[None], len(models), axis=0)
    ours = fit_models(design, Y, models, ExistenceChecker(design))
    assert ours.converged.all()
    for b, terms in enumerate(models):
        rows, cols = ours.rows[b], ours.cols[b]
        glm = sm.GLM(data.counts[rows], design.X[rows][:, cols], family=sm.families.Poisson())
        ref = glm.fit(tol=1e-12)
        np.testing.assert_allclose(ours.beta[b, cols], ref.params, rtol=1e-6, atol=1e-7)
        assert ours.deviance[b] == pytest.approx(ref.deviance, rel=1e-7, abs=1e-8)
        np.testing.assert_allclose(ours.mu[b, rows], ref.fittedvalues, rtol=1e-6)
        estimate_sm = data.observed + np.exp(ref.params[0])
        assert ours.estimates[b] == pytest.approx(estimate_sm, rel=1e-8), terms


def test_standard_error_and_aic_match_statsmodels(uk6: CaptureHistories) -> None:
    result = estimate(uk6, profile_intervals=False)
    design = design_for(uk6.k)
    rows = result.cells_in_model
    cols = np.zeros(design.n_params, dtype=bool)
    cols[: 1 + uk6.k] = True
    for term in result.model.terms:
        cols[design.pair_column(term)] = True
    ref = sm.GLM(uk6.counts[rows], design.X[rows][:, cols], family=sm.families.Poisson()).fit(
        tol=1e-12
    )
    assert result.intercept_se == pytest.approx(np.sqrt(ref.cov_params()[0, 0]), rel=1e-6)
    assert result.log_likelihood == pytest.approx(ref.llf, rel=1e-9)
    # SparseMSE adds 2 per empty-overlap term; the stepwise model here has none.
    assert result.empty_overlap_terms == []
    assert result.aic == pytest.approx(ref.aic, rel=1e-9)


def test_empty_overlap_term_counts_in_aic(uk6: CaptureHistories) -> None:
    """LA and GP never overlap: with LA:GP the cells are structural zeros, +2 to the AIC."""
    with_term = estimate(uk6, "fixed", terms=["LA:GP"], profile_intervals=False)
    design = design_for(uk6.k)
    rows = with_term.cells_in_model
    assert rows.sum() == design.n_cells - 16  # LA and GP together, with any of the other 4
    ref = sm.GLM(
        uk6.counts[rows], design.X[rows][:, : 1 + uk6.k], family=sm.families.Poisson()
    ).fit(tol=1e-12)
    assert with_term.empty_overlap_terms == ["LA:GP"]
    assert with_term.aic == pytest.approx(ref.aic + 2, rel=1e-9)
    assert with_term.estimate == pytest.approx(uk6.observed + np.exp(ref.params[0]), rel=1e-8)
    assert Method.FIXED.value == with_term.method


def test_profile_interval_endpoints_satisfy_the_likelihood_ratio_equation(
    uk5: CaptureHistories,
) -> None:
    """At each end, statsmodels' fit with the intercept fixed (offset) is 3.84 worse."""
    from scipy.stats import chi2

    result = estimate(uk5)
    interval = result.interval("profile", 0.95)
    design = design_for(uk5.k)
    rows = result.cells_in_model
    cols = np.zeros(design.n_params, dtype=bool)
    cols[1 : 1 + uk5.k] = True
    for term in result.model.terms:
        cols[design.pair_column(term)] = True
    assert result.deviance is not None
    for end in (interval.lower, interval.upper):
        c = np.log(end - uk5.observed)
        ref = sm.GLM(
            uk5.counts[rows],
            design.X[rows][:, cols],
            family=sm.families.Poisson(),
            offset=np.full(rows.sum(), c),
        ).fit(tol=1e-12)
        assert ref.deviance - result.deviance == pytest.approx(chi2.ppf(0.95, 1), rel=1e-5)
