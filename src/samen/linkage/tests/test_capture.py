"""Capture histories, and the hand-over to samen.estimation end to end."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samen.linkage import capture_histories, link_records, parse_list_spec, records_from_rows
from samen.linkage.run import LinkageConfig
from samen.linkage.synthetic import SOURCE_LISTS, generate


def test_patterns_count_persons_not_records() -> None:
    records = records_from_rows(
        [
            {"record_id": "1", "source": "police"},
            {"record_id": "2", "source": "kmar"},  # same list as police: still one list
            {"record_id": "3", "source": "shelter"},
            {"record_id": "4", "source": "shelter"},
            {"record_id": "5", "source": "anonymous"},
        ]
    )
    assignments = records_from_rows([]).select(["record_id"])  # schema only
    del assignments
    import pyarrow as pa

    assignments = pa.table(
        {"record_id": ["1", "2", "3", "4", "5"], "person_id": ["A", "A", "A", "B", "C"]}
    )
    table = capture_histories(
        assignments,
        records,
        {"police": "police", "kmar": "police", "shelter": "care", "anonymous": "anonymous"},
    )
    assert table.lists == ("police", "care", "anonymous")
    assert table.rows() == [
        {"police": 0, "care": 1, "anonymous": 0, "count": 1},
        {"police": 0, "care": 0, "anonymous": 1, "count": 1},
        {"police": 1, "care": 1, "anonymous": 0, "count": 1},
    ]
    assert table.observed == 3


def test_unknown_source_is_an_error_unless_ignored() -> None:
    import pyarrow as pa

    records = records_from_rows(
        [{"record_id": "1", "source": "x"}, {"record_id": "2", "source": "y"}]
    )
    assignments = pa.table({"record_id": ["1", "2"], "person_id": ["A", "B"]})
    with pytest.raises(ValueError, match="without a list"):
        capture_histories(assignments, records, {"x": "one"})
    assert capture_histories(assignments, records, {"x": "one"}, ignore_unmapped=True).observed == 1


def test_list_spec() -> None:
    assert parse_list_spec("police=police,kmar; care=shelter") == {
        "police": "police",
        "kmar": "police",
        "shelter": "care",
    }
    with pytest.raises(ValueError, match="name=source"):
        parse_list_spec("police")


def test_csv_layout_is_the_estimation_input(tmp_path: Path) -> None:
    data = generate(300, seed=8)
    result = link_records(data.records, LinkageConfig(as_of_year=2026))
    table = capture_histories(result.assignments, data.records, SOURCE_LISTS)
    path = tmp_path / "capture.csv"
    table.to_csv(path)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    assert header == "police,care,municipality,ngo,anonymous,count"
    assert all(int(r.split(",")[-1]) > 0 for r in rows)
    assert sum(int(r.split(",")[-1]) for r in rows) == result.n_persons == table.observed


def test_end_to_end_with_estimation(tmp_path: Path) -> None:
    data = generate(1000, seed=21)
    result = link_records(data.records, LinkageConfig(as_of_year=2026))
    table = capture_histories(result.assignments, data.records, SOURCE_LISTS)
    path = tmp_path / "capture.csv"
    table.to_csv(path)
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "samen.estimation", str(path), "--json"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    estimate = json.loads(completed.stdout)
    assert estimate["observed"] == result.n_persons
    assert estimate["estimate"] >= estimate["observed"]
