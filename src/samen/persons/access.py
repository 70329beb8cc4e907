"""Who may see which person record, and so which pair: the one place that answers it.

A record is visible when its origin is: a signal person through the signals the
coordinator assesses (intake.access.triage_signals), a case person through the cases
the membership sees and, within a case, the persons it may see (cases.access). A pair
is shown only to someone who may see BOTH records; anyone else gets a 404, and lists
and counts leave the pair out.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from samen.cases import access as case_access
from samen.cases import codes as case_codes
from samen.cases.models import CasePerson
from samen.core.access import Permission, membership_allows
from samen.core.models import Membership
from samen.intake.access import triage_signals
from samen.persons.models import PairReview, PersonRecord


def visible_case_persons(membership: Membership | None) -> QuerySet[CasePerson]:
    """The persons involved that `visible_persons` would show, over all visible cases."""
    if membership is None:
        return CasePerson.objects.none()
    full = Q(case__in=case_access.lead_cases(membership).values("pk")) | Q(
        case__in=case_access.emergency_cases(membership).values("pk")
    )
    # Partners (and meeting participants) see the persons their accepted referral shares.
    shared = Q(
        pk__in=CasePerson.objects.filter(
            referrals__to_organisation=membership.organisation,
            referrals__status=case_codes.ReferralStatus.ACCEPTED,
        ).values("pk")
    )
    return CasePerson.objects.filter(
        Q(case__in=case_access.visible_cases(membership).values("pk")) & (full | shared)
    )


def visible_records(membership: Membership | None) -> QuerySet[PersonRecord]:
    if not membership_allows(membership, Permission.REVIEW_LINKAGE):
        return PersonRecord.objects.none()
    return PersonRecord.objects.filter(
        Q(signal_person__signal__in=triage_signals(membership).values("pk"))
        | Q(case_person__in=visible_case_persons(membership).values("pk"))
    )


def may_see_record(membership: Membership | None, record: PersonRecord) -> bool:
    """The single-record predicate, asked the way the signal and case pages ask it."""
    if not membership_allows(membership, Permission.REVIEW_LINKAGE):
        return False
    if record.signal_person_id is not None:
        signal_id = record.signal_person.signal_id
        return triage_signals(membership).filter(pk=signal_id).exists()
    case = record.case_person.case
    scope = case_access.scope_of(membership, case)
    if scope is None:
        return False
    return (
        case_access.visible_persons(membership, case, scope)  # type: ignore[arg-type]
        .filter(pk=record.case_person_id)
        .exists()
    )


def visible_reviews(membership: Membership | None) -> QuerySet[PairReview]:
    records = visible_records(membership).values("pk")
    return PairReview.objects.filter(record_a__in=records, record_b__in=records)


def may_review(membership: Membership | None, review: PairReview) -> bool:
    return may_see_record(membership, review.record_a) and may_see_record(
        membership, review.record_b
    )
