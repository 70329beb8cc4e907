"""Interval machinery: type-8 quantiles, BCa reduces to percentile, seeds, parametric."""

from __future__ import annotations

import numpy as np
import pytest

from samen.estimation import CaptureHistories, estimate
from samen.estimation.intervals import acceleration, bootstrap_intervals, quantile_type8


def test_quantile_type8_matches_numpy_median_unbiased() -> None:
    rng = np.random.default_rng(3)
    x = rng.lognormal(size=101)
    probs = np.array([0.001, 0.025, 0.3, 0.5, 0.975, 0.999])
    np.testing.assert_allclose(
        quantile_type8(x, probs), np.quantile(x, probs, method="median_unbiased")
    )


def test_quantile_tolerates_infinite_replicates() -> None:
    x = np.array([1.0, 2.0, 3.0, np.inf, np.inf])
    assert quantile_type8(x, np.array([0.1]))[0] == 1.0
    assert quantile_type8(x, np.array([0.99]))[0] == np.inf


def test_bca_without_bias_or_acceleration_is_the_percentile_interval() -> None:
    reps = np.linspace(0.0, 1.0, 1001)
    intervals, z0 = bootstrap_intervals(0.5 + 1e-9, reps, 0.0, [0.9])
    by_kind = {iv.kind: iv for iv in intervals}
    assert z0 == pytest.approx(0.0, abs=1e-2)
    assert by_kind["bca"].lower == pytest.approx(by_kind["percentile"].lower, abs=2e-3)
    assert by_kind["bca"].upper == pytest.approx(by_kind["percentile"].upper, abs=2e-3)


def test_acceleration_of_a_symmetric_jackknife_is_zero() -> None:
    assert acceleration(np.array([1, 1, 1, 1]), np.array([1.0, 2.0, 3.0, 4.0])) == 0.0


SMALL = CaptureHistories.from_rows(
    ["A", "B", "C"],
    [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]],
    [60, 45, 38, 12, 9, 7, 2],
)


def test_bootstrap_is_reproducible_with_a_seed() -> None:
    a = estimate(SMALL, bootstrap=200, seed=5)
    b = estimate(SMALL, bootstrap=200, seed=5)
    c = estimate(SMALL, bootstrap=200, seed=6)
    assert a.interval("bca") == b.interval("bca")
    assert a.interval("bca") != c.interval("bca")
    assert a.bootstrap is not None
    assert a.bootstrap.seed == 5


@pytest.mark.parametrize("kind", ["nonparametric", "parametric"])
def test_both_bootstraps_bracket_the_estimate(kind: str) -> None:
    result = estimate(SMALL, bootstrap=300, bootstrap_kind=kind, seed=1, levels=[0.95, 0.8])
    assert result.estimate is not None
    for level in (0.95, 0.8):
        for name in ("bca", "percentile", "profile", "wald"):
            interval = result.interval(name, level)
            assert interval.lower < result.estimate < interval.upper, (name, level)
    assert result.interval("bca", 0.95).lower <= result.interval("bca", 0.8).lower
    assert result.as_dict()["bootstrap"]["kind"] == kind


def test_profile_interval_contains_wald_region_roughly() -> None:
    result = estimate(SMALL)
    wald, profile = result.interval("wald"), result.interval("profile")
    assert profile.lower == pytest.approx(wald.lower, rel=0.05)
    assert profile.upper == pytest.approx(wald.upper, rel=0.05)
    # The likelihood interval is skewed to the right, like the estimate's distribution.
    assert profile.upper - result.estimate > result.estimate - profile.lower


def test_information_criteria_choose_a_model_at_least_as_good_as_main(
    uk5: CaptureHistories,
) -> None:
    main = estimate(uk5, "main", profile_intervals=False)
    for method in ("aic", "bic"):
        chosen = estimate(uk5, method, profile_intervals=False)
        criterion = "aic" if method == "aic" else "bic"
        assert getattr(chosen, criterion) <= getattr(main, criterion)
        assert chosen.terms  # the UK lists are clearly dependent
        assert chosen.as_dict()["selection"]["steps"]


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError, match="levels"):
        estimate(SMALL, levels=[95])
    with pytest.raises(ValueError, match="threshold"):
        estimate(SMALL, threshold=2)
    with pytest.raises(ValueError, match="unknown two-way term"):
        estimate(SMALL, "fixed", terms=["A:Z"])
