"""The input schema of the matching core: person records from several sources.

A record table is a :class:`pyarrow.Table` of string columns (pyarrow comes with splink;
the core needs neither pandas nor Django). Every field but ``record_id`` and ``source``
may be empty; empty strings and whitespace are read as missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

REQUIRED_FIELDS: tuple[str, ...] = ("record_id", "source")
PERSON_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "nationality",
    "phone",
    "email",
    "city",
)
FIELDS: tuple[str, ...] = REQUIRED_FIELDS + PERSON_FIELDS


class RecordError(ValueError):
    """The input cannot be linked as it is (missing column, empty or duplicate id)."""


def validate_records(table: pa.Table) -> pa.Table:
    """Check ``table`` against the schema and return it in canonical form.

    Canonical form: exactly the columns of :data:`FIELDS` in that order, all strings,
    trimmed, empty strings as null. Person fields absent from the input are added as
    all-null columns (a source that never records e-mail addresses is normal); a
    missing ``record_id`` or ``source`` column, an empty value in either or a repeated
    ``record_id`` is an error, because every output row must point back to one record.
    """
    missing = [name for name in REQUIRED_FIELDS if name not in table.column_names]
    if missing:
        raise RecordError(f"missing required column(s): {', '.join(missing)}")
    columns: dict[str, pa.Array] = {}
    for name in FIELDS:
        if name in table.column_names:
            values = pc.utf8_trim_whitespace(table.column(name).cast(pa.string()))
            values = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)
        else:
            values = pa.nulls(table.num_rows, pa.string())
        columns[name] = values
    out = pa.table(columns)
    for name in REQUIRED_FIELDS:
        if out.column(name).null_count:
            raise RecordError(f"column {name!r} has empty values")
    if pc.count_distinct(out.column("record_id")).as_py() != out.num_rows:
        counts = pc.value_counts(out.column("record_id"))
        repeated = [c["values"] for c in counts.to_pylist() if c["counts"] > 1][:5]
        raise RecordError(f"record_id is not unique, e.g. {repeated}")
    return out


def read_records(path: str | Path) -> pa.Table:
    """Read and validate a CSV file of records (UTF-8, header row, any column order)."""
    table = pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(encoding="utf-8"),
        # All text: phone numbers and ids must keep their leading zeros.
        convert_options=pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in FIELDS},
            strings_can_be_null=True,
            auto_dict_encode=False,
        ),
    )
    return validate_records(table)


def records_from_rows(rows: Iterable[Mapping[str, object]]) -> pa.Table:
    """Build and validate a record table from dict-like rows (tests, the Django app)."""
    materialised = list(rows)
    data = {
        name: [None if row.get(name) is None else str(row.get(name)) for row in materialised]
        for name in FIELDS
    }
    return validate_records(pa.table({k: pa.array(v, pa.string()) for k, v in data.items()}))
