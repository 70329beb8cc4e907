"""Reviewed decisions on record pairs, which every later run must respect.

A coordinator who confirms a doubtful pair ("same person") or rejects it ("different
people") should never see the model undo that. Confirmations become must-links (joined
before clustering), rejections cannot-links (checked at every merge, so the two records
are not joined through other records either). Decisions are on record ids, so they
survive re-runs with more records.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True)
class ReviewDecision:
    """A reviewer's verdict on two records: ``same`` person or not."""

    record_id_a: str
    record_id_b: str
    same: bool


class DecisionConflict(ValueError):
    """Decisions contradict each other: a chain of "same person" decisions joins two
    records that were decided to be different people."""

    def __init__(self, message: str, pairs: Sequence[tuple[Hashable, Hashable]]) -> None:
        super().__init__(message)
        self.pairs = list(pairs)  # the contradicted "different" pairs


@dataclass(frozen=True)
class ResolvedDecisions:
    """Decisions as record positions of one run, checked for contradictions."""

    must_link: list[tuple[int, int]]  # (smaller, larger) position, sorted, unique
    cannot_link: list[tuple[int, int]]
    ignored: int  # decisions on a record not in this run (or a record with itself)


def must_link_groups(n: int, must_link: Iterable[tuple[int, int]]) -> list[int]:
    """Root per record after joining every must-link pair (the smallest position)."""
    pairs = np.asarray(list(must_link), dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix(
        (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n)
    )
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max(initial=-1) + 1, n, dtype=np.int64)
    np.minimum.at(smallest, labels, np.arange(n, dtype=np.int64))
    return smallest[labels].tolist()


def must_link_path(must_link: Iterable[tuple[int, int]], start: int, goal: int) -> list[int]:
    """The shortest chain of must-links from ``start`` to ``goal`` ([] if none)."""
    graph: dict[int, list[int]] = {}
    for x, y in must_link:
        graph.setdefault(x, []).append(y)
        graph.setdefault(y, []).append(x)
    previous: dict[int, int] = {start: start}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for other in sorted(graph.get(node, ())):
            if other not in previous:
                previous[other] = node
                queue.append(other)
    if goal not in previous:
        return []
    path = [goal]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return path[::-1]


def resolve_decisions(ids: Sequence[str], decisions: Iterable[ReviewDecision]) -> ResolvedDecisions:
    """Map decisions onto record positions and refuse contradictory ones.

    Raises :class:`DecisionConflict` naming the record ids when the same pair is both
    confirmed and rejected, or when confirmations join a rejected pair through other
    records (A = B, B = C, A ≠ C).
    """
    position: Mapping[str, int] = {record_id: i for i, record_id in enumerate(ids)}
    must: set[tuple[int, int]] = set()
    cannot: set[tuple[int, int]] = set()
    ignored = 0
    for decision in decisions:
        x = position.get(str(decision.record_id_a))
        y = position.get(str(decision.record_id_b))
        if x is None or y is None or x == y:
            ignored += 1
            continue
        (must if decision.same else cannot).add((min(x, y), max(x, y)))
    must_sorted, cannot_sorted = sorted(must), sorted(cannot)
    group = must_link_groups(len(ids), must_sorted)
    conflicts = [(x, y) for x, y in cannot_sorted if group[x] == group[y]]
    if conflicts:
        explained = []
        for x, y in conflicts[:5]:
            chain = " = ".join(ids[i] for i in must_link_path(must_sorted, x, y))
            explained.append(f"{ids[x]} ≠ {ids[y]} (but {chain})")
        more = f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else ""
        raise DecisionConflict(
            "reviewed decisions contradict each other: records decided to be different "
            f"people are joined by same-person decisions: {'; '.join(explained)}{more}",
            [(ids[x], ids[y]) for x, y in conflicts],
        )
    return ResolvedDecisions(must_sorted, cannot_sorted, ignored)
