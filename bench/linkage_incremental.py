"""Benchmark of incremental matching (samen.linkage.incremental; not a test).

    python bench/linkage_incremental.py --size 10000 --key-sizes 10000 100000

Three figures, on synthetic records with known truth (samen.linkage.synthetic):

1. Blocking keys: the share of true pairs (two records of one person) that share at
   least one key, the mean number of keys per record, and how many other records share
   a key with a record (the candidates the application would load), per key-size.
2. Time of ``match_record`` per new record against 10, 100 and 500 candidates, next to
   a full ``link_records`` run on ``--size`` records, as a ratio (machine load varies;
   the ratio says more than the seconds).
3. Agreement with the full run on the same records and model: for sampled records and
   their key-sharing candidates, is "p >= 0.5 and no conflict" the same verdict as "the
   full run put them in one person"? Also the recall of true pairs of each.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from samen.linkage import LinkageConfig, blocking_keys, link_records, match_record  # noqa: E402
from samen.linkage.synthetic import generate  # noqa: E402

AS_OF_YEAR = 2026  # the synthetic data states ages relative to 1 January 2026


def key_figures(size: int, seed: int) -> None:
    data = generate(size, seed=seed)
    rows = data.records.to_pylist()
    start = time.perf_counter()
    keys = [blocking_keys(r, as_of_year=AS_OF_YEAR) for r in rows]
    per_record_ms = (time.perf_counter() - start) / len(rows) * 1000
    index: dict[str, list[int]] = defaultdict(list)
    for i, record_keys in enumerate(keys):
        for key in record_keys:
            index[key].append(i)
    by_person: dict[int, list[int]] = defaultdict(list)
    for i, person in enumerate(data.truth):
        by_person[person].append(i)
    pairs = [p for members in by_person.values() for p in itertools.combinations(members, 2)]
    shared = sum(bool(keys[a] & keys[b]) for a, b in pairs)
    candidates = []
    for i, record_keys in enumerate(keys):
        found: set[int] = set()
        for key in record_keys:
            found.update(index[key])
        found.discard(i)
        candidates.append(len(found))
    candidates.sort()
    median, p99 = candidates[len(candidates) // 2], candidates[int(len(candidates) * 0.99)]
    print(
        f"keys {size:>8} records: true pairs sharing a key {shared / len(pairs):.4f} "
        f"({shared}/{len(pairs)}); keys per record {sum(map(len, keys)) / len(keys):.2f}; "
        f"candidates per record mean {statistics.fmean(candidates):.1f}, "
        f"median {median}, p99 {p99}, "
        f"max {candidates[-1]}; {per_record_ms:.3f} ms per record to compute",
        flush=True,
    )


def timing_and_agreement(size: int, seed: int, samples: int) -> None:
    data = generate(size, seed=seed)
    rows = data.records.to_pylist()
    start = time.perf_counter()
    result = link_records(data.records, LinkageConfig(seed=seed, as_of_year=AS_OF_YEAR))
    full = time.perf_counter() - start
    print(f"full link_records run on {size} records: {full:.2f} s", flush=True)
    model = result.model
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrets

    match_record(rows[0], rows[1:3], model, as_of_year=AS_OF_YEAR)  # builds the cached linker
    for n_candidates in (10, 100, 500):
        times = []
        for _ in range(20):
            new, *candidates = rng.sample(rows, n_candidates + 1)
            start = time.perf_counter()
            match_record(new, candidates, model, as_of_year=AS_OF_YEAR)
            times.append(time.perf_counter() - start)
        per_call = statistics.median(times)
        print(
            f"match_record, {n_candidates:>3} candidates: {per_call * 1000:7.1f} ms per new record "
            f"(median of 20) = {per_call / full:.4f} of the full run",
            flush=True,
        )

    start = time.perf_counter()
    match_record(rows[0], rows[1:], model, as_of_year=AS_OF_YEAR, threshold=1.1)
    print(
        f"match_record against all {size - 1} records: {time.perf_counter() - start:.2f} s",
        flush=True,
    )

    keys = [blocking_keys(r, as_of_year=AS_OF_YEAR) for r in rows]
    index: dict[str, list[int]] = defaultdict(list)
    for i, record_keys in enumerate(keys):
        for key in record_keys:
            index[key].append(i)
    person = result.assignments.column("person_id").to_pylist()
    agree = total = 0
    true_pairs = found_incremental = found_full = 0
    for i in rng.sample(range(len(rows)), samples):
        others = sorted({j for key in keys[i] for j in index[key]} - {i})
        if not others:
            continue
        scores = {
            m.record_id: m
            for m in match_record(
                rows[i], [rows[j] for j in others], model, as_of_year=AS_OF_YEAR, threshold=0.0
            )
        }
        for j in others:
            match = scores[rows[j]["record_id"]]
            linked_here = match.probability >= 0.5 and match.conflict is None
            linked_full = person[i] == person[j]
            agree += linked_here == linked_full
            total += 1
            if data.truth[i] == data.truth[j]:
                true_pairs += 1
                found_incremental += linked_here
                found_full += linked_full
    recall_here = found_incremental / max(true_pairs, 1)
    recall_full = found_full / max(true_pairs, 1)
    print(
        f"agreement with the full run on {total} record/candidate pairs of {samples} records: "
        f"{agree / total:.4f}; recall of true pairs among them: incremental "
        f"{recall_here:.4f}, full run {recall_full:.4f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="records for timing/agreement")
    parser.add_argument("--key-sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--samples", type=int, default=300, help="records for the agreement")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for size in args.key_sizes:
        key_figures(size, args.seed)
    timing_and_agreement(args.size, args.seed, args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
