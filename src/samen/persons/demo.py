"""Demo data for record linkage: invented people reported by several organisations, and
one run, so that `make run` shows persons linked across sources and pairs to review."""

from __future__ import annotations

import random

from samen.core.models import Membership, Organisation, Role, User
from samen.intake import codes, services
from samen.persons import services as persons_services
from samen.persons.models import LinkageRun

# (reporter username or None for the anonymous channel, name, age, nationality, phone)
# Invented people. Oksana is reported three times (once with a typo, once only by her
# surname), Maria twice (anonymously, then by a surname and an age).
REPORTS: list[tuple[str | None, str, int | None, str, str]] = [
    ("politie", "Oksana Petrenko", 23, "UA", "06-41234567"),
    ("zorgcoordinator", "Oksana Petrenco", 23, "UA", "+31 6 41234567"),
    ("melder", "Petrenko", 23, "UA", ""),
    (None, "Maria Ionescu", 31, "RO", "06-55501234"),
    ("nieuw", "Ionescu", 31, "RO", ""),
    ("melder", "Jan de Vries", 40, "NL", "06-99988877"),
    ("politie", "Grace Okafor", 27, "NG", ""),
    ("zorgcoordinator", "Grace Okafor", 27, "NG", "06-30303030"),
]


def _report(username: str | None, name: str, age: int | None, nationality: str, phone: str):  # type: ignore[no-untyped-def]
    reporter = User.objects.get(username=username) if username else None
    membership = (
        Membership.objects.filter(user=reporter).order_by("pk").first() if reporter else None
    )
    return services.create_signal(
        services.SignalInput(
            municipality=Organisation.objects.get(name="Gemeente Harderwijk"),
            location_type=codes.LocationType.WORKPLACE,
            persons=[
                services.PersonInput(
                    age=age,
                    gender=codes.Gender.FEMALE,
                    nationality=nationality,
                    name=name,
                    phone=phone,
                )
            ],
            forms=[codes.ExploitationForm.LABOUR],
            description="Werkt lange dagen in een distributiecentrum; woont bij de werkgever.",
            awareness=codes.Awareness.UNAWARE,
        ),
        reporter=reporter,
        membership=membership,
        channel=None if reporter else codes.Channel.ANONYMOUS,
    )


def load(rng: random.Random) -> None:
    for report in REPORTS:
        _report(*report)
    coordinator = Membership.objects.get(user__username="coordinator", role=Role.COORDINATOR)
    run = LinkageRun.objects.create(
        started_by=coordinator.user, organisation=coordinator.organisation
    )
    persons_services.execute_run(run.pk)
