"""Model selection: stepwise by Poisson p-values, main effects only, fixed, AIC/BIC search.

All selectors take a *batch* of data sets ``Y`` (B, n_cells) and return one chosen model
and fit per data set, so that the bootstrap can repeat the whole selection on a thousand
replicates in lock-step (one batched IRLS call per step) instead of one replicate at a
time.

Stepwise (Chan, Silverman & Vincent 2021, section 3.2; SparseMSE ``stepwisefit``):
start from main effects; for every two-way term ``(i, j)`` not yet in the model, the
number of people on both lists, ``N_ij = sum_{x_i = x_j = 1} n_x``, is Poisson with mean
``E_ij = sum_{x_i = x_j = 1} mu_x`` under the current model; its p-value is
``min(P(N <= N_ij), P(N >= N_ij))``.  Add the term with the smallest p-value, provided it
is below the threshold (default 0.02) and the enlarged model passes the existence and
identifiability checks; stop when no term qualifies.  Ties go to the first term in
SparseMSE's order ``(1,2), (1,3), ...``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from scipy.stats import poisson

from .design import Design
from .existence import ExistenceChecker, Verdict
from .fit import fit_batch, poisson_loglik


class Method(StrEnum):
    STEPWISE = "stepwise"
    MAIN = "main"
    AIC = "aic"
    BIC = "bic"
    FIXED = "fixed"


@dataclass(frozen=True)
class Candidate:
    """One two-way term considered at one step (for the audit trail)."""

    term: int
    observed_overlap: float
    expected_overlap: float | None  # stepwise: Poisson mean under the current model
    p_value: float | None
    criterion: float | None  # AIC/BIC search: the criterion of the model with this change
    verdict: Verdict | None  # None when the check was not needed


@dataclass(frozen=True)
class Step:
    """One step of a selection: what was considered and what, if anything, changed."""

    added: int | None
    removed: int | None
    candidates: tuple[Candidate, ...]


@dataclass
class Selection:
    """Chosen model and its fit for each data set of a batch."""

    terms: list[tuple[int, ...]]
    beta: np.ndarray
    mu: np.ndarray
    deviance: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    n_empty: np.ndarray
    observed: np.ndarray
    usable: np.ndarray  # False where even the starting model has no finite estimate
    converged: np.ndarray
    steps: list[list[Step]] = field(default_factory=list)

    @property
    def estimates(self) -> np.ndarray:
        """``observed + exp(lambda_0)``; ``inf`` where no usable model exists."""
        return np.where(self.usable, self.observed + np.exp(self.beta[:, 0]), np.inf)


def _structures(
    design: Design, Y: np.ndarray, terms: list[tuple[int, ...]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    out = [design.structure(y, t) for y, t in zip(Y, terms, strict=True)]
    rows = np.array([o[0] for o in out]).reshape(len(Y), design.n_cells)
    cols = np.array([o[1] for o in out]).reshape(len(Y), design.n_params)
    return rows, cols, np.array([o[2] for o in out], dtype=int)


def fit_models(
    design: Design,
    Y: np.ndarray,
    terms: list[tuple[int, ...]],
    checker: ExistenceChecker,
    beta0: np.ndarray | None = None,
    checked: bool = False,
) -> Selection:
    """Fit the given model for each data set (no selection); ``checked``: already usable."""
    Y = np.asarray(Y, dtype=float)
    rows, cols, n_empty = _structures(design, Y, terms)
    usable = (
        np.ones(len(Y), dtype=bool)
        if checked
        else np.array([checker.check(y, t).usable for y, t in zip(Y, terms, strict=True)])
    )
    fit = fit_batch(design, Y, rows, cols, beta0=beta0)
    return Selection(
        list(terms),
        fit.beta,
        fit.mu,
        fit.deviance,
        rows,
        cols,
        n_empty,
        Y.sum(axis=1),
        usable,
        fit.converged,
        [[] for _ in range(len(Y))],
    )


def stepwise(
    design: Design,
    Y: np.ndarray,
    checker: ExistenceChecker,
    threshold: float = 0.02,
    trace: bool = False,
    tie_rank: np.ndarray | None = None,
) -> Selection:
    """SparseMSE's stepwise selection for every data set in ``Y``, in lock-step.

    With ``trace`` every candidate below the threshold is checked (not only until the
    first usable one), so that the audit trail says why each significant term was or was
    not taken.
    """
    Y = np.asarray(Y, dtype=float)
    B = len(Y)
    tie_rank = np.arange(design.n_pairs) if tie_rank is None else tie_rank
    sel = fit_models(design, Y, [()] * B, checker)
    n_star = Y @ design.pair_cells
    included = np.zeros((B, design.n_pairs), dtype=bool)
    active = np.flatnonzero(sel.usable) if threshold > 0 else np.array([], dtype=int)
    while active.size:
        expected = sel.mu[active] @ design.pair_cells
        observed = n_star[active]
        p_values = np.minimum(poisson.cdf(observed, expected), poisson.sf(observed - 1, expected))
        p_values[included[active]] = np.inf
        chosen: list[int] = []
        for row, b in enumerate(active):
            p = p_values[row]
            pick: int | None = None
            verdicts: dict[int, Verdict] = {}
            for j in _by_p_value(p, threshold, tie_rank):
                verdict = checker.check(Y[b], (*sel.terms[b], int(j)))
                verdicts[int(j)] = verdict
                if verdict.usable and pick is None:
                    pick = int(j)
                    if not trace:
                        break
            if trace:
                sel.steps[b].append(
                    Step(
                        pick,
                        None,
                        tuple(
                            Candidate(
                                j,
                                float(observed[row, j]),
                                float(expected[row, j]),
                                float(p[j]),
                                None,
                                verdicts.get(j),
                            )
                            for j in range(design.n_pairs)
                            if not included[b, j]
                        ),
                    )
                )
            if pick is not None:
                sel.terms[b] = (*sel.terms[b], pick)
                included[b, pick] = True
                chosen.append(b)
        active = np.array(chosen, dtype=int)
        if active.size:
            _refit(design, Y, sel, active)
    return sel


def _by_p_value(p: np.ndarray, threshold: float, tie_rank: np.ndarray) -> list[int]:
    """Candidates below the threshold, smallest p-value first.

    P-values equal to within a relative 1e-9 count as ties and are ordered by
    ``tie_rank``.  SparseMSE takes the first in column order; ranking ties by the list
    names instead makes the choice independent of the order of the columns, and the two
    agree whenever there is no tie (as on the reference data).
    """
    remaining = [int(j) for j in np.flatnonzero(p < threshold)]
    order = []
    while remaining:
        best = min(p[j] for j in remaining)
        tied = [j for j in remaining if p[j] <= best * (1 + 1e-9)]
        pick = min(tied, key=lambda j: tie_rank[j])
        order.append(pick)
        remaining.remove(pick)
    return order


def _refit(design: Design, Y: np.ndarray, sel: Selection, which: np.ndarray) -> None:
    rows, cols, n_empty = _structures(design, Y[which], [sel.terms[b] for b in which])
    fit = fit_batch(design, Y[which], rows, cols, beta0=sel.beta[which])
    sel.beta[which], sel.mu[which], sel.deviance[which] = fit.beta, fit.mu, fit.deviance
    sel.rows[which], sel.cols[which], sel.n_empty[which] = rows, cols, n_empty
    sel.converged[which] = fit.converged


def information_criterion(
    design: Design, Y: np.ndarray, sel: Selection, kind: Method
) -> np.ndarray:
    """AIC or BIC per data set: ``-2 log L + penalty * (parameters + empty-overlap terms)``.

    Empty-overlap terms count as parameters (fitted at ``-infinity``), as SparseMSE's
    ``modelfit`` counts them in the AIC.  BIC uses ``log(observed people)``, as Rcapture.
    """
    loglik = poisson_loglik(Y, np.where(sel.rows, sel.mu, 1.0), sel.rows)
    n_par = sel.cols.sum(axis=1) + sel.n_empty
    penalty = 2.0 if kind is Method.AIC else np.log(np.maximum(Y.sum(axis=1), 2.0))
    return -2.0 * loglik + penalty * n_par


def criterion_search(
    design: Design,
    y: np.ndarray,
    checker: ExistenceChecker,
    kind: Method,
    trace: bool = False,
) -> Selection:
    """Greedy two-way search by AIC or BIC for one data set.

    From main effects, repeatedly make the single change (add one two-way term, or drop
    one) that lowers the criterion most, among models whose estimate exists and is
    identifiable; stop when no change lowers it.  All neighbours of a model are fitted in
    one batch, warm-started from the current fit.
    """
    y = np.asarray(y, dtype=float)
    current = fit_models(design, y[None], [()], checker)
    if not current.usable[0]:
        return current
    steps: list[Step] = []
    score = information_criterion(design, y[None], current, kind)[0]
    overlaps = y @ design.pair_cells
    while True:
        terms = current.terms[0]
        moves = [(j, None) for j in range(design.n_pairs) if j not in terms]
        moves += [(None, j) for j in terms]
        models = [
            (*terms, add) if add is not None else tuple(t for t in terms if t != drop)
            for add, drop in moves
        ]
        verdicts = [checker.check(y, m) for m in models]
        ok = [i for i, v in enumerate(verdicts) if v.usable]
        scores = np.full(len(models), np.inf)
        fits = None
        if ok:
            Y = np.repeat(y[None], len(ok), axis=0)
            start = np.repeat(current.beta, len(ok), axis=0)
            fits = fit_models(design, Y, [models[i] for i in ok], checker, start, checked=True)
            scores[ok] = information_criterion(design, Y, fits, kind)
        best = int(np.argmin(scores)) if len(models) else -1
        improve = best >= 0 and scores[best] < score - 1e-9
        add, drop = moves[best] if improve else (None, None)
        if trace:
            steps.append(
                Step(
                    add,
                    drop,
                    tuple(
                        Candidate(
                            add_ if add_ is not None else drop_,
                            float(overlaps[add_ if add_ is not None else drop_]),
                            None,
                            None,
                            float(scores[i]) if np.isfinite(scores[i]) else None,
                            verdicts[i],
                        )
                        for i, (add_, drop_) in enumerate(moves)
                    ),
                )
            )
        if not improve or fits is None:
            break
        pick = ok.index(best)
        current = Selection(
            [models[best]],
            fits.beta[[pick]],
            fits.mu[[pick]],
            fits.deviance[[pick]],
            fits.rows[[pick]],
            fits.cols[[pick]],
            fits.n_empty[[pick]],
            fits.observed[[pick]],
            fits.usable[[pick]],
            fits.converged[[pick]],
            [[]],
        )
        score = scores[best]
    current.steps = [steps]
    return current


def criterion_search_batch(
    design: Design, Y: np.ndarray, checker: ExistenceChecker, kind: Method
) -> Selection:
    """:func:`criterion_search` for many data sets in lock-step (no audit trail).

    Each round fits the neighbours of every data set still improving in one batch, so a
    bootstrap of an AIC/BIC search costs a few large IRLS calls per round instead of one
    small call per replicate.  Same moves, same order, same tie-breaking as the single
    search, hence the same models.
    """
    Y = np.asarray(Y, dtype=float)
    current = fit_models(design, Y, [()] * len(Y), checker)
    score = information_criterion(design, Y, current, kind)
    active = np.flatnonzero(current.usable)
    while active.size:
        owners: list[int] = []
        models: list[tuple[int, ...]] = []
        for b in active:
            terms = current.terms[b]
            moves = [(*terms, j) for j in range(design.n_pairs) if j not in terms]
            moves += [tuple(t for t in terms if t != drop) for drop in terms]
            for model in moves:
                if checker.check(Y[b], model).usable:
                    owners.append(int(b))
                    models.append(model)
        if not models:
            break
        who = np.array(owners)
        fits = fit_models(design, Y[who], models, checker, current.beta[who], checked=True)
        scores = information_criterion(design, Y[who], fits, kind)
        improved = []
        for b in active:
            mine = np.flatnonzero(who == b)
            if not mine.size:
                continue
            best = mine[int(np.argmin(scores[mine]))]
            if scores[best] < score[b] - 1e-9:
                score[b] = scores[best]
                current.terms[b] = models[best]
                for name in ("beta", "mu", "deviance", "rows", "cols", "n_empty", "converged"):
                    getattr(current, name)[b] = getattr(fits, name)[best]
                improved.append(b)
        active = np.array(improved, dtype=int)
    return current


def select(
    design: Design,
    Y: np.ndarray,
    method: Method,
    checker: ExistenceChecker,
    threshold: float = 0.02,
    terms: tuple[int, ...] = (),
    trace: bool = False,
    tie_rank: np.ndarray | None = None,
) -> Selection:
    """Run ``method`` on every data set of the batch ``Y``."""
    Y = np.atleast_2d(np.asarray(Y, dtype=float))
    if method is Method.STEPWISE:
        return stepwise(design, Y, checker, threshold, trace, tie_rank)
    if method is Method.MAIN:
        return fit_models(design, Y, [()] * len(Y), checker)
    if method is Method.FIXED:
        return fit_models(design, Y, [tuple(terms)] * len(Y), checker)
    if not trace:
        return criterion_search_batch(design, Y, checker, method)
    parts = [criterion_search(design, y, checker, method, trace) for y in Y]
    return Selection(
        [t for s in parts for t in s.terms],
        np.vstack([s.beta for s in parts]),
        np.vstack([s.mu for s in parts]),
        np.concatenate([s.deviance for s in parts]),
        np.vstack([s.rows for s in parts]),
        np.vstack([s.cols for s in parts]),
        np.concatenate([s.n_empty for s in parts]),
        np.concatenate([s.observed for s in parts]),
        np.concatenate([s.usable for s in parts]),
        np.concatenate([s.converged for s in parts]),
        [st for s in parts for st in s.steps],
    )
