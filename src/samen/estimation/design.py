"""Poisson log-linear models for capture histories, and their design matrices.

For ``k`` lists and a set ``T`` of two-list ("two-way") interactions the model is

    log E[n_x] = lambda_0 + sum_i lambda_i x_i + sum_{(i,j) in T} lambda_ij x_i x_j

for every observable history ``x != 0``.  The hidden number is ``exp(lambda_0)`` (the
model's expected count of the unobserved history ``x = 0``) and the estimated total is
``observed + exp(lambda_0)``.

One design matrix holds *all* columns (intercept, ``k`` main effects, ``k(k-1)/2`` pairs)
over all ``2**k - 1`` cells; a model is a column mask, and cells that the model forces to
zero are a row mask.  Sparse data make two kinds of structure (Chan, Silverman & Vincent
2021, JASA 116:1297-1306, section 2; SparseMSE ``buildmodel``):

* a list that saw nobody: its cells and its parameters leave the model;
* a pair ``(i, j)`` in ``T`` whose lists never overlap: the MLE of ``lambda_ij`` is
  ``-infinity``; the cells with ``x_i = x_j = 1`` are fitted as zero (removed) and the
  parameter is counted in the AIC (SparseMSE adds ``2`` per such pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np

from .data import history_codes


@dataclass(frozen=True)
class Design:
    """Full design over all observable cells for ``k`` lists."""

    k: int
    histories: np.ndarray  # (n_cells, k) 0/1
    pairs: tuple[tuple[int, int], ...]  # two-way terms in SparseMSE's order (1,2), (1,3), ...
    X: np.ndarray  # (n_cells, 1 + k + n_pairs)
    XX: np.ndarray  # (n_cells, p * p): row-wise outer products, for batched X'WX as one GEMM
    pair_cells: np.ndarray  # (n_cells, n_pairs) bool: cell lies in both lists of the pair
    list_cells: np.ndarray  # (n_cells, k) bool
    _cache: dict[object, tuple[np.ndarray, np.ndarray, int]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def n_cells(self) -> int:
        return self.X.shape[0]

    @property
    def n_params(self) -> int:
        return self.X.shape[1]

    @property
    def n_pairs(self) -> int:
        return len(self.pairs)

    def pair_column(self, pair_index: int) -> int:
        """Column of ``X`` that holds two-way term ``pair_index``."""
        return 1 + self.k + pair_index

    def structure(
        self, counts: np.ndarray, terms: tuple[int, ...]
    ) -> tuple[np.ndarray, np.ndarray, int]:
        """Row mask, column mask and number of empty-overlap terms for one data set and model.

        ``counts`` has shape ``(n_cells,)``; ``terms`` are pair indices.  Only which lists
        and which of the model's pairs are empty matters, so the masks are cached on that.
        """
        empty_lists = tuple(np.flatnonzero(counts @ self.list_cells == 0).tolist())
        if terms:
            overlaps = counts @ self.pair_cells[:, list(terms)]
            empty_pairs = tuple(t for t, o in zip(terms, overlaps, strict=True) if o == 0)
        else:
            empty_pairs = ()
        return self._structure(empty_lists, tuple(terms), empty_pairs)

    def _structure(
        self, empty_lists: tuple[int, ...], terms: tuple[int, ...], empty_pairs: tuple[int, ...]
    ) -> tuple[np.ndarray, np.ndarray, int]:
        key = (empty_lists, terms, empty_pairs)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = np.ones(self.n_cells, dtype=bool)
        cols = np.zeros(self.n_params, dtype=bool)
        cols[: 1 + self.k] = True
        for i in empty_lists:
            rows &= ~self.list_cells[:, i]
            cols[1 + i] = False
        n_empty = 0
        for j in terms:
            a, b = self.pairs[j]
            if a in empty_lists or b in empty_lists:
                continue  # the pair is already gone with its empty list
            if j in empty_pairs:
                rows &= ~self.pair_cells[:, j]
                n_empty += 1
            else:
                cols[self.pair_column(j)] = True
        rows.setflags(write=False)
        cols.setflags(write=False)
        if len(self._cache) > 200_000:  # bound the memory of very long runs
            self._cache.clear()
        self._cache[key] = (rows, cols, n_empty)
        return rows, cols, n_empty


@cache
def design_for(k: int) -> Design:
    """The (cached) design for ``k`` lists."""
    histories = history_codes(k)
    pairs = tuple((i, j) for i in range(k - 1) for j in range(i + 1, k))
    pair_cells = np.stack(
        [(histories[:, i] == 1) & (histories[:, j] == 1) for i, j in pairs], axis=1
    ).reshape(len(histories), len(pairs))
    X = np.hstack([np.ones((len(histories), 1)), histories, pair_cells]).astype(float)
    XX = (X[:, :, None] * X[:, None, :]).reshape(len(X), -1)
    for array in (histories, X, XX, pair_cells):
        array.setflags(write=False)
    return Design(k, histories, pairs, X, XX, pair_cells, histories.astype(bool))


@dataclass(frozen=True)
class LogLinearModel:
    """A model: main effects for every list plus the two-way ``terms`` (pair indices).

    ``terms`` keeps the order in which the terms were chosen, so that a stepwise path
    reads as it happened.
    """

    lists: tuple[str, ...]
    terms: tuple[int, ...] = ()

    @property
    def design(self) -> Design:
        return design_for(len(self.lists))

    def term_name(self, pair_index: int) -> str:
        i, j = self.design.pairs[pair_index]
        return f"{self.lists[i]}:{self.lists[j]}"

    @property
    def term_names(self) -> list[str]:
        """Two-way terms as ``"A:B"`` with the input's list names."""
        return [self.term_name(j) for j in self.terms]

    def with_term(self, pair_index: int) -> LogLinearModel:
        return LogLinearModel(self.lists, (*self.terms, pair_index))

    @property
    def formula(self) -> str:
        """The model as a readable formula, e.g. ``count ~ LA + NG + PF + LA:NG``."""
        return "count ~ " + " + ".join([*self.lists, *self.term_names])

    def tie_rank(self) -> np.ndarray:
        """Rank of each two-way term by its (sorted) list names: order-free tie-breaking."""
        keys = [tuple(sorted((self.lists[i], self.lists[j]))) for i, j in self.design.pairs]
        order = sorted(range(len(keys)), key=lambda j: keys[j])
        rank = np.empty(len(keys), dtype=int)
        rank[order] = np.arange(len(keys))
        return rank

    def pair_index(self, name: str) -> int:
        """Index of the term called ``"A:B"`` (either order)."""
        a, _, b = name.partition(":")
        try:
            i, j = sorted((self.lists.index(a.strip()), self.lists.index(b.strip())))
        except ValueError:
            raise ValueError(f"unknown two-way term {name!r} for lists {self.lists}") from None
        if i == j:
            raise ValueError(f"a two-way term needs two different lists: {name!r}")
        return self.design.pairs.index((i, j))
