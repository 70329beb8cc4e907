from pathlib import Path

import pyarrow as pa
import pytest

from samen.linkage.records import (
    FIELDS,
    RecordError,
    read_records,
    records_from_rows,
    validate_records,
)


def test_missing_person_columns_are_added_as_empty() -> None:
    table = validate_records(pa.table({"record_id": ["1"], "source": ["police"]}))
    assert table.column_names == list(FIELDS)
    assert table.column("phone").to_pylist() == [None]


def test_blank_values_are_missing() -> None:
    table = records_from_rows([{"record_id": " 1 ", "source": "police", "first_name": "  "}])
    assert table.column("record_id").to_pylist() == ["1"]
    assert table.column("first_name").to_pylist() == [None]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"record_id": "1", "source": ""}], "source"),
        ([{"record_id": "", "source": "police"}], "record_id"),
        ([{"record_id": "1", "source": "a"}, {"record_id": "1", "source": "b"}], "unique"),
    ],
)
def test_invalid_records_are_refused(rows: list[dict[str, str]], message: str) -> None:
    with pytest.raises(RecordError, match=message):
        records_from_rows(rows)


def test_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("record_id,first_name\n1,Anna\n", encoding="utf-8")
    with pytest.raises(RecordError, match="source"):
        read_records(path)


def test_csv_keeps_leading_zeros_and_any_column_order(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("phone,source,record_id\n0612345678,police,007\n", encoding="utf-8")
    table = read_records(path)
    assert table.to_pylist()[0]["phone"] == "0612345678"
    assert table.to_pylist()[0]["record_id"] == "007"
