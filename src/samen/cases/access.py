"""Who may see which case: the one place that answers it, for views, lists, counts,
search and exports alike (DESIGN.md, need to know).

A membership sees a case through its organisation's role in it:
- as **lead**: a coordinator of the lead municipality, or of the regional partnership
  of that municipality's region;
- as **partner**: its organisation holds an accepted referral that is not closed or
  revoked, and then only as far as that referral shares;
- as **participant**: its organisation is invited to a meeting of the case, while the
  case is open, and then only to those meetings and its own tasks;
- through **emergency access** that has not expired.
Analysts, reporters and everyone else see no case at all.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from samen.cases import codes
from samen.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CasePerson,
    EmergencyAccess,
    Meeting,
    Note,
    Outcome,
    Referral,
    Task,
)
from samen.core.access import Permission, membership_allows
from samen.core.models import Membership
from samen.intake.access import coordinated_municipalities


class Scope(StrEnum):
    LEAD = "lead"
    EMERGENCY = "emergency"
    PARTNER = "partner"
    PARTICIPANT = "participant"


FULL_SCOPES = frozenset({Scope.LEAD, Scope.EMERGENCY})


def lead_cases(membership: Membership | None) -> QuerySet[Case]:
    if not membership_allows(membership, Permission.WORK_ON_CASES):
        return Case.objects.none()
    return Case.objects.filter(lead_municipality__in=coordinated_municipalities(membership))


def partner_cases(membership: Membership | None) -> QuerySet[Case]:
    if membership is None or not membership_allows(membership, Permission.WORK_ON_CASES):
        return Case.objects.none()
    return Case.objects.filter(
        pk__in=Referral.objects.filter(
            to_organisation=membership.organisation, status=codes.ReferralStatus.ACCEPTED
        ).values("case_id")
    )


def participant_cases(membership: Membership | None) -> QuerySet[Case]:
    if membership is None or not membership_allows(membership, Permission.WORK_ON_CASES):
        return Case.objects.none()
    return Case.objects.filter(
        meetings__participants__organisation=membership.organisation
    ).exclude(status=codes.CaseStatus.CLOSED)


def emergency_cases(membership: Membership | None) -> QuerySet[Case]:
    if membership is None or not membership_allows(membership, Permission.EMERGENCY_CASE_ACCESS):
        return Case.objects.none()
    return Case.objects.filter(
        emergency_accesses__membership=membership,
        emergency_accesses__expires_at__gt=timezone.now(),
    )


def visible_cases(membership: Membership | None) -> QuerySet[Case]:
    """Every case this membership may open: the base of lists, search and counts."""
    return Case.objects.filter(
        Q(pk__in=lead_cases(membership).values("pk"))
        | Q(pk__in=partner_cases(membership).values("pk"))
        | Q(pk__in=emergency_cases(membership).values("pk"))
        | Q(pk__in=participant_cases(membership).values("pk"))
    )


def scope_of(membership: Membership | None, case: Case) -> Scope | None:
    """How this membership sees the case, the widest first; None: not at all."""
    if lead_cases(membership).filter(pk=case.pk).exists():
        return Scope.LEAD
    if emergency_cases(membership).filter(pk=case.pk).exists():
        return Scope.EMERGENCY
    if partner_cases(membership).filter(pk=case.pk).exists():
        return Scope.PARTNER
    if participant_cases(membership).filter(pk=case.pk).exists():
        return Scope.PARTICIPANT
    return None


def shared_referrals(membership: Membership, case: Case) -> QuerySet[Referral]:
    """The referrals through which this membership's organisation works on the case."""
    return case.referrals.filter(
        to_organisation=membership.organisation, status=codes.ReferralStatus.ACCEPTED
    )


def visible_persons(membership: Membership, case: Case, scope: Scope) -> QuerySet[CasePerson]:
    if scope in FULL_SCOPES:
        return case.persons.all()
    return case.persons.filter(referrals__in=shared_referrals(membership, case)).distinct()


def visible_notes(membership: Membership, case: Case, scope: Scope) -> QuerySet[Note]:
    if scope in FULL_SCOPES:
        return case.notes.all()
    own = Q(organisation=membership.organisation)
    if scope == Scope.PARTICIPANT:
        return case.notes.filter(own)
    return case.notes.filter(Q(shared_with_partners=True) | own)


def visible_documents(membership: Membership, case: Case, scope: Scope) -> QuerySet[CaseDocument]:
    """The same rule as notes: attachments obey need to know like everything else."""
    if scope in FULL_SCOPES:
        return case.documents.all()
    own = Q(organisation=membership.organisation)
    if scope == Scope.PARTICIPANT:
        return case.documents.filter(own)
    return case.documents.filter(Q(shared_with_partners=True) | own)


def visible_outcomes(membership: Membership, case: Case, scope: Scope) -> QuerySet[Outcome]:
    if scope in FULL_SCOPES:
        return case.outcomes.all()
    return case.outcomes.filter(organisation=membership.organisation)


def visible_referrals(membership: Membership, case: Case, scope: Scope) -> QuerySet[Referral]:
    if scope in FULL_SCOPES:
        return case.referrals.all()
    return shared_referrals(membership, case)


def visible_tasks(membership: Membership, case: Case, scope: Scope) -> QuerySet[Task]:
    if scope in FULL_SCOPES:
        return case.tasks.all()
    return case.tasks.filter(owner_organisation=membership.organisation)


def visible_meetings(membership: Membership, case: Case, scope: Scope) -> QuerySet[Meeting]:
    if scope in FULL_SCOPES:
        return case.meetings.all()
    return case.meetings.filter(participants__organisation=membership.organisation)


def visible_events(membership: Membership, case: Case, scope: Scope) -> QuerySet[CaseEvent]:
    if scope in FULL_SCOPES:
        return case.events.all()
    return case.events.filter(
        Q(kind__in=[CaseEvent.Kind.OPENED, CaseEvent.Kind.STATUS])
        | Q(referral__in=shared_referrals(membership, case))
        | Q(organisation=membership.organisation)
    )


def incoming_referrals(membership: Membership | None) -> QuerySet[Referral]:
    """Referrals waiting for this membership's organisation to accept or decline."""
    if membership is None or not membership_allows(membership, Permission.WORK_ON_CASES):
        return Referral.objects.none()
    return Referral.objects.filter(
        to_organisation=membership.organisation, status=codes.ReferralStatus.REQUESTED
    )


def cases_with_person(membership: Membership | None, name_index: str) -> QuerySet[Case]:
    """Visible cases with a person of this (blind-indexed) name, matched only among the
    persons this membership may see: a partner's search never reveals an unshared person."""
    if membership is None or not name_index:
        return Case.objects.none()
    visible = Q(case__in=lead_cases(membership).values("pk")) | Q(
        case__in=emergency_cases(membership).values("pk")
    )
    if membership_allows(membership, Permission.WORK_ON_CASES):
        visible |= Q(
            referrals__to_organisation=membership.organisation,
            referrals__status=codes.ReferralStatus.ACCEPTED,
        )
    persons = CasePerson.objects.filter(visible, name_index=name_index)
    return Case.objects.filter(pk__in=persons.values("case_id"))


def reviewable_emergency_grants(membership: Membership | None) -> QuerySet[EmergencyAccess]:
    """The emergency grants a privacy officer reviews: those used by members of their
    own organisation and those on cases their organisation leads. Never the case itself."""
    if membership is None or not membership_allows(membership, Permission.VIEW_AUDIT_LOG):
        return EmergencyAccess.objects.none()
    return EmergencyAccess.objects.filter(
        Q(membership__organisation=membership.organisation)
        | Q(case__lead_municipality=membership.organisation)
    )
