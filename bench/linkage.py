"""Benchmark of samen.linkage against a plain splink configuration (not a test).

    python bench/linkage.py --sizes 10000 100000 1000000

For each size, synthetic records with known truth (samen.linkage.synthetic, fixed seed)
are linked in a fresh subprocess, so that peak memory (max RSS of that process, which
includes DuckDB's native memory) belongs to one run. Time is the linkage run only
(cleaning, training, scoring, clustering), not the generation of the data. Quality is
pairwise over clusters (samen.linkage.metrics): precision, recall and F1 of "same
person" over all record pairs.

The baseline ("plain splink") gets the same cleaned columns but splink's stock
comparisons (NameComparison, DateOfBirthComparison, ExactMatch, EmailComparison),
simple blocking, the same training steps, and connected components at p >= 0.9.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

AS_OF_YEAR = 2026  # the synthetic data states ages relative to 1 January 2026


def _run_samen(records, seed: int) -> list[str]:
    from samen.linkage import LinkageConfig, link_records

    result = link_records(records, LinkageConfig(seed=seed, as_of_year=AS_OF_YEAR))
    return result.assignments.column("person_id").to_pylist()


def _run_baseline(records, seed: int) -> list[str]:
    import duckdb
    from splink import DuckDBAPI, Linker, block_on

    from samen.linkage.normalise import prepare_records
    from samen.linkage.settings import baseline_settings

    prepared = prepare_records(records, as_of_year=AS_OF_YEAR)
    con = duckdb.connect(":memory:")
    db_api = DuckDBAPI(con)
    table = db_api.register(prepared, dataset_display_name="records")
    linker = Linker(table, baseline_settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [
            "l.first_name = r.first_name AND l.last_name = r.last_name"
            " AND l.birth_date = r.birth_date"
        ],
        recall=0.6,
    )
    n = prepared.num_rows
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2e6, n * (n - 1) / 2), seed=seed)
    for rule in (block_on("birth_date"), block_on("first_name", "last_name")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=2e6
        )
    predictions = linker.inference.predict(threshold_match_probability=0.5, warning_mode="never")
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=0.9
    )
    rows = con.sql(
        f"SELECT unique_id, cluster_id FROM {clusters.physical_name}"  # noqa: S608
    ).fetchall()
    cluster_of = dict(rows)
    return [str(cluster_of[r]) for r in prepared.column("unique_id").to_pylist()]


def worker(method: str, size: int, seed: int) -> dict[str, object]:
    from samen.linkage.metrics import pairwise_scores
    from samen.linkage.synthetic import generate

    data = generate(size, seed=seed)
    start = time.perf_counter()
    labels = (_run_samen if method == "samen" else _run_baseline)(data.records, seed)
    elapsed = time.perf_counter() - start
    scores = pairwise_scores(labels, data.truth)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "method": method,
        "size": size,
        "persons_true": data.n_persons,
        "persons_found": len(set(labels)),
        "largest_cluster": max(__import__("collections").Counter(labels).values()),
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "seconds": elapsed,
        "peak_memory_gib": peak_kib / 1024**2,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--baseline-max", type=int, default=100_000, help="run the baseline up to this size"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write all results as JSON here")
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        method, size = args.worker[0], int(args.worker[1])
        print(json.dumps(worker(method, size, args.seed)))
        return 0

    results: list[dict[str, object]] = []
    header = (
        f"{'size':>9} {'method':<8} {'precision':>9} {'recall':>7} {'F1':>6} "
        f"{'time s':>7} {'peak GiB':>8} {'persons':>15} {'largest':>7}"
    )
    print(header)
    print("-" * len(header))
    for size in args.sizes:
        methods = ["baseline", "samen"] if size <= args.baseline_max else ["samen"]
        row: dict[str, dict[str, object]] = {}
        for method in methods:
            completed = subprocess.run(  # noqa: S603 - this script, this interpreter
                [sys.executable, __file__, "--worker", method, str(size), "--seed", str(args.seed)],
                capture_output=True,
                text=True,
                check=False,
            )
            if completed.returncode != 0:
                print(f"{size:>9} {method:<8} FAILED: {completed.stderr.strip()[-500:]}")
                continue
            result = json.loads(completed.stdout.strip().splitlines()[-1])
            results.append(result)
            row[method] = result
            found = f"{result['persons_found']}/{result['persons_true']}"
            print(
                f"{size:>9} {method:<8} {result['precision']:>9.4f} {result['recall']:>7.4f} "
                f"{result['f1']:>6.4f} {result['seconds']:>7.1f} {result['peak_memory_gib']:>8.2f} "
                f"{found:>15} {result['largest_cluster']:>7}",
                flush=True,
            )
        if len(row) == 2:
            base, ours = row["baseline"], row["samen"]
            print(
                f"{size:>9} {'ratio':<8} {ours['precision'] / base['precision']:>9.3f} "
                f"{ours['recall'] / base['recall']:>7.3f} {ours['f1'] / base['f1']:>6.3f} "
                f"{ours['seconds'] / base['seconds']:>7.2f} "
                f"{ours['peak_memory_gib'] / base['peak_memory_gib']:>8.2f}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
