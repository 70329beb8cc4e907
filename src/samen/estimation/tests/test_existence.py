"""Existence and identifiability checks (Fienberg & Rinaldo LP, rank), and their use."""

from __future__ import annotations

import numpy as np
import pytest

from samen.estimation import CaptureHistories, Verdict, estimate
from samen.estimation.design import design_for
from samen.estimation.existence import ExistenceChecker, full_rank, lp_exists

# The pattern SparseMSE documents for its data set Artificial_3 (Chan, Silverman &
# Vincent, Table 2): only A, B, C and AB observed.  With all three pairs: LP positive but
# not identifiable; with AB (alone or with one of AC, BC): the MLE does not exist; main
# effects, AC, BC, or AC + BC: fine.
ARTIFICIAL = CaptureHistories.from_rows(
    ["A", "B", "C"], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]], [20, 15, 12, 4]
)
AB, AC, BC = 0, 1, 2


@pytest.mark.parametrize(
    ("terms", "verdict"),
    [
        ((), Verdict.OK),
        ((AC,), Verdict.OK),
        ((BC,), Verdict.OK),
        ((AC, BC), Verdict.OK),
        ((AB,), Verdict.DOES_NOT_EXIST),
        ((AB, AC), Verdict.DOES_NOT_EXIST),
        ((AB, BC), Verdict.DOES_NOT_EXIST),
        ((AB, AC, BC), Verdict.NOT_IDENTIFIABLE),
    ],
)
def test_artificial_pattern(terms: tuple[int, ...], verdict: Verdict) -> None:
    checker = ExistenceChecker(design_for(3))
    assert checker.check(ARTIFICIAL.counts, terms) is verdict


def _pure_lp(counts: np.ndarray, terms: tuple[int, ...], k: int) -> Verdict:
    design = design_for(k)
    rows, cols, _ = design.structure(counts, terms)
    A = design.X[rows][:, cols]
    exists = lp_exists(A, counts[rows])
    ident = full_rank(A)
    return {
        (True, True): Verdict.OK,
        (False, True): Verdict.DOES_NOT_EXIST,
        (True, False): Verdict.NOT_IDENTIFIABLE,
        (False, False): Verdict.NEITHER,
    }[(exists, ident)]


def test_shortcuts_and_cache_agree_with_the_plain_linear_program() -> None:
    """The rank shortcut and the monotone cache never change a verdict."""
    rng = np.random.default_rng(7)
    for k in (3, 4, 5):
        design = design_for(k)
        checker = ExistenceChecker(design)
        for _ in range(60):
            counts = rng.poisson(rng.uniform(0.05, 3.0), design.n_cells).astype(float)
            counts[[2**i - 1 for i in range(k)]] += 1  # every list sees somebody
            terms = tuple(
                int(j)
                for j in rng.choice(
                    design.n_pairs, rng.integers(0, design.n_pairs + 1), replace=False
                )
            )
            assert checker.check(counts, terms) is _pure_lp(counts, terms, k), (counts, terms)


def test_lists_that_never_overlap_give_no_estimate() -> None:
    data = CaptureHistories.from_rows(["A", "B", "C"], [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [5, 6, 7])
    result = estimate(data)
    assert result.estimate is None
    assert result.verdict is Verdict.DOES_NOT_EXIST
    codes = [w.code for w in result.warnings]
    assert codes[0] == "no_estimate"
    assert "lists_never_overlap" in codes
    assert result.as_dict()["estimate"] is None
    assert "does not exist" in result.summary()


def test_refused_term_is_reported() -> None:
    """A significant term whose model fails the checks is skipped, and the result says why."""
    result = estimate(ARTIFICIAL, "stepwise", threshold=0.999)
    assert "A:B" not in result.terms
    steps = result.as_dict()["selection"]["steps"]
    checks = [c["check"] for s in steps for c in s["candidates"] if c["term"] == "A:B"]
    # First refused because the MLE would not exist; once A:C and B:C are in (both empty
    # overlaps, so structural zeros), because the model would not be identifiable.
    assert checks[0] == "does_not_exist"
    assert checks[-1] == "not_identifiable"
    assert result.terms == ["A:C", "B:C"]
    refused = [w for w in result.warnings if w.code == "term_refused"]
    assert refused
    assert "A:B" in refused[0].en
    assert "A:B" in refused[0].nl
