"""From scored pairs to persons, without chaining.

Connected components over all pairs above a threshold chain clusters together: one
record with a missing birth date that resembles two different people joins them, and
at national scale such bridges merge thousands of records. Here clusters grow greedily
from the strongest pair down (Kruskal order), and two clusters are only joined when no
pair of records across them contradicts the merge:

* two records from the same source, unless splink scored exactly that pair at or
  above ``same_source_threshold`` (a source rarely registers one person twice, and
  when it does the two records look alike);
* two records with incompatible birth dates: different full dates that no known
  registration error explains (swapped day and month, one digit, a day or a year
  off), or years more than one apart. This is what keeps a father and his namesake
  son apart, and what cuts the chains;
* two records with different genders, unless splink scored that very pair as a
  possible match (a wrongly ticked box is common, and the model has weighed it);
* two records that share a surname but have clearly different given names (not a
  nickname, spelling variant, fitting initial or typo): twins and siblings, whom
  splink may score as a near-certain match because it treats name, birth date, phone
  and address as independent evidence;
* optionally, a pair that splink scored below ``cannot_link_below`` (off by default:
  on the benchmark the fact-based checks above did the same work);
* a pair that a reviewer decided are different people (``cannot_link``): also never
  joined through other records, since every pair across the two groups is checked.

Pairs a reviewer decided are the same person (``must_link``) are joined before the
greedy pass, whatever the model or the facts say.

A directly scored pair at or above ``overrule_conflicts_above`` is linked despite
conflicting birth dates or genders (never despite the relatives check). Each record
set is processed in a fixed order (probability, then positions), so the result does
not depend on the order in which DuckDB returned the pairs.

Every refused merge is reported with its reason, so that a reviewer can overrule it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pyarrow as pa

from samen.linkage.decisions import DecisionConflict, must_link_groups
from samen.linkage.normalise import canonical_first, phonetic_key
from samen.linkage.progress import Progress


@dataclass(frozen=True)
class RecordFacts:
    """The per-record facts the merge constraints look at (index = record position)."""

    source: Sequence[str]
    birth_date: Sequence[dt.date | None]
    birth_year: Sequence[int | None]
    gender: Sequence[str | None]
    # Folded names and their phonetic keys, for the relatives check (optional; keys
    # are derived from the names when not given).
    first_name: Sequence[str | None] | None = None
    last_name: Sequence[str | None] | None = None
    first_key: Sequence[str | None] | None = None
    last_key: Sequence[str | None] | None = None

    @classmethod
    def from_table(cls, prepared: pa.Table) -> RecordFacts:
        """The facts of records cleaned by samen.linkage.normalise.prepare_records."""
        return cls(**{name: prepared.column(name).to_pylist() for name in FACT_COLUMNS})


FACT_COLUMNS = (
    "source",
    "birth_date",
    "birth_year",
    "gender",
    "first_name",
    "last_name",
    "first_key",
    "last_key",
)


@dataclass(frozen=True)
class ClusterParams:
    match_threshold: float = 0.3
    cannot_link_below: float = 0.0  # off: the fact-based checks do this better
    same_source_threshold: float = 0.99
    # A directly scored pair this certain is linked even when dates or names conflict.
    overrule_conflicts_above: float = 0.9999
    # A record that matches two incompatible people about equally well (within this
    # many bits of match weight) is linked to neither: the namesake problem, which
    # grows with the size of the register. None switches the check off.
    ambiguity_margin_bits: float | None = 1.0


@dataclass
class Clustering:
    labels: np.ndarray  # cluster number per record, numbered by first record
    refused: dict[tuple[int, int], str] = field(default_factory=dict)  # pair → reason


def _dates_compatible(a: dt.date, b: dt.date) -> bool:
    if a == b:
        return True
    if a.year == b.year and a.month == b.day and a.day == b.month:
        return True  # day and month swapped
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return True  # year one off
    if abs((a - b).days) == 1:
        return True  # a day off (registered the day after, or a time-zone slip)
    sa, sb = a.strftime("%Y%m%d"), b.strftime("%Y%m%d")
    return sum(x != y for x, y in zip(sa, sb, strict=True)) == 1  # one digit


def conflict(x: int, y: int, facts: RecordFacts, *, scored: bool = False) -> str | None:
    """Why records ``x`` and ``y`` cannot be one person on their own facts, or None.

    For a pair that splink ``scored`` itself, gender is left to the model: a wrongly
    ticked box is a common error and the model has weighed it with everything else.
    Birth dates always count: they are what tells a father from his namesake son.
    """
    gx, gy = facts.gender[x], facts.gender[y]
    if not scored and gx and gy and gx != gy and "x" not in (gx, gy):
        return "different gender"
    dx, dy = facts.birth_date[x], facts.birth_date[y]
    if dx is not None and dy is not None:
        if not _dates_compatible(dx, dy):
            return "different birth dates"
    else:
        yx, yy = facts.birth_year[x], facts.birth_year[y]
        if yx is not None and yy is not None and abs(yx - yy) > 1:
            return "different birth years"
    return None


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _clearly_different_given_names(a: str, b: str) -> bool:
    if not (a.isascii() and b.isascii()):
        return False  # a script we cannot romanise (燕 / Yan): no judgement
    if len(a) < 2 or len(b) < 2:  # an initial: different only if it does not fit
        return a[0] != b[0]
    if a.startswith(b) or b.startswith(a):  # a shortened name
        return False
    if canonical_first(a) == canonical_first(b) or phonetic_key(a) == phonetic_key(b):
        return False  # nicknames or spellings of one name
    # A typo or two is not a different name: Lovteh / Loveth, Marcin / Marcni.
    return edit_distance(a, b) > max(2, min(len(a), len(b)) // 2)


def _given_names_differ(x: int, y: int, facts: RecordFacts) -> bool:
    """Same surname (either name order) but clearly different given names."""
    if facts.first_name is None or facts.last_name is None:
        return False
    fx, lx, fy, ly = (
        facts.first_name[x],
        facts.last_name[x],
        facts.first_name[y],
        facts.last_name[y],
    )
    if not (fx and lx and fy and ly) or facts.first_key is None or facts.last_key is None:
        return False
    lkx, lky = facts.last_key[x], facts.last_key[y]
    fkx, fky = facts.first_key[x], facts.first_key[y]
    if lkx == lky:
        return _clearly_different_given_names(fx, fy)
    if lkx == fky:  # y has first and last name swapped
        return _clearly_different_given_names(fx, ly)
    if fkx == lky:  # x has them swapped
        return _clearly_different_given_names(lx, fy)
    return False


def _pair_key(x: int, y: int, n: int) -> int:
    return x * n + y if x < y else y * n + x


REVIEWED_DIFFERENT = "reviewed: different people"


def cluster_pairs(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    probability: np.ndarray,
    facts: RecordFacts,
    params: ClusterParams | None = None,
    progress: Progress | None = None,
    *,
    must_link: Sequence[tuple[int, int]] = (),
    cannot_link: Sequence[tuple[int, int]] = (),
) -> Clustering:
    """Cluster ``n`` records given scored pairs (``left[k]``, ``right[k]``, ``probability[k]``).

    Pairs may be given in any order and should include the low-scored pairs that
    splink produced (they act as cannot-links); ties are broken by record position,
    so the result is deterministic.

    ``must_link`` and ``cannot_link`` are reviewed decisions (record positions): the
    first are joined unconditionally, the second never end in one cluster. Raises
    :class:`DecisionConflict` when must-links join a cannot-link pair.
    """
    params = params or ClusterParams()
    decided_group = must_link_groups(n, must_link)
    contradictions = sorted(
        (min(x, y), max(x, y)) for x, y in cannot_link if decided_group[x] == decided_group[y]
    )
    if contradictions:
        raise DecisionConflict(
            f"same-person decisions join pairs decided to be different: {contradictions}",
            contradictions,
        )
    reviewed_apart = {_pair_key(x, y, n) for x, y in cannot_link}
    progress = progress or Progress(enabled=False)
    if facts.first_name is not None and facts.last_name is not None and facts.first_key is None:
        facts = replace(
            facts,
            first_key=[phonetic_key(v) for v in facts.first_name],
            last_key=[phonetic_key(v) for v in facts.last_name],
        )
    scored = {
        _pair_key(int(x), int(y), n): float(p)
        for x, y, p in zip(left.tolist(), right.tolist(), probability.tolist(), strict=True)
    }
    strong = np.flatnonzero(probability >= params.match_threshold)
    # Strongest first; lexsort's last key is the primary one.
    order = strong[np.lexsort((right[strong], left[strong], -probability[strong]))]

    parent = list(range(n))
    members: list[list[int]] = [[i] for i in range(n)]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def refuse_reason(a: list[int], b: list[int]) -> str | None:
        if reviewed_apart and any(_pair_key(x, y, n) in reviewed_apart for x in a for y in b):
            return REVIEWED_DIFFERENT  # checked first: a reviewer's word beats the model's
        for x in a:
            for y in b:
                p = scored.get(_pair_key(x, y, n))
                same_source = facts.source[x] == facts.source[y]
                if _given_names_differ(x, y, facts):
                    return "same surname, different given names (a relative?)"
                if p is not None and p < params.cannot_link_below:
                    return "another pair across the two groups scored as different people"
                if same_source and (p is None or p < params.same_source_threshold):
                    return "two records of one source that are not near-identical"
                if p is not None and p >= params.overrule_conflicts_above:
                    continue  # near-identical records: the model's verdict stands
                reason = conflict(x, y, facts, scored=p is not None)
                if reason:
                    return reason
        return None

    # Posterior log-odds of each strong pair, and each record's strong neighbours.
    clipped = np.clip(probability, 1e-12, 1 - 1e-12)
    log_odds = np.log2(clipped / (1 - clipped))
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for k in order.tolist():
        x, y, w = int(left[k]), int(right[k]), float(log_odds[k])
        neighbours.setdefault(x, []).append((y, w))
        neighbours.setdefault(y, []).append((x, w))

    def ambiguous(x: int, y: int, weight: float) -> bool:
        """Does x (or y) match someone incompatible with the other side almost as well?"""
        margin = params.ambiguity_margin_bits
        if margin is None:
            return False
        for e, o in ((x, y), (y, x)):
            if facts.birth_date[e] is not None:
                continue  # a full birth date already tells namesakes apart
            for z, wz in neighbours.get(e, ()):
                if z == o or wz < weight - margin:
                    continue
                cz, co = find(z), find(o)
                if cz != co and refuse_reason(members[co], members[cz]) is not None:
                    return True
        return False

    # Reviewed "same person" decisions first: later merges must respect these groups.
    for x in range(n):
        a, b = find(x), find(decided_group[x])
        if a != b:
            parent[b] = a
            members[a].extend(members[b])
            members[b] = []

    refused: dict[tuple[int, int], str] = {}
    total = len(order)
    step = max(1, total // 100)
    for done, k in enumerate(order.tolist()):
        if done % step == 0:
            progress.bar(done, total)
        x, y = int(left[k]), int(right[k])
        a, b = find(x), find(y)
        if a == b:
            continue
        reason = refuse_reason(members[a], members[b])
        if reason is None and ambiguous(x, y, float(log_odds[k])):
            reason = "matches two different people about equally well"
        if reason:
            refused[(min(x, y), max(x, y))] = reason
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members[b])
        members[b] = []
    progress.bar(total, total)

    roots = np.fromiter((find(i) for i in range(n)), dtype=np.int64, count=n)
    # Number clusters in order of their first record, so labels do not depend on the
    # order in which merges happened.
    _, first_index, inverse = np.unique(roots, return_index=True, return_inverse=True)
    rank = np.empty(len(first_index), dtype=np.int64)
    rank[np.argsort(first_index, kind="stable")] = np.arange(len(first_index))
    return Clustering(labels=rank[inverse], refused=refused)
