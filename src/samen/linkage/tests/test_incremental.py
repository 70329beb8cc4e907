"""Matching one new record at intake: blocking keys and scores against candidates."""

import itertools
from collections import defaultdict
from typing import Any

import pytest

from samen.linkage import (
    CandidateMatch,
    LinkageConfig,
    blocking_keys,
    link_records,
    match_record,
)
from samen.linkage.synthetic import generate
from samen.linkage.tests.test_linkage import COLUMNS, KNOWN, _with_background

Model = dict[str, Any] | None
RECORDS = {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in KNOWN}
OLENA = RECORDS["k02"]  # Olena Shevchenko, 12-03-1994, F, Ukrainian
VARIANTS = {
    "typo": {"first_name": "Olnea", "last_name": "Shevchenko", "birth_date": "1994-03-12"},
    "swapped names": {"first_name": "Shevchenko", "last_name": "Olena", "birth_date": "12-03-1994"},
    "Cyrillic": {"first_name": "Олена", "last_name": "Шевченко", "birth_date": "1994-03-12"},
    "Polish spelling, day and month swapped": {
        "first_name": "Olena",
        "last_name": "Szewczenko",
        "birth_date": "1994-12-03",
        "gender": "V",
    },
}


@pytest.fixture(scope="module")
def trained_model() -> dict[str, Any]:
    result = link_records(_with_background(2500, seed=11), LinkageConfig(as_of_year=2026))
    assert result.training.m_source == "expectation maximisation"
    return result.model


@pytest.fixture(params=["fixed priors", "trained"])
def model(request: pytest.FixtureRequest) -> Model:
    return None if request.param == "fixed priors" else request.getfixturevalue("trained_model")


def score(new: dict[str, object], other: dict[str, object], model: Model) -> CandidateMatch:
    (match,) = match_record(new, [other], model, threshold=0.0, as_of_year=2026)
    return match


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_same_person_written_differently_is_found(model: Model, variant: str) -> None:
    new = VARIANTS[variant]
    background = [RECORDS[k] for k in ("k05", "k07", "k09", "k11")]
    matches = match_record(new, [*background, OLENA], model, as_of_year=2026)
    assert [m.record_id for m in matches] == ["k02"]
    assert matches[0].probability >= 0.5
    assert "name" in matches[0].reasons
    assert matches[0].conflict is None
    assert blocking_keys(new, as_of_year=2026) & blocking_keys(OLENA, as_of_year=2026)


def test_twins_score_high_but_are_flagged_as_relatives(model: Model) -> None:
    # splink treats surname, birth date, phone and city as independent evidence, so
    # twins score as a near-certain match; the relatives check of a full run is what
    # keeps them apart, and the match says so.
    match = score(RECORDS["k09"], RECORDS["k10"], model)
    assert match.probability > 0.99
    assert match.conflict == "same surname, different given names (a relative?)"


def test_father_and_son_score_low_and_are_flagged(model: Model) -> None:
    match = score(RECORDS["k11"], RECORDS["k12"], model)
    assert match.probability < 0.5  # trained: 0.0002; fixed priors: 0.30
    assert "birth" in match.against
    assert match.conflict == "different birth dates"


def test_results_sorted_and_cut_at_the_threshold(trained_model: dict[str, Any]) -> None:
    candidates = list(RECORDS.values())
    everything = match_record(RECORDS["k01"], candidates, trained_model, threshold=0.0)
    probabilities = [m.probability for m in everything]
    assert probabilities == sorted(probabilities, reverse=True)
    assert len(everything) == len(candidates)
    above = match_record(RECORDS["k01"], candidates, trained_model, threshold=0.9)
    assert [m.record_id for m in above] == ["k01", "k02"]  # itself, then Olena in Latin


def test_the_saved_model_document_works_too(trained_model: dict[str, Any]) -> None:
    document = {"training": {}, "splink_model": trained_model}
    assert score(OLENA, RECORDS["k01"], document) == score(OLENA, RECORDS["k01"], trained_model)


def test_no_candidates_no_matches() -> None:
    assert match_record(OLENA, [], None) == []
    assert match_record(OLENA, [], {}) == []


def test_keys_are_plain_deterministic_and_do_not_hold_raw_values() -> None:
    keys = blocking_keys(RECORDS["k01"], as_of_year=2026)  # Олена Шевченко
    assert keys == blocking_keys(dict(RECORDS["k01"]), as_of_year=2026)
    assert all(isinstance(k, str) and ":" in k for k in keys)
    assert not any("Шевченко" in k or "Олена" in k or "Rotterdam" in k for k in keys)
    assert blocking_keys({}) == set()


def test_keys_of_one_synthetic_person_overlap() -> None:
    data = generate(2000, seed=4)
    keys = [blocking_keys(r, as_of_year=2026) for r in data.records.to_pylist()]
    by_person: dict[int, list[int]] = defaultdict(list)
    for i, person in enumerate(data.truth):
        by_person[person].append(i)
    pairs = [p for rows in by_person.values() for p in itertools.combinations(rows, 2)]
    shared = sum(bool(keys[a] & keys[b]) for a, b in pairs)
    assert shared / len(pairs) > 0.95
    assert sum(map(len, keys)) / len(keys) < 10
