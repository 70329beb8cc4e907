"""Emergency access is flagged to the privacy officers, who review it without the case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from samen.cases import notifications, services
from samen.cases.models import Notification
from samen.cases.tests.factories import in_english, make_case, member, police
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import municipality, verified_client

pytestmark = pytest.mark.django_db
REASON = "Acuut gevaar, de regiegemeente is niet bereikbaar"


def _grant() -> tuple[Any, Any]:
    case = make_case(name="Anna de Vries")
    ermelo = member(municipality("Ermelo", "GM0233"), Role.COORDINATOR)
    grant = services.grant_emergency_access(case, ermelo, reason=REASON)
    return case, grant


def test_privacy_officers_of_both_organisations_are_notified_and_no_one_else() -> None:
    ermelo_officer = member(municipality("Ermelo", "GM0233"), Role.PRIVACY_OFFICER)
    lead_officer = member(municipality(), Role.PRIVACY_OFFICER)
    police_officer = member(police(), Role.PRIVACY_OFFICER)
    gone = member(municipality(), Role.PRIVACY_OFFICER)
    gone.is_active = False
    gone.save()
    _grant()
    notes = Notification.objects.filter(kind=Notification.Kind.EMERGENCY_ACCESS)
    assert {n.recipient for n in notes} == {ermelo_officer.user, lead_officer.user}
    assert {n.url for n in notes} == {reverse("cases:emergency_grants")}
    assert police_officer.user not in {n.recipient for n in notes}


def test_the_email_names_no_person_and_no_case() -> None:
    case, _ = _grant()
    notifications.send_notification_email.call(
        Notification.Kind.EMERGENCY_ACCESS, ["privacy@gemeente.invalid"], "http://x/zaken/"
    )
    (message,) = mail.outbox
    assert case.number not in message.body
    assert "Anna" not in message.body
    assert "Vries" not in message.body


def test_the_privacy_officer_reads_who_which_case_why_and_how_long_but_not_the_case() -> None:
    officer = member(municipality(), Role.PRIVACY_OFFICER)
    case, grant = _grant()
    client = in_english(verified_client(officer.user))
    page = client.get(reverse("cases:emergency_grants"))
    assert page.status_code == 200
    text = page.content.decode()
    assert case.number in text
    assert REASON in text
    assert grant.membership.user.username in text
    assert "Gemeente Ermelo" in text
    assert reverse("cases:case_detail", kwargs={"number": case.number}) not in text
    assert "Anna" not in text
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, purpose="emergency access review"
    ).exists()
    # The review gives no access to the case itself.
    assert client.get(reverse("cases:case_detail", kwargs={"number": case.number})).status_code in {
        403,
        404,
    }


def test_the_notification_leads_the_privacy_officer_to_the_list() -> None:
    officer = member(municipality(), Role.PRIVACY_OFFICER)
    _grant()
    note = Notification.objects.get(recipient=officer.user)
    client = verified_client(officer.user)
    assert client.get(reverse("cases:notifications")).status_code == 200
    response = client.post(reverse("cases:open_notification", kwargs={"pk": note.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:emergency_grants")


def test_a_privacy_officer_elsewhere_sees_no_grant() -> None:
    officer = member(police(), Role.PRIVACY_OFFICER)
    case, _ = _grant()
    client = in_english(verified_client(officer.user))
    text = client.get(reverse("cases:emergency_grants")).content.decode()
    assert case.number not in text
    assert "Nobody has used emergency access here." in text


def test_the_emergency_access_period_is_a_setting(settings: Any) -> None:
    settings.SAMEN_EMERGENCY_ACCESS_HOURS = 2
    _case, grant = _grant()
    assert grant.expires_at - grant.granted_at == timedelta(hours=2)
    coordinator = member(municipality("Ermelo", "GM0233"), Role.COORDINATOR)
    page = in_english(verified_client(coordinator.user)).get(reverse("cases:emergency_access"))
    assert "Your access lasts 2 hours" in page.content.decode()
