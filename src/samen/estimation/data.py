"""Capture histories: who was seen by which list, and how many of them.

A capture history over ``k`` lists is a 0/1 vector ``x = (x_1, ..., x_k)``; ``x_i = 1``
means "seen by list i".  The data are the counts ``n_x`` of people with each observed
history.  The history ``x = 0`` (seen by nobody) is, by definition, never observed: its
expected count is the *hidden number* that multiple systems estimation estimates.

Internally every data set is stored as the *full* table of the ``2**k - 1`` observable
histories (histories missing from the input have count 0), indexed by the bit code
``sum_i x_i 2**i`` minus one.  That makes row order irrelevant and lets many data sets
(bootstrap replicates) share one design matrix.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MIN_LISTS = 2
MAX_LISTS = 10


class CaptureDataError(ValueError):
    """The input is not a valid table of capture histories; the message says what is wrong."""


def history_codes(k: int) -> np.ndarray:
    """The ``(2**k - 1, k)`` 0/1 matrix of all observable histories, row ``c - 1`` = code ``c``."""
    codes = np.arange(1, 2**k)
    return ((codes[:, None] >> np.arange(k)) & 1).astype(np.int8)


@dataclass(frozen=True)
class CaptureHistories:
    """Counts of people per capture history over ``k`` named lists.

    ``counts[c - 1]`` is the number of people whose history has bit code ``c``
    (bit ``i`` set = seen by ``lists[i]``).  Construct with :meth:`from_csv`,
    :meth:`from_records` or :meth:`from_rows`; all of them validate.
    """

    lists: tuple[str, ...]
    counts: np.ndarray = field(repr=False)

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts, dtype=float)
        k = len(self.lists)
        if counts.shape != (2**k - 1,):
            raise CaptureDataError(f"expected {2**k - 1} cell counts for {k} lists")
        counts.setflags(write=False)
        object.__setattr__(self, "counts", counts)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_rows(
        cls,
        lists: Sequence[str],
        rows: Iterable[Sequence[object]],
        counts: Iterable[object],
    ) -> CaptureHistories:
        """Build from list names, one 0/1 row per observed history, and one count per row.

        Raises :class:`CaptureDataError` for: fewer than 2 or more than 10 lists,
        duplicate list names, values other than 0/1, negative or fractional counts,
        duplicate histories, an all-zero history, or a list that saw nobody.
        """
        names = tuple(str(name).strip() for name in lists)
        k = len(names)
        if k < MIN_LISTS:
            raise CaptureDataError(
                f"at least {MIN_LISTS} lists are needed for an estimate; got {k}"
            )
        if k > MAX_LISTS:
            raise CaptureDataError(f"at most {MAX_LISTS} lists are supported; got {k}")
        if len(set(names)) != k or any(not name for name in names):
            raise CaptureDataError(f"list names must be non-empty and distinct: {names}")
        if "count" in names:
            raise CaptureDataError("'count' cannot be a list name")
        table = np.zeros(2**k - 1, dtype=float)
        seen: dict[int, int] = {}
        row_list = list(rows)
        count_list = list(counts)
        if len(row_list) != len(count_list):
            raise CaptureDataError("every row needs exactly one count")
        if not row_list:
            raise CaptureDataError("no rows: nobody was observed")
        for number, (row, raw_count) in enumerate(zip(row_list, count_list, strict=True), 1):
            if len(row) != k:
                raise CaptureDataError(f"row {number}: expected {k} list values, got {len(row)}")
            bits = [_binary(value, names[i], number) for i, value in enumerate(row)]
            count = _count(raw_count, number)
            code = sum(bit << i for i, bit in enumerate(bits))
            if code == 0:
                raise CaptureDataError(
                    f"row {number}: all lists are 0; people seen by no list cannot be "
                    "counted (that is the number to estimate)"
                )
            if code in seen:
                raise CaptureDataError(
                    f"row {number}: duplicate capture history (same as row {seen[code]})"
                )
            seen[code] = number
            table[code - 1] = count
        result = cls(names, table)
        empty = [name for name, total in zip(names, result.list_totals, strict=True) if total == 0]
        if empty:
            raise CaptureDataError(
                "these lists saw nobody; remove them before estimating: " + ", ".join(empty)
            )
        return result

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, object]], count_column: str = "count"
    ) -> CaptureHistories:
        """Build from mappings such as ``{"LA": 1, "NG": 0, "count": 54}`` (one per history)."""
        records = list(records)
        if not records:
            raise CaptureDataError("no rows: nobody was observed")
        names = [key for key in records[0] if key != count_column]
        if count_column not in records[0]:
            raise CaptureDataError(f"missing the '{count_column}' column")
        rows, counts = [], []
        for number, record in enumerate(records, 1):
            if set(record) != set(names) | {count_column}:
                raise CaptureDataError(f"row {number}: columns differ from the first row")
            rows.append([record[name] for name in names])
            counts.append(record[count_column])
        return cls.from_rows(names, rows, counts)

    @classmethod
    def from_csv(cls, path: str | Path, count_column: str = "count") -> CaptureHistories:
        """Read a CSV file: one 0/1 column per list and a ``count`` column."""
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            try:
                header = [cell.strip() for cell in next(reader)]
            except StopIteration:
                raise CaptureDataError(f"{path}: the file is empty") from None
            if count_column not in header:
                raise CaptureDataError(f"{path}: missing the '{count_column}' column")
            records = []
            for line_number, line in enumerate(reader, 2):
                if not line or all(not cell.strip() for cell in line):
                    continue
                if len(line) != len(header):
                    raise CaptureDataError(
                        f"{path}, line {line_number}: expected {len(header)} fields"
                    )
                records.append(dict(zip(header, (c.strip() for c in line), strict=True)))
        return cls.from_records(records, count_column)

    # ------------------------------------------------------------------ views
    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def histories(self) -> np.ndarray:
        """All ``2**k - 1`` observable histories as a 0/1 matrix (rows align with counts)."""
        return history_codes(self.k)

    @property
    def observed(self) -> float:
        """Total number of people observed on at least one list."""
        return float(self.counts.sum())

    @property
    def list_totals(self) -> np.ndarray:
        """People seen by each list (alone or together with other lists)."""
        return self.histories.T @ self.counts

    def overlap(self, i: int, j: int) -> float:
        """People seen by both list ``i`` and list ``j`` (whatever the other lists say)."""
        h = self.histories
        return float(self.counts[(h[:, i] == 1) & (h[:, j] == 1)].sum())

    def nonzero_rows(self) -> list[tuple[tuple[int, ...], float]]:
        """The observed histories with a positive count, as ``(history, count)`` pairs."""
        h = self.histories
        return [(tuple(int(v) for v in h[c]), float(n)) for c, n in enumerate(self.counts) if n]

    def with_counts(self, counts: np.ndarray) -> CaptureHistories:
        """Same lists, other cell counts (used for bootstrap and jackknife data sets)."""
        return CaptureHistories(self.lists, np.asarray(counts, dtype=float))

    def reorder(self, order: Sequence[int]) -> CaptureHistories:
        """The same data with the lists reordered: ``order[i]`` is the old index of list i."""
        h = self.histories[:, list(order)]
        codes = (h.astype(np.int64) << np.arange(self.k)).sum(axis=1)
        table = np.zeros_like(self.counts)
        table[codes - 1] = self.counts
        return CaptureHistories(tuple(self.lists[i] for i in order), table)


def _binary(value: object, list_name: str, row: int) -> int:
    text = str(value).strip()
    if isinstance(value, bool):
        return int(value)
    if text in {"0", "1", "0.0", "1.0"}:
        return int(float(text))
    raise CaptureDataError(f"row {row}, list {list_name}: value {value!r} is not 0 or 1")


def _count(value: object, row: int) -> float:
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else value
    except ValueError:
        raise CaptureDataError(f"row {row}: count {value!r} is not a number") from None
    if isinstance(number, bool) or not math.isfinite(float(number)):
        raise CaptureDataError(f"row {row}: count {value!r} is not a number")
    if number < 0:
        raise CaptureDataError(f"row {row}: count {value!r} is negative")
    if float(number) != int(number):
        raise CaptureDataError(f"row {row}: count {value!r} is not a whole number")
    return float(number)
