"""Time the coordinator's pages with many signals in the database (design target: every
page under a second at national scale, 1 million signals, on PostgreSQL).

    python bench/intake_pages.py --signals 100000 --database-url postgres://postgres@127.0.0.1:5432/samen_bench

Fills a fresh database through the import path, then renders each page several times with
Django's test client and prints the median, and the ratio to the health endpoint (one
query, no template) measured in the same run. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="samen-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("SAMEN_VAR_DIR", folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "samen.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Render pages without a collectstatic run: plain static file names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    from samen.core import demo
    from samen.core.models import Membership, Organisation, OrganisationType
    from samen.core.tests.factories import verified_client
    from samen.intake import codes, services
    from samen.intake.models import Signal

    demo.load()
    coordinator = Membership.objects.get(user__username="coordinator", role="coordinator")
    places = list(Organisation.objects.filter(type=OrganisationType.MUNICIPALITY))
    indicator_codes = list(services.current_catalogue().indicators.values_list("code", flat=True))
    started = time.perf_counter()
    batch = 5000
    for first in range(0, args.signals, batch):
        services.create_signals(
            [
                services.NewSignal(
                    services.SignalInput(
                        municipality=places[n % len(places)],
                        location_type=codes.LocationType.HOME,
                        address=f"Straat {n % 9000}",
                        persons=[services.PersonInput(age=14 + n % 50, phone=f"06{n:08d}")],
                        forms=[codes.ExploitationForm.values[n % 4]],
                        description=f"Synthetische registratie {n}",
                        indicator_codes=indicator_codes[n % 50 : n % 50 + n % 4],
                        immediate_danger=n % 97 == 0,
                    ),
                    import_key=f"bench-{n}",
                )
                for n in range(first, min(first + batch, args.signals))
            ],
            reporter=coordinator.user,
            membership=coordinator,
            channel=codes.Channel.IMPORT,
            purpose="bench",
            detail={},
        )
    print(f"filled {Signal.objects.count()} signals in {time.perf_counter() - started:.1f} s")

    client = verified_client(coordinator.user)
    some = Signal.objects.filter(municipality=coordinator.organisation).order_by("-pk").first()
    pages = {
        "health (baseline)": "/health/",
        "home": "/",
        "triage queue": "/signalen/triage/",
        "triage queue, page 40": "/signalen/triage/?page=40",
        "triage queue, youth filter": "/signalen/triage/?minor=1&status=all",
        "signal detail": f"/signalen/triage/{some.reference}/",
    }
    medians = {}
    for name, url in pages.items():
        client.get(url)  # warm-up
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        medians[name] = statistics.median(times)
    base = medians["health (baseline)"]
    print(f"database: {django.db.connection.vendor}; medians of {args.repeat} requests")
    for name, seconds in medians.items():
        print(f"  {name:28s} {1000 * seconds:8.1f} ms   {seconds / base:6.1f}x baseline")


if __name__ == "__main__":
    main()
