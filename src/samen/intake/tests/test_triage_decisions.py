"""Coordinators assess signals in their municipality or region and decide, with reasons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Organisation, OrganisationType, Role
from samen.core.tests.factories import municipality, organisation, user_with_role, verified_client
from samen.intake import codes
from samen.intake.models import SignalEvent
from samen.intake.tests.factories import make_signal

pytestmark = pytest.mark.django_db


def detail(signal) -> str:  # type: ignore[no-untyped-def]
    return reverse("intake:signal_detail", kwargs={"reference": signal.reference})


def test_queue_is_sorted_by_urgency_then_age_and_scoped() -> None:
    harderwijk, ermelo = municipality(), municipality("Ermelo", "GM0233")
    low = make_signal(None, place=harderwijk, age=30)
    urgent = make_signal(None, place=harderwijk, immediate_danger=True)
    minor = make_signal(None, place=harderwijk, age=15)
    elsewhere = make_signal(None, place=ermelo)
    client = verified_client(user_with_role(Role.COORDINATOR, harderwijk))
    text = client.get(reverse("intake:triage_queue")).text
    assert text.index(urgent.reference) < text.index(minor.reference) < text.index(low.reference)
    assert elsewhere.reference not in text
    # Filters
    assert low.reference not in client.get(reverse("intake:triage_queue"), {"minor": "1"}).text
    # Another municipality's signal cannot be opened by reference either.
    assert client.get(detail(elsewhere)).status_code == 404


def test_regional_coordinator_sees_the_whole_region() -> None:
    harderwijk, ermelo = municipality(), municipality("Ermelo", "GM0233")
    region_office = organisation("Regio", OrganisationType.REGIONAL_PARTNERSHIP)
    a, b = make_signal(None, place=harderwijk), make_signal(None, place=ermelo)
    client = verified_client(user_with_role(Role.COORDINATOR, region_office))
    text = client.get(reverse("intake:triage_queue")).text
    assert a.reference in text
    assert b.reference in text


def test_opening_a_signal_starts_assessment_and_is_audited() -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    reporter = user_with_role(Role.REPORTER)
    signal = make_signal(reporter)
    page = verified_client(coordinator).get(detail(signal))
    assert page.status_code == 200
    assert "nooit" in page.text or "never prove" in page.text  # the reminder beside the score
    signal.refresh_from_db()
    assert signal.status == codes.SignalStatus.ASSESSING
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(signal.pk), actor=coordinator
    ).exists()


def test_ask_reporter_then_reporter_answers_then_forward() -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    reporter = user_with_role(Role.REPORTER)
    signal = make_signal(reporter)
    staff = verified_client(coordinator)
    response = staff.post(
        detail(signal),
        {
            "decision": "ask_reporter",
            "reason": "Leeftijd onduidelijk",
            "message_to_reporter": "Hoe oud schat u haar?",
        },
    )
    assert response.status_code == 302
    mine = verified_client(reporter)
    follow_url = reverse("intake:follow_signal", kwargs={"reference": signal.reference})
    page = mine.get(follow_url).text
    assert "Hoe oud schat u haar?" in page
    assert "Leeftijd onduidelijk" not in page  # the reason is internal
    mine.post(follow_url, {"text": "Ongeveer 16."})
    assert "Ongeveer 16." in staff.get(detail(signal)).text
    police = organisation("Politie", OrganisationType.POLICE)
    staff.post(
        detail(signal),
        {"decision": "forward", "reason": "Signalen van dwang", "forward_to": police.pk},
    )
    signal.refresh_from_db()
    assert signal.status == codes.SignalStatus.FOLLOWED_UP
    event = SignalEvent.objects.filter(decision="forward").get()
    assert event.actor == coordinator
    assert event.forwarded_to == police
    assert AuditEvent.objects.filter(purpose="triage decision: forward", actor=coordinator).exists()
    assert "Opgevolgd" in mine.get(follow_url).text or "Followed up" in mine.get(follow_url).text


def test_decision_needs_a_reason_and_a_partner_when_forwarding() -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    signal = make_signal(None)
    response = verified_client(coordinator).post(
        detail(signal), {"decision": "forward", "reason": ""}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert not SignalEvent.objects.filter(kind="decision").exists()


def test_close_with_reason_shows_no_follow_up_to_reporter() -> None:
    reporter = user_with_role(Role.REPORTER)
    signal = make_signal(reporter)
    verified_client(user_with_role(Role.COORDINATOR)).post(
        detail(signal), {"decision": "close", "reason": "Geen signalen van uitbuiting"}
    )
    signal.refresh_from_db()
    assert signal.status == codes.SignalStatus.NO_FOLLOW_UP


def test_reporters_only_see_their_own_and_businesses_their_own_business() -> None:
    one, two = (
        user_with_role(Role.REPORTER, username="one"),
        user_with_role(Role.REPORTER, username="two"),
    )
    theirs = make_signal(two)
    client = verified_client(one)
    assert theirs.reference not in client.get(reverse("intake:my_signals")).text
    assert (
        client.get(
            reverse("intake:follow_signal", kwargs={"reference": theirs.reference})
        ).status_code
        == 404
    )
    hotel = Organisation.objects.create(
        name="Hotel A", type=OrganisationType.HOTEL, region=municipality().region
    )
    colleague_a = user_with_role(Role.BUSINESS_USER, hotel, username="a")
    colleague_b = user_with_role(Role.BUSINESS_USER, hotel, username="b")
    other_hotel = Organisation.objects.create(
        name="Hotel B", type=OrganisationType.HOTEL, region=municipality().region
    )
    stranger = user_with_role(Role.BUSINESS_USER, other_hotel, username="c")
    signal = make_signal(colleague_a)
    assert signal.reference in verified_client(colleague_b).get(reverse("intake:my_signals")).text
    assert signal.reference not in verified_client(stranger).get(reverse("intake:my_signals")).text


def test_hints_name_signals_about_possibly_the_same_person_within_scope() -> None:
    # Record linkage (samen.persons) matches each new signal's persons at intake.
    a = make_signal(None, name="Oksana Petrenko", age=23, phone="06-41234567")
    b = make_signal(None, name="Oksana Petrenco", age=23, phone="+31 6 41234567")
    maybe = make_signal(None, name="Oksana Petrenko", age=23)
    elsewhere = make_signal(
        None, place=municipality("Ermelo", "GM0233"), name="Oksana Petrenko", phone="0641234567"
    )
    unrelated = make_signal(None, name="Jan de Vries", age=40, address="Dorpsstraat 5")
    client = verified_client(user_with_role(Role.COORDINATOR))
    page = client.get(detail(a)).text
    assert b.reference in page
    assert maybe.reference in page
    assert unrelated.reference not in page
    # Another municipality's signal is not named, however alike.
    assert elsewhere.reference not in page
    assert a.reference in client.get(detail(b)).text
