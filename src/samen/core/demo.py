"""Synthetic demo data for the Noord-Veluwe region, reproducible from a seed.

Nothing here describes real people. Organisation names of real public bodies are used
as they are public; businesses and people are invented. Refused in production.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from samen.core.models import Membership, Organisation, OrganisationType, Region, Role, User

DEFAULT_SEED = 2026
# Published demo password; demo data is refused in production.
DEMO_PASSWORD = "samen-demo-2026"  # noqa: S105  # nosec B105

# CBS municipality codes (gemeentecodes) of the Noord-Veluwe region.
MUNICIPALITIES = [
    ("Harderwijk", "GM0243"),
    ("Ermelo", "GM0233"),
    ("Nunspeet", "GM0302"),
    ("Elburg", "GM0230"),
    ("Oldebroek", "GM0269"),
    ("Putten", "GM0273"),
]

PARTNERS = [
    (
        "Regio Noord-Veluwe, samenwerking mensenhandel",
        OrganisationType.REGIONAL_PARTNERSHIP,
        "Harderwijk",
    ),
    ("Politie Oost-Nederland, AVIM Noord-Veluwe", OrganisationType.POLICE, "Harderwijk"),
    (
        "Zorgcoördinatie Mensenhandel Gelderland-Noord",
        OrganisationType.CARE_COORDINATION,
        "Harderwijk",
    ),
    ("Veilig Thuis Noord-Oost Gelderland", OrganisationType.VEILIG_THUIS, "Harderwijk"),
    ("GGD Noord- en Oost-Gelderland", OrganisationType.GGD, "Ermelo"),
    (
        "Nederlandse Arbeidsinspectie, regio Oost",
        OrganisationType.LABOUR_INSPECTORATE,
        "Harderwijk",
    ),
    ("COA-locatie Harderwijk", OrganisationType.COA, "Harderwijk"),
    ("Opvang De Kering (fictief)", OrganisationType.SHELTER, "Nunspeet"),
    ("Jeugdzorg Veluwe (fictief)", OrganisationType.YOUTH_CARE, "Ermelo"),
]

# Invented businesses: (name stem, type, municipality)
BUSINESS_STEMS = [
    ("Hotel", OrganisationType.HOTEL, ["Het Veluwemeer", "De Zeedijk", "Strand Oost", "De Brink"]),
    ("Vakantiepark", OrganisationType.HOLIDAY_PARK, ["Heidezoom", "Bosrand", "De Hulsthorst"]),
]

FIRST_NAMES = [
    "Anne",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Fatima",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jeroen",
    "Kim",
    "Lotte",
    "Mehmet",
    "Noor",
    "Olga",
    "Pieter",
    "Roos",
    "Sanne",
    "Tom",
    "Yara",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Kaya",
    "Nowak",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str
    totp_secret_hex: str | None


# username, role, organisation (name or municipality), enrolled in two-factor
DEMO_USERS: list[tuple[str, Role, str, bool]] = [
    ("coordinator", Role.COORDINATOR, "Harderwijk", True),
    ("regiocoordinator", Role.COORDINATOR, "Regio Noord-Veluwe, samenwerking mensenhandel", True),
    ("politie", Role.CASE_WORKER, "Politie Oost-Nederland, AVIM Noord-Veluwe", True),
    ("zorgcoordinator", Role.CASE_WORKER, "Zorgcoördinatie Mensenhandel Gelderland-Noord", True),
    ("melder", Role.REPORTER, "GGD Noord- en Oost-Gelderland", True),
    ("hotel", Role.BUSINESS_USER, "Hotel Het Veluwemeer (fictief)", True),
    ("analist", Role.ANALYST, "Harderwijk", True),
    ("certificeerder", Role.CERTIFIER, "Harderwijk", True),
    ("privacy", Role.PRIVACY_OFFICER, "Harderwijk", True),
    ("beheerder", Role.ADMINISTRATOR, "Harderwijk", True),
    ("nieuw", Role.REPORTER, "Opvang De Kering (fictief)", False),
]
# A second role for one user, to show how someone acting for two organisations switches.
EXTRA_MEMBERSHIPS = [("zorgcoordinator", Role.REPORTER, "Opvang De Kering (fictief)")]


class DemoRefused(Exception):
    pass


# Apps add their own demo data after core's (registered in their AppConfig.ready()).
EXTRA_LOADERS: list[Callable[[random.Random], None]] = []


def register_loader(loader: Callable[[random.Random], None]) -> None:
    if loader not in EXTRA_LOADERS:
        EXTRA_LOADERS.append(loader)


def demo_totp_secret(seed: int, username: str) -> str:
    """Deterministic TOTP secret (hex, 20 bytes) so that the demo can print current codes."""
    return hashlib.sha256(f"samen-demo:{seed}:{username}".encode()).hexdigest()[:40]


def _organisation(name_or_municipality: str) -> Organisation:
    return Organisation.objects.filter(
        name=name_or_municipality
    ).first() or Organisation.objects.get(name=f"Gemeente {name_or_municipality}")


@transaction.atomic
def load(seed: int = DEFAULT_SEED) -> bool:
    """Create the demo region, organisations and users. Returns False if data exists."""
    if settings.SAMEN_ENV == "production":
        raise DemoRefused("Demo data is never loaded in production.")
    if Organisation.objects.exists():
        return False
    # Reproducible synthetic data, not security.
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    region = Region.objects.create(name="Noord-Veluwe", code="noord-veluwe")
    municipalities = {
        name: Organisation.objects.create(
            name=f"Gemeente {name}",
            type=OrganisationType.MUNICIPALITY,
            region=region,
            municipality_code=code,
        )
        for name, code in MUNICIPALITIES
    }
    for name, kind, place in PARTNERS:
        Organisation.objects.create(
            name=name, type=kind, region=region, municipality=municipalities[place]
        )
    for stem, kind, names in BUSINESS_STEMS:
        for name in names:
            Organisation.objects.create(
                name=f"{stem} {name} (fictief)",
                type=kind,
                region=region,
                municipality=municipalities[rng.choice(list(municipalities))],
            )
    # Hotel Het Veluwemeer lies in Harderwijk, on the lake, whatever the draw.
    Organisation.objects.filter(name="Hotel Het Veluwemeer (fictief)").update(
        municipality=municipalities["Harderwijk"]
    )

    for username, role, where, enrolled in DEMO_USERS:
        user = User(
            username=username,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"{username}@demo.samen.invalid",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.create(user=user, organisation=_organisation(where), role=role)
        if enrolled:
            TOTPDevice.objects.create(
                user=user,
                name="demo authenticator",
                confirmed=True,
                key=demo_totp_secret(seed, username),
            )
    for username, role, where in EXTRA_MEMBERSHIPS:
        Membership.objects.create(
            user=User.objects.get(username=username), organisation=_organisation(where), role=role
        )
    for loader in EXTRA_LOADERS:
        loader(rng)
    return True


def logins(seed: int = DEFAULT_SEED) -> list[DemoLogin]:
    result = []
    for username, role, where, enrolled in DEMO_USERS:
        result.append(
            DemoLogin(
                username=username,
                role=str(role.label),
                organisation=str(_organisation(where)),
                totp_secret_hex=demo_totp_secret(seed, username) if enrolled else None,
            )
        )
    return result
