"""Capture histories: reading and validation with clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from samen.estimation import CaptureDataError, CaptureHistories

DATA = Path(__file__).parent / "data"


def records(*rows: tuple[int, int, int, object]) -> list[dict[str, object]]:
    return [{"A": a, "B": b, "C": c, "count": n} for a, b, c, n in rows]


GOOD = [(1, 0, 0, 10), (0, 1, 0, 12), (0, 0, 1, 7), (1, 1, 0, 3), (0, 1, 1, 2)]


def test_reads_the_reference_csv(uk6: CaptureHistories) -> None:
    assert uk6.lists == ("LA", "NG", "PF", "GO", "GP", "NCA")
    assert uk6.observed == 2744
    assert uk6.counts.shape == (63,)
    assert (uk6.counts > 0).sum() == 25
    with (DATA / "uk2013_6lists.csv").open() as handle:
        rows = [list(map(int, line.split(","))) for line in handle.read().split()[1:]]
    totals = [sum(r[-1] for r in rows if r[i]) for i in range(6)]
    assert uk6.list_totals.tolist() == totals
    assert uk6.overlap(2, 5) == sum(r[-1] for r in rows if r[2] and r[5]) == 35


def test_records_and_rows_agree() -> None:
    a = CaptureHistories.from_records(records(*GOOD))
    b = CaptureHistories.from_rows(["A", "B", "C"], [r[:3] for r in GOOD], [r[3] for r in GOOD])
    assert np.array_equal(a.counts, b.counts)
    assert a.nonzero_rows()[0] == ((1, 0, 0), 10.0)


def test_row_order_does_not_matter() -> None:
    a = CaptureHistories.from_records(records(*GOOD))
    b = CaptureHistories.from_records(records(*reversed(GOOD)))
    assert np.array_equal(a.counts, b.counts)


def test_reorder_lists_round_trip(uk5: CaptureHistories) -> None:
    order = [3, 0, 4, 1, 2]
    moved = uk5.reorder(order)
    assert moved.lists == tuple(uk5.lists[i] for i in order)
    assert moved.reorder(np.argsort(order).tolist()).counts.tolist() == uk5.counts.tolist()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(1, 0, 0, 10), (0, 2, 0, 3), (0, 0, 1, 4)], "not 0 or 1"),
        ([(1, 0, 0, 10), (0, 1, 0, -3), (0, 0, 1, 4)], "negative"),
        ([(1, 0, 0, 10), (0, 1, 0, 2.5), (0, 0, 1, 4)], "not a whole number"),
        ([(1, 0, 0, 10), (0, 1, 0, "x"), (0, 0, 1, 4)], "not a number"),
        ([(1, 0, 0, 10), (1, 0, 0, 3), (0, 1, 0, 2), (0, 0, 1, 4)], "duplicate"),
        ([(1, 0, 0, 10), (0, 1, 0, 3)], "saw nobody.*: C"),
        ([(1, 0, 0, 10), (0, 1, 0, 3), (0, 0, 1, 0)], "saw nobody.*: C"),
        ([(1, 0, 0, 10), (0, 0, 0, 3), (0, 1, 0, 2), (0, 0, 1, 1)], "all lists are 0"),
    ],
)
def test_invalid_input_has_a_clear_error(rows: list, message: str) -> None:
    with pytest.raises(CaptureDataError, match=message):
        CaptureHistories.from_records(records(*rows))


def test_fewer_than_two_lists() -> None:
    with pytest.raises(CaptureDataError, match="at least 2 lists"):
        CaptureHistories.from_rows(["A"], [[1]], [5])


def test_more_than_ten_lists() -> None:
    names = [f"L{i}" for i in range(11)]
    with pytest.raises(CaptureDataError, match="at most 10"):
        CaptureHistories.from_rows(names, [[1] * 11], [5])


def test_missing_count_column(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("A,B,n\n1,0,3\n0,1,4\n")
    with pytest.raises(CaptureDataError, match="missing the 'count' column"):
        CaptureHistories.from_csv(path)


def test_ragged_csv_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("A,B,count\n1,0,3\n0,1\n")
    with pytest.raises(CaptureDataError, match="line 3"):
        CaptureHistories.from_csv(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("")
    with pytest.raises(CaptureDataError, match="empty"):
        CaptureHistories.from_csv(path)


def test_duplicate_list_names() -> None:
    with pytest.raises(CaptureDataError, match="distinct"):
        CaptureHistories.from_rows(["A", "A"], [[1, 0], [0, 1]], [3, 4])


def test_zero_count_rows_are_allowed() -> None:
    data = CaptureHistories.from_records(records(*GOOD, (1, 1, 1, 0)))
    assert data.observed == 34
