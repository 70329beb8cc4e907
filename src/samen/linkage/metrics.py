"""Pairwise cluster quality against known truth (benchmark and tests).

Definition: every unordered pair of records is a *predicted* match when both records
got the same person id, and a *true* match when both belong to the same real person.
Precision = true predicted pairs / predicted pairs; recall = true predicted pairs /
true pairs; F1 their harmonic mean. Pair counts weigh large clusters quadratically,
which is what makes chaining visible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PairwiseScores:
    precision: float
    recall: float
    f1: float
    predicted_pairs: int
    true_pairs: int


def _pairs(groups: Sequence[Hashable]) -> int:
    return sum(c * (c - 1) // 2 for c in Counter(groups).values())


def pairwise_scores(labels: Sequence[Hashable], truth: Sequence[Hashable]) -> PairwiseScores:
    if len(labels) != len(truth):
        raise ValueError("labels and truth must have one entry per record")
    both = _pairs(list(zip(labels, truth, strict=True)))
    predicted, true = _pairs(labels), _pairs(truth)
    precision = both / predicted if predicted else 1.0
    recall = both / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairwiseScores(precision, recall, f1, predicted, true)
