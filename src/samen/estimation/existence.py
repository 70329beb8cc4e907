"""Does the maximum likelihood estimate exist, and is it identifiable?

With sparse data a log-linear model can fail in two ways (Fienberg & Rinaldo 2012,
Ann. Statist. 40:996-1023; Chan, Silverman & Vincent 2021, JASA, section 2.3; SparseMSE
``checkident``):

* **Existence.**  Let ``A`` be the model's design (rows = cells left after structural
  zeros, columns = parameters) and ``t = A' n`` the sufficient statistics.  The MLE is
  finite iff ``t`` lies in the relative interior of the cone spanned by the rows of
  ``A``, i.e. iff some strictly positive ``w`` has ``A' w = t``.  The linear program

      maximise s  subject to  A' w = t,  w_c >= s  for every cell c,  w >= 0, s >= 0

  has optimum ``s > 0`` exactly then.  (``t`` itself is ``A' n`` with ``n >= 0``, so the
  program is always feasible.)
* **Identifiability.**  The design restricted to the remaining cells must have full
  column rank; otherwise the hidden number is not determined by the data.

Existence depends on the data only through which cells are positive (the *support*):
``t`` is interior iff the positive cells' rows already reach the interior.  So a verdict
can be cached per (model structure, support), and it is *monotone*: if the MLE exists
for support ``S`` it exists for every larger support, and if it fails for ``S`` it fails
for every smaller one.  Bootstrap replicates share few distinct supports, which is why
thousands of checks cost a handful of linear programs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from scipy.optimize import linprog

from .design import Design

_LP_TOLERANCE = 1e-7


class Verdict(StrEnum):
    """Outcome of the checks, with SparseMSE's error codes as comments."""

    OK = "ok"  # ierr 0
    DOES_NOT_EXIST = "does_not_exist"  # ierr 1
    NOT_IDENTIFIABLE = "not_identifiable"  # ierr 2
    NEITHER = "does_not_exist_and_not_identifiable"  # ierr 3

    @property
    def usable(self) -> bool:
        return self is Verdict.OK

    @property
    def explanation_en(self) -> str:
        return _EXPLANATIONS[self][0]

    @property
    def explanation_nl(self) -> str:
        return _EXPLANATIONS[self][1]


_EXPLANATIONS = {
    Verdict.OK: ("the estimate exists and is identifiable", "de schatting bestaat en is bepaald"),
    Verdict.DOES_NOT_EXIST: (
        "the maximum likelihood estimate does not exist (it would be infinite): the data "
        "have too many empty combinations for this model",
        "de meest aannemelijke schatting bestaat niet (zou oneindig zijn): de gegevens "
        "hebben te veel lege combinaties voor dit model",
    ),
    Verdict.NOT_IDENTIFIABLE: (
        "the model is not identifiable: the data cannot determine the hidden number",
        "het model is niet identificeerbaar: de gegevens bepalen het verborgen aantal niet",
    ),
    Verdict.NEITHER: (
        "the estimate does not exist and the model is not identifiable",
        "de schatting bestaat niet en het model is niet identificeerbaar",
    ),
}


def lp_exists(A: np.ndarray, counts: np.ndarray) -> bool:
    """The Fienberg-Rinaldo linear program: is ``A' counts`` interior to the cone of ``A``?"""
    n_cells, n_par = A.shape
    c = np.zeros(n_cells + 1)
    c[-1] = -1.0  # maximise s
    a_eq = np.hstack([A.T, np.zeros((n_par, 1))])
    a_ub = np.hstack([-np.eye(n_cells), np.ones((n_cells, 1))])  # s - w_c <= 0
    res = linprog(
        c, A_ub=a_ub, b_ub=np.zeros(n_cells), A_eq=a_eq, b_eq=A.T @ counts, method="highs"
    )
    if res.status != 0:  # pragma: no cover - the program is feasible and bounded by design
        raise RuntimeError(f"existence LP failed: {res.message}")
    return -res.fun > _LP_TOLERANCE


def full_rank(A: np.ndarray) -> bool:
    return A.shape[0] >= A.shape[1] and np.linalg.matrix_rank(A) == A.shape[1]


def _bits(mask: np.ndarray) -> int:
    return int.from_bytes(np.packbits(mask).tobytes(), "big")


@dataclass
class ExistenceChecker:
    """Cached, monotone existence and identifiability checks for one design."""

    design: Design
    linear_programs: int = 0
    _verdicts: dict[bytes, Verdict] = field(default_factory=dict)
    _rank: dict[bytes, int] = field(default_factory=dict)
    _exists: dict[bytes, list[tuple[int, int]]] = field(default_factory=dict)
    _fails: dict[bytes, list[tuple[int, int]]] = field(default_factory=dict)

    def check(self, counts: np.ndarray, terms: tuple[int, ...]) -> Verdict:
        """Verdict for the model with two-way ``terms`` on data ``counts`` (full cell table)."""
        rows, cols, _ = self.design.structure(counts, terms)
        positive = (counts > 0) & rows
        key = np.packbits(np.concatenate([rows, cols, positive])).tobytes()
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._decide(rows, cols, positive[rows])
        return verdict

    def _decide(self, rows: np.ndarray, cols: np.ndarray, positive: np.ndarray) -> Verdict:
        row_key = rows.tobytes()
        model_key = row_key + cols.tobytes()
        A = self.design.X[rows][:, cols]
        rank = self._rank.get(model_key)
        if rank is None:
            rank = self._rank[model_key] = int(np.linalg.matrix_rank(A))
        identifiable = rank == A.shape[1]
        exists = self._exists_for(row_key, _bits(cols), A, rank, positive)
        if exists and identifiable:
            return Verdict.OK
        if identifiable:
            return Verdict.DOES_NOT_EXIST
        return Verdict.NOT_IDENTIFIABLE if exists else Verdict.NEITHER

    def _exists_for(
        self, row_key: bytes, cols: int, A: np.ndarray, rank: int, positive: np.ndarray
    ) -> bool:
        """Existence, using what is already known for the same structural zeros.

        Known verdicts are pairs (model columns, support).  Existence carries over to
        sub-models (dropping a parameter projects an interior point to an interior point)
        and to larger supports; non-existence to super-models and smaller supports.
        """
        if positive.all():
            return True  # w = counts is strictly positive
        # Cheap sufficient condition: if the positive cells alone give a design of full
        # rank, any kernel direction that is positive on the zero cells can be completed
        # on the positive cells, so a strictly positive w with A' w = t exists.
        if np.linalg.matrix_rank(A[positive]) == rank:
            return True
        support = _bits(positive)
        known_ok = self._exists.setdefault(row_key, [])
        if any(cols & ~c == 0 and s & ~support == 0 for c, s in known_ok):
            return True
        known_fail = self._fails.setdefault(row_key, [])
        if any(c & ~cols == 0 and support & ~s == 0 for c, s in known_fail):
            return False
        self.linear_programs += 1
        ok = lp_exists(A, positive.astype(float))  # only the support matters
        (known_ok if ok else known_fail).append((cols, support))
        return ok
