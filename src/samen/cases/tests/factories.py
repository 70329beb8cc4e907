"""Cases for tests, made through the same services as the real application."""

from __future__ import annotations

from itertools import count

from django.conf import settings
from django.test import Client

from samen.cases import codes, services
from samen.cases.models import Case, Referral
from samen.core.models import Membership, Organisation, OrganisationType, Role, User
from samen.core.tests.factories import PASSWORD, municipality, organisation
from samen.intake import codes as intake_codes
from samen.intake.tests.factories import make_signal

_serial = count(1)
BASE_URL = "http://testserver"


def member(org: Organisation, role: Role = Role.COORDINATOR, username: str = "") -> Membership:
    user = User.objects.create_user(username=username or f"m{next(_serial)}", password=PASSWORD)
    return Membership.objects.create(user=user, organisation=org, role=role)


def lead_coordinator(place: Organisation | None = None) -> Membership:
    """A coordinator of the municipality; reused, so every case of a place has one lead."""
    place = place or municipality()
    existing = Membership.objects.filter(
        organisation=place, role=Role.COORDINATOR, user__username__startswith="lead-"
    ).first()
    return existing or member(place, Role.COORDINATOR, f"lead-{place.pk}")


def police() -> Organisation:
    return organisation("Politie AVIM Oost-Nederland", OrganisationType.POLICE)


def make_case(
    place: Organisation | None = None, *, by: Membership | None = None, name: str = "Anna"
) -> Case:
    place = place or municipality()
    by = by or lead_coordinator(place)
    signal = make_signal(None, place=place, name=name)
    return services.open_case(
        by, [signal], forms=[intake_codes.ExploitationForm.SEXUAL], youth=True
    )


def make_referral(
    case: Case,
    to: Organisation,
    status: str = codes.ReferralStatus.ACCEPTED,
    *,
    share_persons: bool = True,
) -> Referral:
    """A referral from the case's lead, brought to `status` through the services."""
    lead = lead_coordinator(case.lead_municipality)
    referral = services.refer(
        case,
        lead,
        to_organisation=to,
        purpose="Informatief gesprek",
        legal_basis=codes.LegalBasis.PUBLIC_TASK,
        information="Vermoedelijk slachtoffer, 17 jaar.",
        persons=case.persons.all() if share_persons else [],
        base_url=BASE_URL,
    )
    if status == codes.ReferralStatus.REQUESTED:
        return referral
    partner = Membership.objects.filter(
        organisation=to, role=Role.CASE_WORKER, user__username__startswith="m"
    ).first() or member(to, Role.CASE_WORKER)
    if status == codes.ReferralStatus.DECLINED:
        services.respond_to_referral(referral, partner, accept=False, reason="Geen capaciteit")
    elif status == codes.ReferralStatus.REVOKED:
        services.respond_to_referral(referral, partner, accept=True, reason="")
        services.revoke_referral(referral, lead, reason="Niet meer nodig")
    else:
        services.respond_to_referral(referral, partner, accept=True, reason="")
        if status == codes.ReferralStatus.CLOSED:
            services.close_referral(
                referral, partner, done=True, successful=True, result="Gesprek gevoerd"
            )
    referral.refresh_from_db()
    return referral


def in_english(client: Client) -> Client:
    """Tests that read page text read the English source, which translation leaves alone."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
