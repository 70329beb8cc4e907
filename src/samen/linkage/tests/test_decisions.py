"""Reviewed decisions: confirmed pairs end together, rejected pairs never do."""

import datetime as dt
import itertools

import numpy as np
import pyarrow as pa
import pytest

from samen.linkage import DecisionConflict, LinkageConfig, ReviewDecision, link_records
from samen.linkage.cluster import RecordFacts, cluster_pairs
from samen.linkage.records import records_from_rows
from samen.linkage.synthetic import generate

COLUMNS = ("record_id", "source", "first_name", "last_name", "birth_date", "gender",
           "nationality", "phone", "city")  # fmt: skip
ROWS = [
    # One woman in three records: the model links all three.
    ("b1", "police", "Blessing", "Okafor", "1996-04-09", "V", "NG", "0612345678", "Breda"),
    ("b2", "fairwork_ngo", "Blessing", "Okafor", "1996-09-04", None, None, "+31 6 12345678", None),
    ("b3", "shelter", "Blessing", "Okafor", "09-04-1996", "F", "NGA", "0612345678", "Breda"),
    # Father and son with the same name: the model keeps them apart.
    ("j1", "police", "Jan", "Jansen", "1960-02-02", "M", "NL", None, "Utrecht"),
    ("j2", "care_coordinator", "Jan", "Jansen", "1988-08-08", "M", "NL", None, "Utrecht"),
    # Nothing alike.
    ("x1", "municipality", "Piotr", "Nowak", "1975-01-30", "M", "PL", None, "Venlo"),
]  # fmt: skip
CONFIG = LinkageConfig(seed=3, as_of_year=2026)


def records() -> pa.Table:
    return records_from_rows(dict(zip(COLUMNS, row, strict=True)) for row in ROWS)


def persons(table: pa.Table, decisions: list[ReviewDecision] | None = None) -> dict[str, str]:
    result = link_records(table, CONFIG, decisions=decisions)
    return dict(
        zip(
            *(result.assignments.column(c).to_pylist() for c in ("record_id", "person_id")),
            strict=True,
        )
    )


def decided_pairs(result_pairs: pa.Table) -> dict[frozenset[str], str | None]:
    return {
        frozenset((row["record_id_l"], row["record_id_r"])): row["decision"]
        for row in result_pairs.to_pylist()
    }


def test_without_decisions_the_model_links_the_woman_and_not_the_father() -> None:
    linked = persons(records())
    assert linked["b1"] == linked["b2"] == linked["b3"]
    assert linked["j1"] != linked["j2"]


def test_rejected_pair_stays_apart_also_through_a_third_record() -> None:
    linked = persons(records(), [ReviewDecision("b1", "b2", same=False)])
    assert linked["b1"] != linked["b2"]
    # b3 resembles both; it may join one of them, never both.
    assert linked["b3"] in (linked["b1"], linked["b2"])


def test_confirmed_pair_ends_together() -> None:
    decisions = [ReviewDecision("j1", "j2", same=True), ReviewDecision("x1", "b1", same=True)]
    linked = persons(records(), decisions)
    assert linked["j1"] == linked["j2"]
    assert linked["x1"] == linked["b1"]


def test_decided_pairs_are_listed_with_their_decision_and_not_as_doubtful() -> None:
    decisions = [ReviewDecision("j2", "j1", same=True), ReviewDecision("b1", "b2", same=False)]
    result = link_records(records(), CONFIG, decisions=decisions)
    listed = decided_pairs(result.pairs)
    assert listed[frozenset(("j1", "j2"))] == "confirmed"
    assert listed[frozenset(("b1", "b2"))] == "rejected"
    undecided = [p for p, d in listed.items() if d is None]
    assert frozenset(("j1", "j2")) not in undecided
    assert result.pairs.column_names[-1] == "decision"


def test_contradictory_decisions_raise_and_name_the_records() -> None:
    decisions = [
        ReviewDecision("b1", "j1", same=True),
        ReviewDecision("j1", "x1", same=True),
        ReviewDecision("x1", "b1", same=False),
    ]
    with pytest.raises(DecisionConflict, match=r"b1 ≠ x1 \(but b1 = j1 = x1\)") as caught:
        link_records(records(), CONFIG, decisions=decisions)
    assert caught.value.pairs == [("b1", "x1")]
    direct = [ReviewDecision("j1", "j2", same=True), ReviewDecision("j2", "j1", same=False)]
    with pytest.raises(DecisionConflict, match="j1"):
        link_records(records(), CONFIG, decisions=direct)


def test_decisions_on_records_not_in_the_run_are_ignored() -> None:
    decisions = [ReviewDecision("b1", "gone", same=False), ReviewDecision("b1", "b1", same=False)]
    assert persons(records(), decisions) == persons(records())


def test_same_seed_same_result_with_decisions() -> None:
    data = generate(2200, seed=3)
    ids = data.records.column("record_id").to_pylist()
    result = link_records(data.records, LinkageConfig(seed=4, as_of_year=2026))
    person = dict(zip(ids, result.assignments.column("person_id").to_pylist(), strict=True))
    # Reject some pairs the model linked and confirm some it did not.
    neighbours = list(itertools.pairwise(ids))
    same_pairs = [(a, b) for a, b in neighbours if person[a] == person[b]][:20]
    apart_pairs = [(a, b) for a, b in neighbours if person[a] != person[b]][:20:3]
    decisions = [ReviewDecision(a, b, same=False) for a, b in same_pairs] + [
        ReviewDecision(a, b, same=True) for a, b in apart_pairs
    ]
    first = link_records(data.records, LinkageConfig(seed=4, as_of_year=2026), decisions=decisions)
    second = link_records(
        data.records, LinkageConfig(seed=4, as_of_year=2026), decisions=decisions[::-1]
    )
    assert first.assignments.equals(second.assignments)
    # EM sums in parallel: probabilities may differ in the last bits, the rest may not.
    for column in ("record_id_l", "record_id_r", "same_person", "note", "decision"):
        assert first.pairs.column(column).equals(second.pairs.column(column))
    person = dict(zip(ids, first.assignments.column("person_id").to_pylist(), strict=True))
    assert len(same_pairs) == 20
    assert all(person[a] != person[b] for a, b in same_pairs)
    assert all(person[a] == person[b] for a, b in apart_pairs)


def _facts(n: int) -> RecordFacts:
    return RecordFacts(
        source=[f"s{i}" for i in range(n)],
        birth_date=[dt.date(1990, 1, 1)] * n,
        birth_year=[1990] * n,
        gender=[None] * n,
    )


def test_cluster_level_cannot_link_is_transitive() -> None:
    left, right, prob = np.array([0, 1]), np.array([2, 2]), np.array([0.99, 0.98])
    labels = cluster_pairs(3, left, right, prob, _facts(3), cannot_link=[(0, 1)]).labels
    assert labels[0] == labels[2] != labels[1]
    labels = cluster_pairs(3, left, right, prob, _facts(3), must_link=[(0, 1)]).labels
    assert labels.tolist() == [0, 0, 0]
    with pytest.raises(DecisionConflict):
        cluster_pairs(3, left, right, prob, _facts(3), must_link=[(0, 1)], cannot_link=[(1, 0)])
