"""Time the spreadsheet import path (one batched write) against signal-by-signal creation.

    python bench/intake_import.py [--rows 5000] [--database-url sqlite:////tmp/bench.sqlite3]

Builds a fresh database (SQLite in a temporary folder unless --database-url is given),
creates the rows both ways and prints the seconds and the ratio. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="samen-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("SAMEN_VAR_DIR", folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "samen.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    from samen.core import demo
    from samen.core.models import Membership, Organisation
    from samen.intake import codes, services

    demo.load()
    membership = Membership.objects.get(user__username="coordinator", role="coordinator")
    place = Organisation.objects.get(municipality_code="GM0243")
    codes_in_catalogue = list(
        services.current_catalogue().indicators.values_list("code", flat=True)[:3]
    )

    def item(n: int, tag: str) -> services.NewSignal:
        return services.NewSignal(
            services.SignalInput(
                municipality=place,
                location_type=codes.LocationType.HOME,
                address=f"Straat {n} {tag}",
                persons=[services.PersonInput(age=20 + n % 40, name=f"Persoon {n}")],
                forms=[codes.ExploitationForm.LABOUR],
                description=f"Synthetische registratie {n}",
                indicator_codes=codes_in_catalogue[: n % 4],
            ),
            import_key=f"{tag}-{n}",
        )

    started = time.perf_counter()
    services.create_signals(
        [item(n, "bulk") for n in range(args.rows)],
        reporter=membership.user,
        membership=membership,
        channel=codes.Channel.IMPORT,
        purpose="bench",
        detail={},
    )
    bulk = time.perf_counter() - started

    baseline_rows = min(args.rows, 1000)
    started = time.perf_counter()
    for n in range(baseline_rows):
        one = item(n, "one")
        services.create_signal(
            one.data,
            reporter=membership.user,
            membership=membership,
            channel=codes.Channel.IMPORT,
            import_key=one.import_key,
        )
    single = (time.perf_counter() - started) * args.rows / baseline_rows

    print(f"database: {django.db.connection.vendor}, rows: {args.rows}")
    print(f"batched import        : {bulk:8.2f} s  ({1000 * bulk / args.rows:.2f} ms/row)")
    print(f"signal by signal      : {single:8.2f} s  (measured on {baseline_rows} rows, scaled)")
    print(f"ratio (one by one / batched): {single / bulk:.1f}x")


if __name__ == "__main__":
    main()
