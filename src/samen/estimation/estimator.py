"""``estimate()``: from capture histories to an audited estimate of the total.

The procedure (defaults reproduce SparseMSE 2.0.1's ``estimatepopulation``):

1. check that main effects alone give a finite, identifiable estimate;
2. choose a model (stepwise by Poisson p-values; main effects; fixed terms; or a
   greedy AIC/BIC search), never one that fails the existence/identifiability checks;
3. ``N = observed + exp(lambda_0)`` from the chosen model;
4. Wald and profile-likelihood intervals for the chosen model, and, if asked, bootstrap
   percentile and BCa intervals with the selection repeated in every replicate.

References: Chan, Silverman & Vincent (2021), "Multiple systems estimation for sparse
capture data: inferential challenges when there are nonoverlapping lists", JASA 116,
1297-1306; SparseMSE (R package, CRAN); Fienberg & Rinaldo (2012), Ann. Statist. 40.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .data import CaptureHistories
from .design import LogLinearModel, design_for
from .diagnostics import SPARSE_OVERLAP, PlainWarning, data_warnings
from .existence import ExistenceChecker, Verdict
from .fit import intercept_variance, poisson_loglik
from .intervals import BootstrapKind, profile, run_bootstrap, wald
from .result import BootstrapInfo, EstimationResult
from .selection import Method, Step, information_criterion, select


def estimate(
    data: CaptureHistories,
    method: Method | str = Method.STEPWISE,
    *,
    threshold: float = 0.02,
    terms: Sequence[str] = (),
    levels: Sequence[float] = (0.95,),
    bootstrap: int = 0,
    bootstrap_kind: BootstrapKind | str = BootstrapKind.NONPARAMETRIC,
    seed: int | None = 1234,
    profile_intervals: bool = True,
    sparse_overlap: int = SPARSE_OVERLAP,
) -> EstimationResult:
    """Estimate the total population from capture histories.

    ``method``: ``"stepwise"`` (default, threshold ``threshold``), ``"main"``, ``"aic"``,
    ``"bic"``, or ``"fixed"`` with ``terms`` such as ``["LA:NG"]``.  ``bootstrap``: number
    of replicates (0 = none); ``bootstrap_kind``: ``"nonparametric"`` (multinomial, as
    SparseMSE) or ``"parametric"`` (Poisson from the fitted model); ``seed`` makes it
    reproducible.
    """
    method = Method(method)
    kind = BootstrapKind(bootstrap_kind)
    levels = [float(level) for level in levels]
    if any(not 0 < level < 1 for level in levels):
        raise ValueError("confidence levels must lie strictly between 0 and 1")
    if not 0 <= threshold <= 1:
        raise ValueError("the p-value threshold must lie between 0 and 1")
    if bootstrap < 0:
        raise ValueError("the number of bootstrap replicates cannot be negative")
    design = design_for(data.k)
    checker = ExistenceChecker(design)
    base = LogLinearModel(data.lists)
    fixed_terms = tuple(base.pair_index(t) for t in terms) if method is Method.FIXED else ()
    warnings = data_warnings(data, sparse_overlap)
    counts = data.counts

    start = checker.check(counts, fixed_terms)
    if not start.usable:
        model = LogLinearModel(data.lists, fixed_terms)
        warnings.insert(0, _no_estimate(start, model))
        return _empty_result(data, method, threshold, model, start, warnings)
    ranks = base.tie_rank()
    sel = select(design, counts, method, checker, threshold, fixed_terms, True, ranks)
    model = LogLinearModel(data.lists, sel.terms[0])
    rows, cols = sel.rows[0], sel.cols[0]

    beta = sel.beta[0]
    mu = sel.mu[0]
    se = float(np.sqrt(intercept_variance(design, mu[None], cols[None])[0]))
    observed = data.observed
    point = float(sel.estimates[0])
    aic = float(information_criterion(design, counts[None], sel, Method.AIC)[0])
    bic = float(information_criterion(design, counts[None], sel, Method.BIC)[0])
    names = [
        "(Intercept)",
        *data.lists,
        *(f"{data.lists[i]}:{data.lists[j]}" for i, j in design.pairs),
    ]
    coefficients = {names[c]: float(beta[c]) for c in np.flatnonzero(cols)}
    empty = [model.term_name(j) for j in sel.terms[0] if not cols[design.pair_column(j)]]
    empty = [
        t for t in empty if all(data.list_totals[data.lists.index(n)] > 0 for n in t.split(":"))
    ]
    warnings += _selection_warnings(model, sel.steps[0])
    if not sel.converged[0]:
        warnings.append(
            PlainWarning(
                "not_converged",
                "The model fit did not converge; treat the estimate with great care.",
                "De modelfit is niet geconvergeerd; ga zeer voorzichtig om met de schatting.",
            )
        )

    intervals = wald(observed, float(beta[0]), se, levels)
    if profile_intervals:
        intervals += profile(design, counts, rows, cols, beta, float(sel.deviance[0]), se, levels)
    boot_info = None
    if bootstrap:

        def estimator(Y: np.ndarray) -> np.ndarray:
            return select(
                design, Y, method, checker, threshold, fixed_terms, False, ranks
            ).estimates

        out = run_bootstrap(estimator, counts, mu, point, bootstrap, kind, seed, levels)
        intervals += out["intervals"]
        boot_info = BootstrapInfo(
            kind.value,
            bootstrap,
            seed,
            out["acceleration"],
            out["bias_correction"],
            out["failed"],
            out["replicates"],
        )
        if out["failed"]:
            warnings.append(
                PlainWarning(
                    "bootstrap_failures",
                    f"In {out['failed']} of {bootstrap} bootstrap replicates no finite "
                    "estimate existed; they count as infinitely large, which widens the "
                    "upper end of the interval.",
                    f"In {out['failed']} van {bootstrap} bootstrapherhalingen bestond geen "
                    "eindige schatting; die tellen als oneindig groot, wat de bovengrens "
                    "van het interval verruimt.",
                )
            )
    n_cells = int(rows.sum())
    return EstimationResult(
        data=data,
        method=method.value,
        threshold=threshold if method is Method.STEPWISE else None,
        model=model,
        verdict=Verdict.OK,
        estimate=point,
        intercept=float(beta[0]),
        intercept_se=se,
        coefficients=coefficients,
        empty_overlap_terms=empty,
        fitted=mu,
        cells_in_model=rows,
        deviance=float(sel.deviance[0]),
        log_likelihood=float(poisson_loglik(counts, np.where(rows, mu, 1.0), rows)),
        aic=aic,
        bic=bic,
        df=n_cells - int(cols.sum()),
        converged=bool(sel.converged[0]),
        steps=sel.steps[0],
        intervals=intervals,
        bootstrap=boot_info,
        warnings=warnings,
    )


def _selection_warnings(model: LogLinearModel, steps: list[Step]) -> list[PlainWarning]:
    """Name the terms that the data asked for but that could not be used, and why."""
    refused: dict[int, Verdict] = {}
    for step in steps:
        for c in step.candidates:
            if c.verdict is not None and not c.verdict.usable:
                refused.setdefault(c.term, c.verdict)
    out = []
    for term, verdict in refused.items():
        name = model.term_name(term)
        out.append(
            PlainWarning(
                "term_refused",
                f"The two-way term {name} was considered but not used: {verdict.explanation_en}.",
                f"De tweewegterm {name} is overwogen maar niet gebruikt: {verdict.explanation_nl}.",
            )
        )
    return out


def _no_estimate(verdict: Verdict, model: LogLinearModel) -> PlainWarning:
    return PlainWarning(
        "no_estimate",
        f"No estimate is possible with the model {model.formula}: {verdict.explanation_en}. "
        "Typically the lists hardly overlap; more lists, or linking more records, can help.",
        f"Geen schatting mogelijk met het model {model.formula}: {verdict.explanation_nl}. "
        "Meestal overlappen de lijsten nauwelijks; meer lijsten of meer gekoppelde "
        "registraties kunnen helpen.",
    )


def _empty_result(
    data: CaptureHistories,
    method: Method,
    threshold: float,
    model: LogLinearModel,
    verdict: Verdict,
    warnings: list[PlainWarning],
) -> EstimationResult:
    rows, _, _ = design_for(data.k).structure(data.counts, model.terms)
    return EstimationResult(
        data=data,
        method=method.value,
        threshold=threshold if method is Method.STEPWISE else None,
        model=model,
        verdict=verdict,
        estimate=None,
        intercept=None,
        intercept_se=None,
        coefficients={},
        empty_overlap_terms=[],
        fitted=np.zeros_like(data.counts),
        cells_in_model=rows,
        deviance=None,
        log_likelihood=None,
        aic=None,
        bic=None,
        df=None,
        converged=False,
        steps=[],
        warnings=warnings,
    )
