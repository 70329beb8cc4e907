"""Coverage of the confidence intervals in simulations from known log-linear models.

Each simulation draws a whole population of known size ``N`` from a log-linear model:
the ``2**k`` capture histories (including "seen by nobody") from a multinomial with
the model's cell probabilities; the unseen people are dropped and the estimator
(stepwise selection, p < 0.02; bootstrap, nonparametric by default, with the selection repeated;
BCa) sees only the rest.  The script reports how often each 95 % interval contains
``N``.  Designs (not tuned to reach any number):

* ``uk5``: the model that stepwise selection fits to the UK 2013 five-list data
  (terms LA:NG, NG:GP, PFNCA:GP, LA:PFNCA, GO:GP, NG:GO; ``N`` = 11,313), as in the
  simulation of Chan, Silverman & Vincent (2021, JASA), who report 90 % coverage for
  stepwise + BCa (and 61 % for BIC) there.
* ``four``: four lists, ``N`` = 3,000, capture probabilities about 0.15, 0.10, 0.20,
  0.08 and two interactions (log odds ratio +1.0 between lists 1 and 2, -0.7 between
  lists 3 and 4): a moderately sparse, plainly dependent design.

    .venv/bin/python bench/estimation_coverage.py [--sims 500] [--bootstrap 1000]
        [--design uk5 four] [--seed 20260101] [--kind nonparametric|parametric]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from samen.estimation import CaptureHistories, estimate  # noqa: E402
from samen.estimation.design import design_for  # noqa: E402

DATA = ROOT / "src" / "samen" / "estimation" / "tests" / "data"
KINDS = ("bca", "percentile", "profile", "wald")


def uk5_design() -> tuple[CaptureHistories, np.ndarray, int, str]:
    """Cell probabilities (hidden cell first) of the stepwise model fitted to UK 5-list data."""
    data = CaptureHistories.from_csv(DATA / "uk2013_5lists.csv")
    fit = estimate(data, profile_intervals=False)
    if fit.estimate is None:
        raise SystemExit("no estimate for the UK data")
    hidden = fit.estimate - data.observed
    probs = np.concatenate([[hidden], fit.fitted]) / fit.estimate
    text = f"uk5: stepwise model of UK 2013 five lists, terms {', '.join(fit.terms)}"
    return data, probs, round(fit.estimate), text


def four_design() -> tuple[CaptureHistories, np.ndarray, int, str]:
    """Four lists with two known interactions, N = 3,000."""
    k, N = 4, 3000
    design = design_for(k)
    p = np.array([0.15, 0.10, 0.20, 0.08])
    full = np.vstack([np.zeros((1, k), dtype=np.int8), design.histories])
    log_mu = full @ np.log(p / (1 - p))
    log_mu = log_mu + 1.0 * full[:, 0] * full[:, 1] - 0.7 * full[:, 2] * full[:, 3]
    probs = np.exp(log_mu) / np.exp(log_mu).sum()
    lists = ("A", "B", "C", "D")
    template = CaptureHistories(lists, np.ones(design.n_cells))
    text = "four: 4 lists, p = 0.15/0.10/0.20/0.08, log OR A:B +1.0, C:D -0.7, N = 3000"
    return template, probs, N, text


DESIGNS = {"uk5": uk5_design, "four": four_design}


def run(name: str, sims: int, bootstrap: int, seed: int, boot_kind: str) -> None:
    template, probs, N, text = DESIGNS[name]()
    rng = np.random.default_rng(seed)
    covered = dict.fromkeys(KINDS, 0)
    widths: dict[str, list[float]] = {kind: [] for kind in KINDS}
    estimates, failures = [], 0
    start = time.perf_counter()
    for sim in range(sims):
        cells = rng.multinomial(N, probs)[1:].astype(float)
        if (cells @ design_for(template.k).list_cells == 0).any():
            failures += 1  # a list saw nobody: not a valid data set
            continue
        data = template.with_counts(cells)
        result = estimate(
            data, bootstrap=bootstrap, bootstrap_kind=boot_kind, seed=seed + sim, levels=[0.95]
        )
        if result.estimate is None:
            failures += 1
            continue
        estimates.append(result.estimate)
        for kind in KINDS:
            interval = result.interval(kind, 0.95)
            covered[kind] += interval.lower <= N <= interval.upper
            widths[kind].append(interval.upper - interval.lower)
    seconds = time.perf_counter() - start
    done = len(estimates)
    print(f"design {text}")
    print(
        f"  {sims} simulations ({failures} without an estimate), {bootstrap} {boot_kind} "
        f"bootstrap replicates each, stepwise p < 0.02, seed {seed}, {seconds:.0f} s"
    )
    print(
        f"  true N {N:,}; mean estimate {np.mean(estimates):,.0f}; "
        f"median {np.median(estimates):,.0f}; sd {np.std(estimates):,.0f}"
    )
    for kind in KINDS:
        share = covered[kind] / done
        se = np.sqrt(share * (1 - share) / done)
        print(
            f"  95 % {kind:<10} coverage {share:6.1%} (+- {se:.1%})  "
            f"median width {np.median(widths[kind]):,.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sims", type=int, default=500)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--design", nargs="+", default=list(DESIGNS), choices=list(DESIGNS))
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--kind", default="nonparametric", choices=["nonparametric", "parametric"])
    args = parser.parse_args()
    for name in args.design:
        run(name, args.sims, args.bootstrap, args.seed, args.kind)


if __name__ == "__main__":
    main()
