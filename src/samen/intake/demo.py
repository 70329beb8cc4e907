"""Synthetic demo signals for the Noord-Veluwe demo: invented people and places only."""

from __future__ import annotations

import random

from samen.core.models import Membership, Organisation, OrganisationType, Role, User
from samen.intake import codes, services
from samen.intake.models import Indicator, Signal

# (reporter username, municipality, location, forms, setting, age, gender, description)
STORIES = [
    (
        "melder",
        "Harderwijk",
        codes.LocationType.SCHOOL,
        ["sexual"],
        "youth",
        15,
        "female",
        "Leerling wordt in de pauze opgehaald door een veel oudere man in een auto. "
        "Ze heeft sinds kort dure kleding en twee telefoons.",
    ),
    (
        "hotel",
        "Harderwijk",
        codes.LocationType.HOTEL,
        ["sexual"],
        "hotel",
        None,
        "female",
        "Kamer 12: in twee nachten meer dan tien verschillende bezoekers; de gast betaalt contant "
        "en vermijdt de receptie.",
    ),
    (
        "melder",
        "Ermelo",
        codes.LocationType.HOME,
        ["labour"],
        "labour_migrants",
        34,
        "male",
        "Acht arbeidsmigranten in één woning. Een man zegt dat de uitzender zijn paspoort bewaart "
        "en dat hij een schuld moet afbetalen.",
    ),
    (
        "zorgcoordinator",
        "Nunspeet",
        codes.LocationType.PUBLIC_SPACE,
        ["criminal"],
        "youth",
        16,
        "male",
        "Jongen met een licht verstandelijke beperking zegt dat hij pakketjes moet rondbrengen "
        "om een schuld af te lossen.",
    ),
    (
        "melder",
        "Putten",
        codes.LocationType.WORKPLACE,
        ["labour"],
        "general",
        41,
        "female",
        "Schoonmaakster werkt zeven dagen per week, krijgt contant minder dan afgesproken en "
        "weet haar eigen adres niet.",
    ),
    (
        "hotel",
        "Harderwijk",
        codes.LocationType.HOTEL,
        ["sexual", "unclear"],
        "hotel",
        17,
        "female",
        "Jong meisje komt met een veel oudere man; hij spreekt voor haar en houdt haar "
        "identiteitsbewijs vast.",
    ),
    (
        "melder",
        "Elburg",
        codes.LocationType.ASYLUM_RECEPTION,
        ["sexual", "labour"],
        "asylum_reception",
        16,
        "female",
        "Alleenstaande minderjarige wordt 's avonds opgehaald door onbekenden "
        "en was twee dagen weg.",
    ),
    (
        "zorgcoordinator",
        "Oldebroek",
        codes.LocationType.ONLINE,
        ["criminal"],
        "general",
        20,
        "female",
        "Jonge vrouw heeft leningen en telefoonabonnementen op haar naam die anderen gebruiken.",
    ),
]


def load(rng: random.Random) -> None:
    catalogue = services.current_catalogue()
    for username, place, location, forms, setting, age, gender, text in STORIES:
        reporter = User.objects.get(username=username)
        membership = Membership.objects.filter(user=reporter).order_by("pk").first()
        municipality = Organisation.objects.get(name=f"Gemeente {place}")
        candidates = (
            list(Indicator.objects.filter(catalogue=catalogue).values_list("code", "settings"))
            if catalogue
            else []
        )
        fitting = [
            code for code, settings in candidates if setting in settings or "general" in settings
        ]
        picked = rng.sample(fitting, k=min(len(fitting), rng.randint(1, 4)))
        services.create_signal(
            services.SignalInput(
                municipality=municipality,
                location_type=location,
                persons=[services.PersonInput(age=age, gender=gender)],
                forms=forms,
                setting=setting,
                description=text,
                indicator_codes=picked,
                awareness=codes.Awareness.UNAWARE,
                reporter_contact=f"{reporter.get_full_name()}, 06-{rng.randint(10**7, 10**8 - 1)}",
            ),
            reporter=reporter,
            membership=membership,
        )
    # One signal already assessed, so that every status shows in the demo.
    coordinator = Membership.objects.get(user__username="coordinator", role=Role.COORDINATOR)
    first = Signal.objects.filter(municipality__name="Gemeente Harderwijk").order_by("pk").first()
    if first is not None:
        police = Organisation.objects.filter(type=OrganisationType.POLICE).first()
        services.start_assessment(first, coordinator)
        services.decide(
            first,
            coordinator,
            decision=codes.Decision.FORWARD,
            reason="Sterke signalen van seksuele uitbuiting van een minderjarige.",
            forward_to=police,
        )
