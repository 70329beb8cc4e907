"""A demo case for the Noord-Veluwe demo: a Harderwijk signal that nobody assessed yet
becomes a case with a referral waiting for the police, so that every case role has
something to do."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from samen.cases import codes, services
from samen.core.models import Membership, Organisation, OrganisationType, Role
from samen.intake import codes as intake_codes
from samen.intake import services as intake_services
from samen.intake.models import Signal

# The address `make run` serves on, for the links in the demo's notification e-mails.
DEMO_BASE_URL = "http://127.0.0.1:8000"


def load(rng: random.Random) -> None:
    coordinator = Membership.objects.get(user__username="coordinator", role=Role.COORDINATOR)
    signal = (
        Signal.objects.filter(
            municipality=coordinator.organisation,
            status=intake_codes.SignalStatus.RECEIVED,
        )
        .order_by("pk")
        .first()
    )
    police = Organisation.objects.filter(type=OrganisationType.POLICE).order_by("pk").first()
    if signal is None or police is None:
        return
    intake_services.start_assessment(signal, coordinator)
    intake_services.decide(
        signal,
        coordinator,
        decision=intake_codes.Decision.OPEN_CASE,
        reason="Sterke signalen van uitbuiting; samen met de politie oppakken.",
    )
    youth = signal.setting == intake_codes.Setting.YOUTH or signal.minor_involved
    case = services.open_case(coordinator, [signal], forms=signal.forms, youth=youth)
    services.change_status(
        case,
        coordinator,
        to_status=codes.CaseStatus.ASSESSMENT,
        reason="Zorgmelding en informatief gesprek voorbereiden.",
        version=case.version,
    )
    services.refer(
        case,
        coordinator,
        to_organisation=police,
        purpose="Informatief gesprek met het vermoedelijke slachtoffer",
        legal_basis=codes.LegalBasis.PUBLIC_TASK,
        information="Zie het signaal; de betrokkene is nog niet gesproken.",
        persons=case.persons.all(),
        base_url=DEMO_BASE_URL,
    )
    services.add_task(
        case,
        coordinator,
        title="Eigenaar van de locatie benaderen",
        owner_organisation=coordinator.organisation,
        due_on=timezone.localdate() + timedelta(days=rng.randint(2, 6)),
        base_url=DEMO_BASE_URL,
    )
