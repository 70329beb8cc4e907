"""Case meetings: invited organisations see as far as the meeting; decisions become tasks;
minutes under optimistic locking."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from samen.cases import access, codes, services
from samen.cases.models import Meeting, Notification, Task
from samen.cases.tests.factories import (
    BASE_URL,
    in_english,
    lead_coordinator,
    make_case,
    member,
    police,
)
from samen.core.models import OrganisationType, Role
from samen.core.tests.factories import organisation, verified_client

pytestmark = pytest.mark.django_db


def _plan(case: Any, invited: list[Any]) -> Meeting:
    return services.plan_meeting(
        case,
        lead_coordinator(case.lead_municipality),
        starts_at=timezone.now() + timedelta(days=2),
        place="Stadhuis Harderwijk",
        agenda="Bespreken situatie Anna",
        participants=invited,
        base_url=BASE_URL,
    )


def test_an_invited_organisation_sees_its_meeting_and_no_persons() -> None:
    case = make_case(name="Anna de Vries")
    agent = member(police(), Role.CASE_WORKER)
    meeting = _plan(case, [police()])
    other = _plan(case, [organisation("Veilig Thuis", OrganisationType.VEILIG_THUIS)])
    assert Notification.objects.filter(
        recipient=agent.user, kind=Notification.Kind.MEETING
    ).exists()
    assert access.scope_of(agent, case) == access.Scope.PARTICIPANT
    client = verified_client(agent.user)
    page = client.get(reverse("cases:case_detail", kwargs={"number": case.number})).text
    assert "Anna" not in page
    meeting_url = reverse("cases:meeting_detail", kwargs={"number": case.number, "pk": meeting.pk})
    other_url = reverse("cases:meeting_detail", kwargs={"number": case.number, "pk": other.pk})
    assert meeting_url in page
    assert other_url not in page
    assert "Bespreken situatie Anna" in client.get(meeting_url).text
    assert client.get(other_url).status_code == 404
    # Participants read; only the lead writes minutes.
    minutes = reverse("cases:record_minutes", kwargs={"number": case.number, "pk": meeting.pk})
    assert client.post(minutes, {"version": 1, "minutes": "x"}).status_code == 403
    # Access through a meeting ends when the case closes.
    services.change_status(
        case, lead_coordinator(), to_status=codes.CaseStatus.CLOSED, reason="", version=1
    )
    assert client.get(meeting_url).status_code == 404
    assert access.scope_of(agent, case) is None


def test_an_organisation_not_invited_sees_nothing() -> None:
    case = make_case()
    meeting = _plan(case, [police()])
    inspector = member(organisation("Arbeidsinspectie", OrganisationType.LABOUR_INSPECTORATE))
    client = verified_client(inspector.user)
    url = reverse("cases:meeting_detail", kwargs={"number": case.number, "pk": meeting.pk})
    assert client.get(url).status_code == 404
    assert case.number not in client.get(reverse("cases:case_list")).text


def test_a_decision_with_owner_and_deadline_becomes_a_task_for_the_participant() -> None:
    case = make_case()
    meeting = _plan(case, [police()])
    agent = member(police(), Role.CASE_WORKER)
    lead = verified_client(lead_coordinator().user)
    url = reverse("cases:add_decision", kwargs={"number": case.number, "pk": meeting.pk})
    response = lead.post(
        url, {"text": "Politie plant informatief gesprek", "owner_organisation": police().pk}
    )
    assert response.status_code == 200  # a task needs a deadline
    response = lead.post(
        url,
        {
            "text": "Politie plant informatief gesprek",
            "owner_organisation": police().pk,
            "due_on": (date.today() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.owner_organisation == police()
    assert meeting.decisions.get().task == task
    assert Notification.objects.filter(
        recipient=agent.user, kind=Notification.Kind.TASK_ASSIGNED
    ).exists()
    page = verified_client(agent.user).get(
        reverse("cases:case_detail", kwargs={"number": case.number})
    )
    assert "Politie plant informatief gesprek" in page.text
    lead.post(url, {"text": "Alleen een besluit"})
    assert meeting.decisions.count() == 2
    assert Task.objects.count() == 1


def test_concurrent_minutes_lose_nothing() -> None:
    case = make_case()
    meeting = _plan(case, [police()])
    url = reverse("cases:record_minutes", kwargs={"number": case.number, "pk": meeting.pk})
    first = verified_client(lead_coordinator().user)
    second = in_english(verified_client(member(case.lead_municipality, Role.COORDINATOR).user))
    assert first.post(url, {"version": 1, "minutes": "Versie van de eerste"}).status_code == 302
    response = second.post(url, {"version": 1, "minutes": "Versie van de tweede"})
    assert response.status_code == 200
    assert "Someone else changed these minutes" in response.text
    assert "Versie van de tweede" in response.text  # kept in the form
    assert "Versie van de eerste" in response.text  # the minutes as they are now
    meeting.refresh_from_db()
    assert meeting.minutes == "Versie van de eerste"
    assert second.post(url, {"version": 2, "minutes": "Samengevoegd"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Samengevoegd"
