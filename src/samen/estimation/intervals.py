"""Confidence intervals for the total ``N = observed + exp(lambda_0)``.

* **Wald** on the log of the hidden number (SparseMSE ``estimatepopulation.0``):
  ``observed + exp(lambda_0 +- z * se(lambda_0))``, for the chosen model as if it had
  been fixed in advance.
* **Profile likelihood**: all ``lambda_0 = c`` with
  ``D(c) - D(lambda_0_hat) <= chi2_1(level)``, where ``D(c)`` is the deviance of the chosen
  model refitted with the intercept held at ``c`` (an offset); mapped to ``observed +
  exp(c)``.  Like Wald it ignores the uncertainty of the model choice.
* **Bootstrap** with the model selection repeated in every replicate (Chan, Silverman &
  Vincent 2021, section 3.3), so the interval includes model uncertainty.
  *Nonparametric* (default; SparseMSE ``estimatepopulation``): cell counts drawn from a
  multinomial with the observed total and the observed cell proportions.  *Parametric*:
  every observable cell drawn Poisson with the fitted mean of the chosen model.
  Intervals: percentile, and BCa (Efron 1987; DiCiccio & Efron 1996) with bias correction
  ``z0 = Phi^-1(share of replicates below the estimate)`` and acceleration from a
  jackknife that removes one person at a time (one computation per observed history,
  weighted by its count).  Quantiles use Hyndman-Fan type 8, as SparseMSE does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.optimize import brentq
from scipy.stats import chi2, norm

from .design import Design
from .fit import fit_batch


class BootstrapKind(StrEnum):
    NONPARAMETRIC = "nonparametric"
    PARAMETRIC = "parametric"


@dataclass(frozen=True)
class Interval:
    level: float
    kind: str  # "wald", "profile", "percentile", "bca"
    lower: float
    upper: float


def wald(observed: float, intercept: float, se: float, levels: Sequence[float]) -> list[Interval]:
    """Wald interval on ``log(hidden)``: SparseMSE's ``estimatepopulation.0`` interval."""
    out = []
    for level in levels:
        z = norm.ppf(0.5 + level / 2)
        out.append(
            Interval(
                level,
                "wald",
                observed + float(np.exp(intercept - z * se)),
                observed + float(np.exp(intercept + z * se)),
            )
        )
    return out


def profile(
    design: Design,
    y: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    beta: np.ndarray,
    deviance: float,
    se: float,
    levels: Sequence[float],
) -> list[Interval]:
    """Profile-likelihood interval for the chosen model (intercept profiled by offsets)."""
    free = cols.copy()
    free[0] = False
    observed = float(y.sum())
    intercept = float(beta[0])

    def excess(c: float) -> float:
        start = beta.copy()
        start[0] = 0.0
        fit = fit_batch(
            design, y[None], rows[None], free[None], beta0=start[None], offset=np.full(len(y), c)
        )
        return float(fit.deviance[0] - deviance)

    out = []
    for level in levels:
        target = chi2.ppf(level, 1)
        ends = []
        for direction in (-1.0, 1.0):
            step = max(se, 1e-3) * np.sqrt(target)
            far = intercept + direction * step
            tries = 0
            while excess(far) < target and tries < 60:
                step *= 1.6
                far = intercept + direction * step
                tries += 1
            if tries == 60:
                ends.append(direction * np.inf)
                continue
            root = brentq(lambda c, t=target: excess(c) - t, intercept, far, xtol=1e-10)
            ends.append(root)
        out.append(
            Interval(
                level,
                "profile",
                observed + float(np.exp(ends[0])),
                observed + float(np.exp(ends[1])),
            )
        )
    return out


def quantile_type8(values: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Hyndman-Fan type 8 quantiles (R ``quantile(type = 8)``), tolerating ``+inf`` values."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    probs = np.atleast_1d(np.asarray(probs, dtype=float))
    h = (n + 1.0 / 3.0) * probs + 1.0 / 3.0
    j = np.clip(np.floor(h).astype(int), 1, n)
    g = np.where(h < 1, 0.0, np.where(h >= n, 0.0, h - np.floor(h)))
    lo = x[j - 1]
    hi = x[np.minimum(j, n - 1)]
    with np.errstate(invalid="ignore"):
        out = np.where((g == 0) | (lo == hi), lo, lo + g * (hi - lo))
    return out


def acceleration(counts: np.ndarray, jackknife: np.ndarray) -> float:
    """BCa acceleration from leave-one-person-out estimates, one per observed history.

    ``a = sum c_h r_h^3 / (6 (sum c_h r_h^2)^{3/2})`` with ``r_h = mean - theta_(h)`` and
    weights ``c_h`` the counts (each person of history ``h`` gives the same jackknife value).
    """
    c = np.asarray(counts, dtype=float)
    theta = np.asarray(jackknife, dtype=float)
    if not np.all(np.isfinite(theta)):
        return 0.0
    r = (c * theta).sum() / c.sum() - theta
    denominator = 6.0 * (c * r**2).sum() ** 1.5
    return float((c * r**3).sum() / denominator) if denominator > 0 else 0.0


def bootstrap_intervals(
    estimate: float, replicates: np.ndarray, accel: float, levels: Sequence[float]
) -> tuple[list[Interval], float]:
    """Percentile and BCa intervals; returns them and the bias correction ``z0``."""
    B = len(replicates)
    share = np.mean(replicates < estimate)
    # With every replicate on one side z0 is infinite; clamp to half a replicate.
    z0 = float(norm.ppf(np.clip(share, 0.5 / B, 1 - 0.5 / B)))
    out = []
    for level in levels:
        alpha = np.array([(1 - level) / 2, (1 + level) / 2])
        pct = quantile_type8(replicates, alpha)
        za = norm.ppf(alpha) + z0
        adjusted = norm.cdf(z0 + za / (1 - accel * za))
        bca = quantile_type8(replicates, adjusted)
        out.append(Interval(level, "percentile", float(pct[0]), float(pct[1])))
        out.append(Interval(level, "bca", float(bca[0]), float(bca[1])))
    return out, z0


def resample(
    kind: BootstrapKind,
    counts: np.ndarray,
    fitted: np.ndarray,
    replicates: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``replicates`` bootstrap data sets (rows) over the full cell table."""
    if kind is BootstrapKind.NONPARAMETRIC:
        total = round(float(counts.sum()))
        return rng.multinomial(total, counts / counts.sum(), size=replicates).astype(float)
    return rng.poisson(fitted, size=(replicates, len(fitted))).astype(float)


def jackknife_sets(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One data set per observed history with one person of that history removed."""
    cells = np.flatnonzero(counts > 0)
    sets = np.repeat(counts[None], len(cells), axis=0)
    sets[np.arange(len(cells)), cells] -= 1.0
    return sets, counts[cells]


def run_bootstrap(
    estimator: Callable[[np.ndarray], np.ndarray],
    counts: np.ndarray,
    fitted: np.ndarray,
    estimate: float,
    replicates: int,
    kind: BootstrapKind,
    seed: int | None,
    levels: Sequence[float],
) -> dict[str, object]:
    """Bootstrap + jackknife through ``estimator`` (a batch of data sets -> estimates)."""
    rng = np.random.default_rng(seed)
    boot = resample(kind, counts, fitted, replicates, rng)
    jack, weights = jackknife_sets(counts)
    values = estimator(np.vstack([boot, jack]))
    boot_values, jack_values = values[:replicates], values[replicates:]
    accel = acceleration(weights, jack_values)
    intervals, z0 = bootstrap_intervals(estimate, boot_values, accel, levels)
    return {
        "intervals": intervals,
        "replicates": boot_values,
        "acceleration": accel,
        "bias_correction": z0,
        "failed": int(np.sum(~np.isfinite(boot_values))),
    }
