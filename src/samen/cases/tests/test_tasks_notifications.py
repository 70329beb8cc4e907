"""Tasks with deadlines and reminders; notifications in the application and by e-mail."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samen.cases import codes, notifications, services
from samen.cases.models import Notification, Task
from samen.cases.tests.factories import (
    BASE_URL,
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.models import OrganisationType, Role
from samen.core.tests.factories import municipality, organisation, verified_client

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)
SEND_EMAIL = notifications.send_notification_email  # the real task, before any patching


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The e-mails that would be queued, as (kind, addresses, link)."""
    queued: list[tuple[Any, ...]] = []

    class Queue:
        @staticmethod
        def enqueue(*args: Any) -> None:
            queued.append(args)

    monkeypatch.setattr(notifications, "send_notification_email", Queue)
    return queued


def test_a_new_referral_notifies_the_partner_in_the_app_and_by_mail_without_details(
    sent: list[tuple[Any, ...]], django_capture_on_commit_callbacks: Any
) -> None:
    agent = member(police(), Role.CASE_WORKER)
    agent.user.email = "agent@politie.invalid"
    agent.user.save()
    analyst = member(police(), Role.ANALYST)
    case = make_case(name="Anna de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral(case, police(), codes.ReferralStatus.REQUESTED)
    (note,) = Notification.objects.filter(kind=Notification.Kind.REFERRAL)
    assert note.recipient == agent.user
    assert note.url == reverse("cases:referral_respond", kwargs={"pk": referral.pk})
    assert not Notification.objects.filter(recipient=analyst.user).exists()
    ((kind, addresses, link),) = sent
    assert addresses == ["agent@politie.invalid"]
    assert link == BASE_URL + reverse("cases:notifications")
    SEND_EMAIL.call(kind, addresses, link)
    (message,) = mail.outbox
    assert link in message.body
    for secret in (case.number, "Anna", "Informatief gesprek"):
        assert secret not in message.body
        assert secret not in message.subject


def test_opening_a_notification_marks_it_read_and_only_for_its_recipient() -> None:
    agent = member(police(), Role.CASE_WORKER)
    make_referral(make_case(), police(), codes.ReferralStatus.REQUESTED)
    note = Notification.objects.get(recipient=agent.user)
    other = member(police(), Role.CASE_WORKER)
    assert (
        verified_client(other.user)
        .post(reverse("cases:open_notification", kwargs={"pk": note.pk}))
        .status_code
        == 404
    )
    response = verified_client(agent.user).post(
        reverse("cases:open_notification", kwargs={"pk": note.pk})
    )
    assert response.url == note.url
    note.refresh_from_db()
    assert note.read_at is not None


def _task(case: Any, owner_org: Any, due: date, **kwargs: Any) -> Task:
    return services.add_task(
        case,
        lead_coordinator(case.lead_municipality),
        title="Gesprek plannen met Anna",
        owner_organisation=owner_org,
        due_on=due,
        base_url=BASE_URL,
        **kwargs,
    )


def test_only_involved_organisations_own_tasks_and_partners_see_only_theirs() -> None:
    case = make_case()
    with pytest.raises(services.CaseError):
        _task(case, police(), TODAY)  # no accepted referral yet
    make_referral(case, police())
    shelter = organisation("Opvang", OrganisationType.SHELTER)
    make_referral(case, shelter)
    agent = member(police(), Role.CASE_WORKER)
    police_task = _task(case, police(), TODAY, owner=agent.user)
    shelter_task = _task(case, shelter, TODAY)
    assert Notification.objects.filter(
        recipient=agent.user, kind=Notification.Kind.TASK_ASSIGNED
    ).exists()
    with pytest.raises(services.CaseError):
        _task(case, police(), TODAY, owner=lead_coordinator().user)  # not of the police
    client = verified_client(agent.user)
    page = client.get(reverse("cases:case_detail", kwargs={"number": case.number})).text
    assert page.count("Gesprek plannen met Anna") == 1
    # A partner completes its own task, not another partner's.
    url = "cases:complete_task"
    kwargs = {"number": case.number}
    assert client.post(reverse(url, kwargs={**kwargs, "pk": shelter_task.pk})).status_code == 404
    assert client.post(reverse(url, kwargs={**kwargs, "pk": police_task.pk})).status_code == 302
    police_task.refresh_from_db()
    shelter_task.refresh_from_db()
    assert (police_task.status, shelter_task.status) == (Task.Status.DONE, Task.Status.OPEN)
    assert police_task.done_by == agent.user


def test_reminders_go_out_once_for_tasks_near_their_deadline() -> None:
    case = make_case()
    lead = lead_coordinator()
    soon = _task(case, municipality(), TODAY + timedelta(days=2))
    later = _task(case, municipality(), TODAY + timedelta(days=3))
    overdue = _task(case, municipality(), TODAY - timedelta(days=1))
    closed_case = make_case()
    _task(closed_case, municipality(), TODAY)
    services.change_status(
        closed_case, lead, to_status=codes.CaseStatus.CLOSED, reason="", version=1
    )
    services.complete_task(overdue, lead)
    Notification.objects.all().delete()
    assert services.send_task_reminders(base_url=BASE_URL, today=TODAY) == 1
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_at is not None
    assert later.reminded_at is None
    (note,) = Notification.objects.filter(kind=Notification.Kind.TASK_DUE)
    assert note.recipient == lead.user
    assert services.send_task_reminders(base_url=BASE_URL, today=TODAY) == 0


def test_the_reminder_command_runs() -> None:
    from io import StringIO

    out = StringIO()
    call_command("case_reminders", "--base-url", BASE_URL, stdout=out)
    assert "0 task reminder(s) sent." in out.getvalue()


# Transactional: the worker closes connections that are inside a transaction (PostgreSQL).
@pytest.mark.django_db(transaction=True)
def test_the_daily_reminder_job_is_registered_and_reminds_each_task_once() -> None:
    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Worker

    from samen.cases import tasks
    from samen.core import scheduling

    job = scheduling.REGISTRY[tasks.task_reminders.module_path]
    assert job.every == timedelta(days=1)
    case = make_case()
    _task(case, municipality(), timezone.localdate() + timedelta(days=1))
    Notification.objects.all().delete()
    for _restart in range(3):
        scheduling.ensure_scheduled([job])
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test",
            excluded_queue_names=[],
        ).run()
    assert Notification.objects.filter(kind=Notification.Kind.TASK_DUE).count() == 1
    assert scheduling.pending(job).count() == 1
