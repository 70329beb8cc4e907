"""Capture histories: which lists saw each linked person, in the layout of samen.estimation.

A *list* is a group of sources (police, care, municipality, NGOs, the anonymous
channel ...). A person's capture history is the 0/1 pattern of the lists that have at
least one of their records; the table counts persons per pattern. Patterns nobody has
are left out, as in the published data sets that multiple systems estimation uses.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa


@dataclass(frozen=True)
class CaptureHistories:
    """Counts of persons per pattern of lists (``patterns[k]`` is 0/1 per list)."""

    lists: tuple[str, ...]
    patterns: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]

    @property
    def observed(self) -> int:
        """Number of distinct persons seen by at least one list."""
        return sum(self.counts)

    def rows(self) -> list[dict[str, int]]:
        return [
            {**dict(zip(self.lists, pattern, strict=True)), "count": count}
            for pattern, count in zip(self.patterns, self.counts, strict=True)
        ]

    def to_csv(self, path: str | Path) -> None:
        """Write one 0/1 column per list and a ``count`` column (samen.estimation's input)."""
        with Path(path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*self.lists, "count"])
            writer.writeheader()
            writer.writerows(self.rows())


def parse_list_spec(spec: str) -> dict[str, str]:
    """``"police=police,kmar;care=care_coordinator,shelter"`` → source → list mapping."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        name, _, sources = part.partition("=")
        if not name.strip() or not sources.strip():
            raise ValueError(f"list definition {part!r} is not of the form name=source,source")
        for source in filter(None, (s.strip() for s in sources.split(","))):
            mapping[source] = name.strip()
    return mapping


def capture_histories(
    assignments: pa.Table,
    records: pa.Table,
    source_to_list: Mapping[str, str],
    *,
    lists: Sequence[str] | None = None,
    ignore_unmapped: bool = False,
) -> CaptureHistories:
    """Build the capture-history table from a linkage result.

    ``assignments`` has ``record_id, person_id`` (a :class:`LinkageResult`'s), and
    ``records`` has ``record_id, source``. Each source must belong to a list in
    ``source_to_list``; a record of an unknown source is an error unless
    ``ignore_unmapped``, because silently dropping a source changes the estimate.
    ``lists`` fixes the column order (default: order of first mention in the mapping).
    """
    list_names = tuple(lists) if lists else tuple(dict.fromkeys(source_to_list.values()))
    index = {name: i for i, name in enumerate(list_names)}
    unknown_lists = set(source_to_list.values()) - set(index)
    if unknown_lists:
        raise ValueError(f"sources mapped to lists not in `lists`: {sorted(unknown_lists)}")

    person_of = dict(
        zip(
            assignments.column("record_id").to_pylist(),
            assignments.column("person_id").to_pylist(),
            strict=True,
        )
    )
    seen: dict[str, set[int]] = {}
    unmapped: set[str] = set()
    for record_id, source in zip(
        records.column("record_id").to_pylist(), records.column("source").to_pylist(), strict=True
    ):
        list_name = source_to_list.get(source)
        if list_name is None:
            unmapped.add(source)
            continue
        seen.setdefault(person_of[record_id], set()).add(index[list_name])
    if unmapped and not ignore_unmapped:
        raise ValueError(f"sources without a list: {sorted(unmapped)}")

    tally = Counter(
        tuple(1 if i in members else 0 for i in range(len(list_names))) for members in seen.values()
    )
    # Single lists first, then pairs, ...; within a size in list order.
    patterns = sorted(tally, key=lambda p: (sum(p), tuple(-v for v in p)))
    return CaptureHistories(list_names, tuple(patterns), tuple(tally[p] for p in patterns))
