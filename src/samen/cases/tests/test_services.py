"""Case services: who sees a case, referral life cycle, locking, consent, emergency access."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from samen.cases import access, codes, services
from samen.cases.models import CaseEvent, Consent, EmergencyAccess
from samen.cases.tests.factories import (
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import OrganisationType, Role
from samen.core.tests.factories import municipality, organisation
from samen.intake import codes as intake_codes
from samen.intake import services as intake_services
from samen.intake.tests.factories import make_signal

pytestmark = pytest.mark.django_db
R = codes.ReferralStatus


def test_case_numbers_are_random_and_reveal_no_count() -> None:
    first, second = make_case(), make_case()
    year = timezone.now().year
    for case in (first, second):
        assert re.fullmatch(rf"Z-{year}-[A-HJ-NP-Z2-9]{{6}}", case.number)
    assert first.number != second.number
    numbers = {services.new_number() for _ in range(200)}
    assert len(numbers) == 200


def test_opening_a_case_links_the_signal_copies_its_persons_and_audits() -> None:
    case = make_case(name="Anna de Vries")
    assert case.status == codes.CaseStatus.NEW
    assert case.case_signals.count() == 1
    (person,) = case.persons.all()
    assert person.name == "Anna de Vries"
    assert person.victim_status == codes.VictimStatus.PRESUMED
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == [CaseEvent.Kind.OPENED, CaseEvent.Kind.SIGNAL_ADDED]
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="cases.case", object_id=str(case.pk)
    ).exists()
    # Audit labels carry no personal data.
    assert not AuditEvent.objects.filter(object_label__contains="Anna").exists()


def test_identifying_fields_are_encrypted_at_rest() -> None:
    make_case(name="Anna de Vries")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM cases_caseperson")
        (raw,) = cursor.fetchone()
    assert "Anna" not in raw


def test_a_signal_belongs_to_one_case_only() -> None:
    case = make_case()
    signal = case.case_signals.get().signal
    with pytest.raises(services.CaseError):
        services.open_case(lead_coordinator(), [signal], forms=[], youth=False)


def test_adding_a_signal_to_an_existing_case() -> None:
    case = make_case()
    signal = make_signal(None, name="Bo")
    services.add_signals(case, lead_coordinator(), [signal])
    assert case.case_signals.count() == 2
    assert sorted(p.name for p in case.persons.all()) == ["Anna", "Bo"]


def test_a_coordinator_elsewhere_cannot_open_a_case_for_another_municipality() -> None:
    signal = make_signal(None)
    ermelo = member(municipality("Ermelo", "GM0233"))
    with pytest.raises(services.CaseError):
        services.open_case(ermelo, [signal], forms=[], youth=False)


def test_who_sees_the_case_as_lead() -> None:
    case = make_case()
    assert access.scope_of(lead_coordinator(), case) == access.Scope.LEAD
    partnership = organisation("Regio Noord-Veluwe", OrganisationType.REGIONAL_PARTNERSHIP)
    assert access.scope_of(member(partnership), case) == access.Scope.LEAD
    harderwijk = municipality()
    for role in (Role.CASE_WORKER, Role.ANALYST, Role.REPORTER, Role.PRIVACY_OFFICER):
        assert access.scope_of(member(harderwijk, role), case) is None, role
    assert access.scope_of(member(municipality("Ermelo", "GM0233")), case) is None


@pytest.mark.parametrize(
    ("status", "sees"),
    [
        (R.REQUESTED, False),
        (R.ACCEPTED, True),
        (R.DECLINED, False),
        (R.REVOKED, False),
        (R.CLOSED, False),
    ],
)
def test_partner_sees_the_case_only_through_an_open_accepted_referral(
    status: str, sees: bool
) -> None:
    case = make_case()
    referral = make_referral(case, police(), status)
    assert referral.status == status
    worker = member(police(), Role.CASE_WORKER)
    analyst = member(police(), Role.ANALYST)
    assert (access.scope_of(worker, case) == access.Scope.PARTNER) is sees
    assert (case in access.visible_cases(worker)) is sees
    assert access.scope_of(analyst, case) is None


def test_partner_sees_only_what_the_referral_shares() -> None:
    case = make_case(name="Anna")
    services.add_person(
        case, lead_coordinator(), services.PersonInput(role=codes.PersonRole.SUSPECT, name="X")
    )
    anna = case.persons.get(name_index=case.persons.first().name_index)
    referral = services.refer(
        case,
        lead_coordinator(),
        to_organisation=police(),
        purpose="Aangifte",
        legal_basis=codes.LegalBasis.PUBLIC_TASK,
        information="",
        persons=[anna],
        base_url="http://testserver",
    )
    worker = member(police(), Role.CASE_WORKER)
    services.respond_to_referral(referral, worker, accept=True, reason="")
    scope = access.scope_of(worker, case)
    assert list(access.visible_persons(worker, case, scope)) == [anna]
    services.add_note(case, lead_coordinator(), text="intern")
    services.add_note(case, lead_coordinator(), text="voor partners", shared_with_partners=True)
    services.add_note(case, worker, text="van de politie", shared_with_partners=True)
    assert sorted(n.text for n in access.visible_notes(worker, case, scope)) == [
        "van de politie",
        "voor partners",
    ]
    # Another partner's referral and its events stay out of sight.
    make_referral(case, organisation("Veilig Thuis", OrganisationType.VEILIG_THUIS))
    assert [r.pk for r in access.visible_referrals(worker, case, scope)] == [referral.pk]
    assert not access.visible_events(worker, case, scope).filter(summary="Veilig Thuis").exists()


def test_referral_life_cycle_rules() -> None:
    case = make_case()
    referral = make_referral(case, police(), R.REQUESTED)
    worker = member(police(), Role.CASE_WORKER)
    with pytest.raises(services.CaseError):
        services.respond_to_referral(referral, worker, accept=False, reason=" ")
    stranger = member(municipality("Ermelo", "GM0233"), Role.CASE_WORKER)
    with pytest.raises(services.CaseError):
        services.respond_to_referral(referral, stranger, accept=True, reason="")
    with pytest.raises(services.CaseError):
        services.close_referral(referral, worker, done=True, successful=True, result="")
    with pytest.raises(services.CaseError):
        make_referral(case, police(), R.REQUESTED)  # one open referral per partner
    services.respond_to_referral(referral, worker, accept=True, reason="")
    with pytest.raises(services.CaseError):
        services.respond_to_referral(referral, worker, accept=False, reason="toch niet")
    services.close_referral(referral, worker, done=True, successful=False, result="Geen aangifte")
    referral.refresh_from_db()
    assert (referral.status, referral.done, referral.successful) == (R.CLOSED, True, False)
    assert referral.result == "Geen aangifte"
    with pytest.raises(services.CaseError):
        services.revoke_referral(referral, lead_coordinator(), reason="")
    with pytest.raises(services.CaseError):
        services.refer(
            case,
            lead_coordinator(),
            to_organisation=municipality(),
            purpose="x",
            legal_basis=codes.LegalBasis.CONSENT,
            information="",
            base_url="http://testserver",
        )


def test_a_stale_version_is_refused_and_nothing_is_lost() -> None:
    case = make_case()
    lead = lead_coordinator()
    other = member(municipality(), Role.COORDINATOR)
    opened_at = case.version
    services.update_details(
        case,
        other,
        version=opened_at,
        forms=[intake_codes.ExploitationForm.LABOUR],
        youth=False,
        confidentiality=codes.Confidentiality.SECRET,
    )
    with pytest.raises(services.StaleCase):
        services.change_status(
            case, lead, to_status=codes.CaseStatus.ASSESSMENT, reason="", version=opened_at
        )
    case.refresh_from_db()
    assert case.status == codes.CaseStatus.NEW
    assert case.forms == [intake_codes.ExploitationForm.LABOUR]
    assert case.confidentiality == codes.Confidentiality.SECRET


def test_closing_the_case_ends_referrals_and_tells_the_reporter_without_details() -> None:
    reporter = member(organisation("Huisartsenpraktijk", OrganisationType.OTHER), Role.REPORTER)
    signal = make_signal(reporter.user)
    lead = lead_coordinator()
    intake_services.decide(signal, lead, decision=intake_codes.Decision.OPEN_CASE, reason="ernstig")
    case = services.open_case(lead, [signal], forms=[], youth=False)
    accepted = make_referral(case, police(), R.ACCEPTED)
    requested = make_referral(
        case, organisation("Veilig Thuis", OrganisationType.VEILIG_THUIS), R.REQUESTED
    )
    services.change_status(
        case, lead, to_status=codes.CaseStatus.CLOSED, reason="klaar", version=case.version
    )
    accepted.refresh_from_db()
    requested.refresh_from_db()
    assert (accepted.status, requested.status) == (R.CLOSED, R.REVOKED)
    signal.refresh_from_db()
    assert signal.status == intake_codes.SignalStatus.FOLLOWED_UP
    (message,) = signal.events.filter(kind="to_reporter")
    assert case.number not in message.text


def test_consent_is_signed_by_the_person_from_16_and_by_a_parent_below() -> None:
    case = make_case()
    lead = lead_coordinator()
    young = services.add_person(
        case, lead, services.PersonInput(role=codes.PersonRole.POSSIBLE_VICTIM, age=15)
    )
    older = services.add_person(
        case, lead, services.PersonInput(role=codes.PersonRole.POSSIBLE_VICTIM, age=16)
    )
    P, S = Consent.Purpose, Consent.Signer
    today = date.today()
    with pytest.raises(services.CaseError):
        services.record_consent(
            young, lead, purpose=P.REGISTRATION, given=True, signed_by=S.PERSON, signed_on=today
        )
    with pytest.raises(services.CaseError):
        services.record_consent(
            older, lead, purpose=P.REGISTRATION, given=True, signed_by=S.PARENT, signed_on=today
        )
    services.record_consent(
        young, lead, purpose=P.REGISTRATION, given=True, signed_by=S.GUARDIAN, signed_on=today
    )
    services.record_consent(
        older, lead, purpose=P.SHELTER, given=False, signed_by=S.PERSON, signed_on=today
    )
    assert young.consents.get().purpose == P.REGISTRATION
    assert older.consents.get().purpose == P.SHELTER


def test_emergency_access_needs_a_reason_expires_and_is_flagged() -> None:
    case = make_case()
    outsider = member(municipality("Ermelo", "GM0233"))
    assert access.scope_of(outsider, case) is None
    with pytest.raises(services.CaseError):
        services.grant_emergency_access(case, outsider, reason="even kijken")
    worker = member(municipality("Ermelo", "GM0233"), Role.CASE_WORKER)
    with pytest.raises(services.CaseError):
        services.grant_emergency_access(case, worker, reason="Slachtoffer meldt zich nu bij ons")
    grant = services.grant_emergency_access(
        case, outsider, reason="Slachtoffer meldt zich nu bij ons loket"
    )
    assert access.scope_of(outsider, case) == access.Scope.EMERGENCY
    event = AuditEvent.objects.get(action=AuditAction.EMERGENCY_ACCESS)
    assert event.actor == outsider.user
    assert event.object_id == str(case.pk)
    assert "expires_at" in event.detail
    assert grant.expires_at - grant.granted_at == timedelta(hours=8)
    EmergencyAccess.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert access.scope_of(outsider, case) is None
    assert case not in access.visible_cases(outsider)


def test_an_anonymous_reporter_reads_the_closing_message_with_their_receipt() -> None:
    signal = make_signal(None)
    signal.channel = intake_codes.Channel.ANONYMOUS
    signal.save(update_fields=["channel"])
    lead = lead_coordinator()
    case = services.open_case(lead, [signal], forms=[], youth=False)
    services.change_status(
        case, lead, to_status=codes.CaseStatus.CLOSED, reason="", version=case.version
    )
    assert signal.events.filter(kind="to_reporter").count() == 1
