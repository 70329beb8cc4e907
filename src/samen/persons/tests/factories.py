"""Persons for tests: signals and runs made through the same services as the application."""

from __future__ import annotations

from samen.core.models import Membership, Organisation, OrganisationType, Role, User
from samen.core.tests.factories import municipality, organisation
from samen.intake import codes, services
from samen.intake.models import Signal
from samen.persons import services as persons_services
from samen.persons.models import LinkageRun, PersonRecord

_serial = iter(range(1, 10_000))


def reporter_at(kind: OrganisationType, name: str = "") -> User:
    """A reporting professional of an organisation of `kind` (its type is the record's source)."""
    org = organisation(name or f"Organisatie {kind}", kind)
    user = User.objects.create_user(username=f"r{next(_serial)}-{kind}")
    Membership.objects.create(user=user, organisation=org, role=Role.REPORTER)
    return user


def report(
    name: str,
    *,
    by: User | None = None,
    age: int | None = None,
    phone: str = "",
    nationality: str = "",
    place: Organisation | None = None,
    anonymous: bool = False,
) -> Signal:
    membership = Membership.objects.filter(user=by).first() if by else None
    return services.create_signal(
        services.SignalInput(
            municipality=place or municipality(),
            location_type=codes.LocationType.WORKPLACE,
            persons=[
                services.PersonInput(
                    name=name,
                    age=age,
                    phone=phone,
                    nationality=nationality,
                    gender=codes.Gender.FEMALE,
                )
            ],
            forms=[codes.ExploitationForm.LABOUR],
            awareness=codes.Awareness.UNAWARE,
        ),
        reporter=by,
        membership=membership,
        channel=codes.Channel.ANONYMOUS if anonymous else None,
    )


def record_of(signal: Signal) -> PersonRecord:
    return PersonRecord.objects.get(signal_person__signal=signal)


def run_now(by: Membership | None = None) -> LinkageRun:
    """A run as the worker would do it, in the test's own process and transaction."""
    run = LinkageRun.objects.create(
        started_by=by.user if by else None, organisation=by.organisation if by else None
    )
    return persons_services.execute_run(run.pk)


# Invented people, reported by several organisations (name, age, phone, nationality).
DEMO_SET: list[tuple[OrganisationType, str, int | None, str, str]] = [
    (OrganisationType.POLICE, "Oksana Petrenko", 23, "06-41234567", "UA"),
    (OrganisationType.POLICE, "Jan de Vries", 40, "06-99988877", "NL"),
    (OrganisationType.POLICE, "Mihai Dumitru", 35, "06-12121212", "RO"),
    (OrganisationType.CARE_COORDINATION, "Mihai Dumitru", 35, "+31 6 12121212", "RO"),
    (OrganisationType.CARE_COORDINATION, "Grace Okafor", 27, "", "NG"),
    (OrganisationType.SHELTER, "Grace Okafor", 27, "06-30303030", "NG"),
    (OrganisationType.SHELTER, "Nguyen Thi Lan", 31, "", "VN"),
    (OrganisationType.GGD, "Katarzyna Nowak", 44, "06-45454545", "PL"),
    (OrganisationType.GGD, "Fatima Amrani", 19, "", "MA"),
    (OrganisationType.NGO, "Bogdan Ivanov", 52, "06-67676767", "BG"),
    (OrganisationType.NGO, "Anna Kowalczyk", 29, "", "PL"),
    (OrganisationType.LABOUR_INSPECTORATE, "Lan Nguyen", 31, "", "VN"),
]


def demo_set() -> dict[str, Signal]:
    """A dozen reports of ten invented people from six kinds of organisation."""
    signals = {}
    for kind, name, age, phone, nationality in DEMO_SET:
        reporter = reporter_at(kind, f"Organisatie {kind}")
        signals.setdefault(
            name, report(name, by=reporter, age=age, phone=phone, nationality=nationality)
        )
    return signals
