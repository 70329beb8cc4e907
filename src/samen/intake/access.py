"""Who may see which signal. Views, lists, counts and exports all ask here.

- A coordinator of a municipality sees the signals about that municipality; a coordinator
  of a regional partnership sees those of every municipality in the region.
- A professional follows the status of the signals they made themselves; a business user
  follows those made for their business. Neither ever sees the assessment.
"""

from __future__ import annotations

from django.db.models import QuerySet

from samen.core.models import Membership, Organisation, OrganisationType, Role
from samen.intake.models import Signal


def coordinated_municipalities(membership: Membership | None) -> QuerySet[Organisation]:
    if membership is None or membership.role != Role.COORDINATOR:
        return Organisation.objects.none()
    organisation = membership.organisation
    municipalities = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY, is_active=True)
    if organisation.type == OrganisationType.MUNICIPALITY:
        return municipalities.filter(pk=organisation.pk)
    if organisation.type == OrganisationType.REGIONAL_PARTNERSHIP:
        return municipalities.filter(region=organisation.region_id)
    return Organisation.objects.none()


def triage_signals(membership: Membership | None) -> QuerySet[Signal]:
    """The signals a coordinator may assess, in full."""
    return Signal.objects.filter(municipality__in=coordinated_municipalities(membership))


def may_assess(membership: Membership | None, signal: Signal) -> bool:
    return coordinated_municipalities(membership).filter(pk=signal.municipality_id).exists()


def followed_signals(membership: Membership | None) -> QuerySet[Signal]:
    """The signals whose status this member may follow (never their assessment)."""
    if membership is None:
        return Signal.objects.none()
    if membership.role == Role.BUSINESS_USER:
        return Signal.objects.filter(reporter_organisation=membership.organisation)
    return Signal.objects.filter(
        reporter=membership.user, reporter_organisation=membership.organisation
    )


def may_follow(membership: Membership | None, signal: Signal) -> bool:
    return followed_signals(membership).filter(pk=signal.pk).exists()
