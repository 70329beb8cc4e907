"""``python -m samen.linkage INPUT.csv --out OUTPUT.csv``: link records into persons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samen.linkage.capture import capture_histories, parse_list_spec
from samen.linkage.cluster import ClusterParams
from samen.linkage.progress import Progress
from samen.linkage.records import RecordError, read_records
from samen.linkage.run import LinkageConfig, link_records


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m samen.linkage",
        description="Link person records from several sources; write record_id,person_id.",
    )
    parser.add_argument("input", type=Path, help="CSV with record_id, source, first_name, ...")
    parser.add_argument("--out", type=Path, required=True, help="output CSV: record_id,person_id")
    parser.add_argument("--pairs", type=Path, help="also write doubtful and refused pairs here")
    parser.add_argument(
        "--model", type=Path, help="model JSON (default: OUTPUT with suffix .model.json)"
    )
    parser.add_argument(
        "--capture",
        type=Path,
        help="also write the capture-history table for samen.estimation (needs --lists)",
    )
    parser.add_argument(
        "--lists",
        help='sources grouped into lists, e.g. "police=police,kmar;care=shelter,veilig_thuis"',
    )
    parser.add_argument("--threshold", type=float, default=ClusterParams().match_threshold)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--as-of-year", type=int, help="year to convert stated ages (default: now)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.capture and not args.lists:
        print("--capture needs --lists", file=sys.stderr)
        return 2
    try:
        records = read_records(args.input)
    except (RecordError, OSError) as error:
        print(f"cannot read {args.input}: {error}", file=sys.stderr)
        return 2
    config = LinkageConfig(
        seed=args.seed,
        as_of_year=args.as_of_year,
        cluster=ClusterParams(match_threshold=args.threshold),
    )
    progress = Progress(enabled=not args.quiet)
    result = link_records(records, config, progress)

    result.write_assignments(args.out)
    result.write_model(args.model or args.out.with_suffix(".model.json"))
    if args.pairs:
        result.write_pairs(args.pairs)
    if args.capture:
        table = capture_histories(result.assignments, records, parse_list_spec(args.lists))
        table.to_csv(args.capture)
    progress.note(
        f"{records.num_rows} records → {result.n_persons} persons; "
        f"{result.pairs.num_rows} pairs for review; m from {result.training.m_source}"
    )
    for note in result.training.notes:
        progress.note(f"  note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
