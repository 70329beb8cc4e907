"""Command line: ``python -m samen.estimation FILE.csv [options]``.

Examples::

    python -m samen.estimation uk2013_6lists.csv
    python -m samen.estimation uk2013_6lists.csv --bootstrap 1000 --seed 1234 \\
        --level 0.95 0.9 0.8 --json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .data import CaptureDataError, CaptureHistories
from .estimator import estimate
from .intervals import BootstrapKind
from .selection import Method


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m samen.estimation",
        description="Multiple systems estimation of the total (observed + hidden) population "
        "from capture histories: a CSV with one 0/1 column per list and a 'count' column.",
    )
    p.add_argument("file", help="CSV file with capture histories")
    p.add_argument(
        "--method",
        choices=[m.value for m in Method if m is not Method.FIXED],
        default=Method.STEPWISE.value,
        help="model selection (default: stepwise, as SparseMSE)",
    )
    p.add_argument(
        "--threshold", type=float, default=0.02, help="stepwise p-value threshold (0.02)"
    )
    p.add_argument(
        "--bootstrap", type=int, default=0, metavar="N", help="bootstrap replicates (0 = none)"
    )
    p.add_argument(
        "--bootstrap-kind",
        choices=[k.value for k in BootstrapKind],
        default=BootstrapKind.NONPARAMETRIC.value,
        help="nonparametric (multinomial, as SparseMSE; default) or parametric",
    )
    p.add_argument("--seed", type=int, default=1234, help="random seed (default 1234)")
    p.add_argument(
        "--level",
        type=float,
        nargs="+",
        default=[0.95],
        help="confidence level(s), e.g. --level 0.95 0.8",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        data = CaptureHistories.from_csv(args.file)
        result = estimate(
            data,
            args.method,
            threshold=args.threshold,
            levels=args.level,
            bootstrap=args.bootstrap,
            bootstrap_kind=args.bootstrap_kind,
            seed=args.seed,
        )
    except (CaptureDataError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(result.to_json() if args.json else result.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
