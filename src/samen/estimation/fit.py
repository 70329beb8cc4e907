"""Maximum likelihood fits of Poisson log-linear models, many at once.

Iteratively reweighted least squares (IRLS, = Newton's method for the canonical log
link): with ``mu = exp(X beta + offset)`` and working response
``z = X beta + (y - mu) / mu``, each step solves ``(X' W X) beta_new = X' W z`` with
``W = diag(mu)``.

The fitter works on a *batch*: ``B`` data sets (bootstrap replicates, candidate models,
or both) share the full design ``X`` and differ in counts, row masks (structural zero
cells) and column masks (which parameters the model has).  ``X' W X`` for the whole
batch is a single matrix product ``W @ XX`` with the precomputed row-wise outer products
``XX``, and the ``B`` small linear systems are solved by one batched LAPACK call.  Warm
starts (the previous model's coefficients, the new term at 0) bring a step of a stepwise
search to convergence in a few iterations.  That is where the speed comes from; the
statistics are the same as one ``glm(..., family = poisson)`` per data set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from .design import Design

_MAX_ETA = 700.0  # exp(700) is finite in float64; beyond it a fit has diverged anyway


@dataclass
class BatchFit:
    """Result of :func:`fit_batch`: one row per data set."""

    beta: np.ndarray  # (B, p), zero where the column mask is off
    mu: np.ndarray  # (B, n), zero on masked cells
    deviance: np.ndarray  # (B,)
    converged: np.ndarray  # (B,) bool
    iterations: np.ndarray  # (B,) int


def poisson_deviance(y: np.ndarray, mu: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``2 * sum(y log(y / mu) - (y - mu))`` over unmasked cells, along the last axis."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(y / mu), 0.0) - (y - mu)
    return 2.0 * np.where(rows, term, 0.0).sum(axis=-1)


def poisson_loglik(y: np.ndarray, mu: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Poisson log-likelihood ``sum(y log mu - mu - log y!)`` over unmasked cells."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(mu), 0.0) - mu - gammaln(y + 1.0)
    return np.where(rows, term, 0.0).sum(axis=-1)


def _masked_system(
    design: Design, w: np.ndarray, rhs: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``X' W X`` for the batch, with masked-out parameters pinned (identity row, zero rhs)."""
    p = design.n_params
    on = cols.astype(float)
    H = (w @ design.XX).reshape(-1, p, p)
    H *= on[:, :, None]
    H *= on[:, None, :]
    H[:, np.arange(p), np.arange(p)] += 1.0 - on
    return H, rhs * on


def fit_batch(
    design: Design,
    y: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    beta0: np.ndarray | None = None,
    offset: np.ndarray | float = 0.0,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> BatchFit:
    """Fit ``B`` Poisson log-linear models by batched IRLS.

    ``y`` (B, n) counts; ``rows`` (B, n) cells in the model; ``cols`` (B, p) parameters in
    the model; ``beta0`` (B, p) warm start or ``None`` for glm's start ``mu = y + 0.1``.
    Convergence per data set as in R's ``glm.fit``: relative change of the deviance
    ``|D_new - D_old| / (|D_new| + 0.1) < tol``; data sets that have converged leave the
    batch.
    """
    X = design.X
    y = np.asarray(y, dtype=float)
    B, n = y.shape
    p = design.n_params
    rows = np.broadcast_to(rows, (B, n))
    cols = np.broadcast_to(cols, (B, p))
    offset = np.broadcast_to(np.asarray(offset, dtype=float), (B, n))
    beta = np.zeros((B, p)) if beta0 is None else np.where(cols, beta0, 0.0)
    # Cold start as glm: eta = log(y + 0.1); the first IRLS step projects it onto the model.
    eta = np.log(y + 0.1) if beta0 is None else np.minimum(beta @ X.T + offset, _MAX_ETA)
    mu = np.exp(eta)
    deviance = poisson_deviance(y, mu, rows)
    converged = np.zeros(B, dtype=bool)
    iterations = np.zeros(B, dtype=int)
    todo = np.arange(B)
    cold = beta0 is None  # the start mu = y + 0.1 is not a model fit: no deviance to beat
    for _ in range(max_iter):
        if todo.size == 0:
            break
        yt, mt, et, rt, ct, ot = y[todo], mu[todo], eta[todo], rows[todo], cols[todo], offset[todo]
        w = np.where(rt, mt, 0.0)
        z = et - ot + (yt - mt) / mt
        H, rhs = _masked_system(design, w, (w * z) @ X, ct)
        try:
            new_beta = np.linalg.solve(H, rhs[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            new_beta = _solve_safely(H, rhs)
        new_eta = np.minimum(new_beta @ X.T + ot, _MAX_ETA)
        new_mu = np.exp(new_eta)
        new_dev = poisson_deviance(yt, new_mu, rt)
        # Step halving when the deviance is not finite (as glm.fit does) or, once the
        # iterates are model fits, when it rises: the Poisson log-likelihood is concave,
        # so a backtracking Newton step always exists and a poor warm start cannot
        # overshoot into overflow.
        bad = ~np.isfinite(new_dev)
        if not cold:
            bad |= new_dev > deviance[todo] + 1e-10 * (np.abs(deviance[todo]) + 1.0)
        halvings = 0
        while bad.any() and halvings < 40:
            new_beta[bad] = 0.5 * (new_beta[bad] + beta[todo][bad])
            new_eta[bad] = np.minimum(new_beta[bad] @ X.T + ot[bad], _MAX_ETA)
            new_mu[bad] = np.exp(new_eta[bad])
            new_dev[bad] = poisson_deviance(yt[bad], new_mu[bad], rt[bad])
            bad = ~np.isfinite(new_dev)
            if not cold:
                bad |= new_dev > deviance[todo] + 1e-10 * (np.abs(deviance[todo]) + 1.0)
            halvings += 1
        cold = False
        with np.errstate(invalid="ignore"):
            done = np.abs(new_dev - deviance[todo]) / (np.abs(new_dev) + 0.1) < tol
        beta[todo], eta[todo], mu[todo], deviance[todo] = new_beta, new_eta, new_mu, new_dev
        iterations[todo] += 1
        converged[todo[done]] = True
        todo = todo[~done]
    return BatchFit(beta, np.where(rows, mu, 0.0), deviance, converged, iterations)


def _solve_safely(H: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Solve each system separately; a singular one gets a least-squares solution."""
    out = np.empty_like(rhs)
    for b in range(len(H)):
        try:
            out[b] = np.linalg.solve(H[b], rhs[b])
        except np.linalg.LinAlgError:
            out[b] = np.linalg.lstsq(H[b], rhs[b], rcond=None)[0]
    return out


def information_matrix(design: Design, mu: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Fisher information ``X' diag(mu) X`` restricted to the model's columns (one data set)."""
    Xc = design.X[:, cols]
    return Xc.T @ (mu[:, None] * Xc)


def intercept_variance(design: Design, mu: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``Var(lambda_0) = [(X' W X)^{-1}]_00`` for a batch (glm's ``cov.unscaled[1, 1]``)."""
    H, _ = _masked_system(design, mu, np.zeros((len(mu), design.n_params)), cols)
    e0 = np.zeros((len(mu), design.n_params, 1))
    e0[:, 0] = 1.0
    return np.linalg.solve(H, e0)[:, 0, 0]
