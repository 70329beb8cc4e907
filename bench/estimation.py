"""Benchmark: stepwise selection + 1,000-replicate bootstrap (selection repeated) on UK 2013.

Times ``samen.estimation.estimate`` the way SparseMSE's default ``estimatepopulation`` runs:
stepwise (p < 0.02) on the six-list data, 1,000 nonparametric multinomial replicates with
the whole selection repeated in each, the jackknife over observed histories, and BCa.
SparseMSE 2.0.1 needs 183 s for this on a 2-core machine of this project's kind
(../shared/data/mse/README.md).

In the same run it times a *naive* Python port on a few replicates and extrapolates: one
statsmodels GLM per model and the existence LP for every candidate at every step, as
SparseMSE does.  The naive estimates are compared with the batched ones on the same
replicates.

    .venv/bin/python bench/estimation.py [--replicates 1000] [--repeats 3] [--naive 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from samen.estimation import CaptureHistories, estimate  # noqa: E402
from samen.estimation.design import Design, design_for  # noqa: E402
from samen.estimation.existence import full_rank, lp_exists  # noqa: E402

DATA = ROOT / "src" / "samen" / "estimation" / "tests" / "data"
SPARSEMSE_SECONDS = {"uk2013_6lists": 183.0, "uk2013_5lists": 79.0}
PUBLISHED_BCA = {
    "uk2013_6lists": {
        0.95: (9266.96, 14306.76),
        0.9: (9560.80, 13296.11),
        0.8: (9682.34, 12576.51),
    },
    "uk2013_5lists": {0.95: (8784.8, 14700.5)},
}


def naive_stepwise(design: Design, counts: np.ndarray, threshold: float = 0.02) -> float:
    """One data set, one model at a time: statsmodels fits, an LP for every candidate."""
    import statsmodels.api as sm
    from scipy.stats import poisson

    def fit(terms: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, cols, _ = design.structure(counts, terms)
        res = sm.GLM(counts[rows], design.X[rows][:, cols], family=sm.families.Poisson()).fit()
        mu = np.zeros_like(counts)
        mu[rows] = res.fittedvalues
        return res.params, mu, rows

    def usable(terms: tuple[int, ...]) -> bool:
        rows, cols, _ = design.structure(counts, terms)
        A = design.X[rows][:, cols]
        return lp_exists(A, counts[rows]) and full_rank(A)

    terms: tuple[int, ...] = ()
    params, mu, _ = fit(terms)
    n_star = counts @ design.pair_cells
    while True:
        expected = mu @ design.pair_cells
        p = np.minimum(poisson.cdf(n_star, expected), poisson.sf(n_star - 1, expected))
        p = np.array(
            [np.inf if j in terms or not usable((*terms, j)) else p[j] for j in range(len(p))]
        )
        best = int(np.argmin(p))
        if not p[best] < threshold:
            return float(counts.sum() + np.exp(params[0]))
        terms = (*terms, best)
        params, mu, _ = fit(terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="uk2013_6lists", choices=sorted(SPARSEMSE_SECONDS))
    parser.add_argument("--replicates", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--naive", type=int, default=10, help="replicates for the naive port")
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args()

    data = CaptureHistories.from_csv(DATA / f"{args.data}.csv")
    levels = sorted(PUBLISHED_BCA[args.data], reverse=True)
    print(f"data: {args.data} ({data.k} lists, {data.observed:.0f} observed)")
    print(
        f"task: stepwise (p < 0.02) + {args.replicates} nonparametric bootstrap replicates "
        "with selection repeated + jackknife + BCa"
    )
    estimate(data, bootstrap=20, seed=0, profile_intervals=False)  # warm up imports, caches
    times = []
    result = None
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = estimate(
            data, bootstrap=args.replicates, seed=args.seed, levels=levels, profile_intervals=False
        )
        times.append(time.perf_counter() - start)
    if result is None or result.estimate is None:
        raise SystemExit("no estimate")
    best, median = min(times), statistics.median(times)
    print(f"estimate: {result.estimate:,.2f}  terms: {', '.join(result.terms)}")
    for level in levels:
        ours = result.interval("bca", level)
        lo, hi = PUBLISHED_BCA[args.data][level]
        print(
            f"BCa {level:.0%}: {ours.lower:,.1f} - {ours.upper:,.1f}"
            f"   (SparseMSE, R's random stream: {lo:,.1f} - {hi:,.1f})"
        )
    print(f"time (batched): best {best:.2f} s, median {median:.2f} s of {args.repeats} runs")
    reference = SPARSEMSE_SECONDS[args.data]
    print(f"SparseMSE 2.0.1 reference: {reference:.0f} s  ->  speed-up {reference / median:.0f}x")

    if args.naive:
        design = design_for(data.k)
        rng = np.random.default_rng(args.seed)
        boot = rng.multinomial(int(data.observed), data.counts / data.observed, size=args.naive)
        start = time.perf_counter()
        naive = np.array([naive_stepwise(design, y.astype(float)) for y in boot])
        per = (time.perf_counter() - start) / args.naive
        n_sets = 1 + args.replicates + int((data.counts > 0).sum())  # data + replicates + jackknife
        from samen.estimation.existence import ExistenceChecker
        from samen.estimation.selection import stepwise

        batched = stepwise(design, boot.astype(float), ExistenceChecker(design)).estimates
        agree = np.max(np.abs(naive / batched - 1))
        print(
            f"naive port (statsmodels + LP per candidate): {per * 1000:.0f} ms per data set "
            f"-> about {per * n_sets:.0f} s for {n_sets} data sets (extrapolated from "
            f"{args.naive}); batched is {per * n_sets / median:.0f}x faster; "
            f"max relative difference of estimates {agree:.1e}"
        )


if __name__ == "__main__":
    main()
