"""Case pages through HTTP: need to know per organisation, locking, the whole flow."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samen.cases import access, codes, services
from samen.cases.models import Case, Referral
from samen.cases.tests.factories import (
    BASE_URL,
    in_english,
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Membership, OrganisationType, Role
from samen.core.tests.factories import municipality, organisation, verified_client
from samen.intake import services as intake_services
from samen.intake.tests.factories import make_signal

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
R = codes.ReferralStatus


def _client(membership: Membership) -> Client:
    return in_english(verified_client(membership.user))


def _case_urls(case: Case, referral: Referral | None) -> list[tuple[str, str]]:
    """Every case page and action, as (method, url)."""
    number = {"number": case.number}
    person = case.persons.first()
    urls = [
        ("get", reverse("cases:case_detail", kwargs=number)),
        ("get", reverse("cases:change_status", kwargs=number)),
        ("post", reverse("cases:change_status", kwargs=number)),
        ("get", reverse("cases:edit_details", kwargs=number)),
        ("get", reverse("cases:add_person", kwargs=number)),
        ("get", reverse("cases:refer", kwargs=number)),
        ("post", reverse("cases:add_note", kwargs=number)),
        ("get", reverse("cases:record_outcome", kwargs=number)),
        ("get", reverse("cases:record_consent", kwargs={**number, "pk": person.pk})),
        ("get", reverse("cases:change_victim_status", kwargs={**number, "pk": person.pk})),
        ("post", reverse("cases:add_document", kwargs=number)),
        ("get", reverse("cases:plan_meeting", kwargs=number)),
        ("get", reverse("cases:add_task", kwargs=number)),
    ]
    for document in case.documents.all():
        urls.append(
            ("get", reverse("cases:download_document", kwargs={**number, "pk": document.pk}))
        )
    for meeting in case.meetings.all():
        urls.append(("get", reverse("cases:meeting_detail", kwargs={**number, "pk": meeting.pk})))
    if referral is not None:
        ref = {**number, "pk": referral.pk}
        urls += [
            ("get", reverse("cases:close_referral", kwargs=ref)),
            ("post", reverse("cases:close_referral", kwargs=ref)),
            ("get", reverse("cases:revoke_referral", kwargs=ref)),
            ("get", reverse("cases:referral_respond", kwargs={"pk": referral.pk})),
            ("post", reverse("cases:referral_respond", kwargs={"pk": referral.pk})),
        ]
    return urls


def _outsider(case: Case) -> tuple[Membership, Referral | None]:
    return member(organisation("Arbeidsinspectie", OrganisationType.LABOUR_INSPECTORATE)), None


def _referred(status: str) -> Callable[[Case], tuple[Membership, Referral | None]]:
    def build(case: Case) -> tuple[Membership, Referral | None]:
        referral = make_referral(case, police(), status)
        return member(police(), Role.CASE_WORKER), referral

    return build


def _other_municipality(case: Case) -> tuple[Membership, Referral | None]:
    return member(municipality("Ermelo", "GM0233"), Role.COORDINATOR), None


def _analyst_of_the_lead(case: Case) -> tuple[Membership, Referral | None]:
    return member(case.lead_municipality, Role.ANALYST), None


def _case_worker_of_the_lead(case: Case) -> tuple[Membership, Referral | None]:
    return member(case.lead_municipality, Role.CASE_WORKER), None


def _expired_emergency(case: Case) -> tuple[Membership, Referral | None]:
    from django.utils import timezone

    from samen.cases import services
    from samen.cases.models import EmergencyAccess

    ermelo = member(municipality("Ermelo", "GM0233"), Role.COORDINATOR)
    grant = services.grant_emergency_access(case, ermelo, reason="Acuut gevaar, lead onbereikbaar")
    EmergencyAccess.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    return ermelo, None


def _participant_of_another_case(case: Case) -> tuple[Membership, Referral | None]:
    from django.utils import timezone

    from samen.cases import services
    from samen.cases.tests.factories import BASE_URL

    other = make_case()
    services.plan_meeting(
        other,
        lead_coordinator(),
        starts_at=timezone.now(),
        place="Stadhuis",
        agenda="Andere casus",
        participants=[police()],
        base_url=BASE_URL,
    )
    return member(police(), Role.CASE_WORKER), None


REFUSED = {
    "participant in another case's meeting": _participant_of_another_case,
    "outsider": _outsider,
    "declined referral": _referred(R.DECLINED),
    "revoked referral": _referred(R.REVOKED),
    "closed referral": _referred(R.CLOSED),
    "other municipality": _other_municipality,
    "analyst of the lead municipality": _analyst_of_the_lead,
    "case worker of the lead municipality": _case_worker_of_the_lead,
    "expired emergency access": _expired_emergency,
}


@pytest.mark.parametrize("who", list(REFUSED))
def test_organisations_without_a_role_in_the_case_are_refused_everywhere(who: str) -> None:
    case = make_case()
    lead = lead_coordinator()
    services.add_document(case, lead, name="verslag.pdf", data=PDF, shared_with_partners=True)
    services.plan_meeting(
        case,
        lead,
        starts_at=timezone.now(),
        place="Stadhuis",
        agenda="Overleg",
        participants=[organisation("Veilig Thuis", OrganisationType.VEILIG_THUIS)],
        base_url=BASE_URL,
    )
    membership, referral = REFUSED[who](case)
    client = _client(membership)
    for method, url in _case_urls(case, referral):
        status = getattr(client, method)(url).status_code
        assert status in {403, 404}, f"{who}: {method} {url} gave {status}"
    # Lists, search, counts and the home page reveal neither the number nor a count.
    pages = [
        reverse("cases:case_list"),
        reverse("cases:case_list") + f"?q={case.number}&status=all",
        reverse("cases:referral_inbox"),
        reverse("cases:export_cases") + "?status=all",
        reverse("core:home"),
    ]
    case_url = reverse("cases:case_detail", kwargs={"number": case.number})
    for url in pages:
        response = client.get(url)
        if response.status_code == 403:  # no case permission at all: nothing to leak
            continue
        text = response.content.decode()
        assert case_url not in text, f"{who}: {url} links to the case"
        if "?q=" not in url:  # a search page echoes what was typed, nothing more
            assert case.number not in text, f"{who}: {url} shows the number"
    # The count on the home page is the count of what this member may see.
    visible = access.visible_cases(membership)
    assert case not in visible
    if membership.role in {Role.COORDINATOR, Role.CASE_WORKER}:
        n = visible.exclude(status=codes.CaseStatus.CLOSED).count()
        assert f"You work on {n} open case" in client.get(reverse("core:home")).text
    case.refresh_from_db()
    assert case.status == codes.CaseStatus.NEW
    assert not case.notes.exists()


def test_a_requested_referral_shows_the_request_but_not_the_case() -> None:
    case = make_case(name="Anna de Vries")
    referral = make_referral(case, police(), R.REQUESTED)
    worker = member(police(), Role.CASE_WORKER)
    client = _client(worker)
    assert (
        client.get(reverse("cases:case_detail", kwargs={"number": case.number})).status_code == 404
    )
    inbox = client.get(reverse("cases:referral_inbox")).text
    assert case.number not in inbox
    assert "Anna" not in inbox
    request = client.get(reverse("cases:referral_respond", kwargs={"pk": referral.pk})).text
    assert case.number not in request
    assert "Anna" not in request
    assert "Informatief gesprek" in request


def test_viewing_a_case_is_audited_with_the_persons_shown() -> None:
    case = make_case()
    lead = lead_coordinator()
    response = _client(lead).get(reverse("cases:case_detail", kwargs={"number": case.number}))
    assert response.status_code == 200
    assert "Anna" in response.text
    event = AuditEvent.objects.get(
        action=AuditAction.VIEW, object_type="cases.case", actor=lead.user
    )
    assert event.purpose == "case work (lead)"
    assert event.detail == {"persons": [case.persons.get().pk]}


def test_concurrent_status_changes_lose_nothing_and_say_so() -> None:
    case = make_case()
    first = _client(lead_coordinator())
    second = _client(member(municipality(), Role.COORDINATOR))
    url = reverse("cases:change_status", kwargs={"number": case.number})
    seen = case.version  # both opened the form at this version
    response = first.post(url, {"version": seen, "to_status": "assessment", "reason": "eerst"})
    assert response.status_code == 302
    response = second.post(url, {"version": seen, "to_status": "closed", "reason": "mijn tekst"})
    assert response.status_code == 200
    assert "Someone else changed this case" in response.text
    assert "mijn tekst" in response.text  # the user's input is kept
    case.refresh_from_db()
    assert case.status == codes.CaseStatus.ASSESSMENT
    # Sending again, after seeing the case as it is now, works.
    new_version = response.context["form"]["version"].value()
    assert int(new_version) == case.version
    response = second.post(
        url, {"version": new_version, "to_status": "action", "reason": "mijn tekst"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == codes.CaseStatus.ACTION
    assert [c.to_status for c in case.status_changes.all()] == ["new", "assessment", "action"]


def test_the_whole_flow_from_signal_to_closure() -> None:
    reporter = member(organisation("Huisartsenpraktijk", OrganisationType.OTHER), Role.REPORTER)
    signal = make_signal(reporter.user, name="Anna de Vries")
    lead = lead_coordinator()
    coordinator = _client(lead)
    detail = reverse("intake:signal_detail", kwargs={"reference": signal.reference})
    open_url = reverse("cases:open_from_signal", kwargs={"reference": signal.reference})
    # Before the decision the signal page offers no case; the form says what to do first.
    assert open_url not in coordinator.get(detail).text
    assert coordinator.get(open_url).status_code == 302
    coordinator.post(detail, {"decision": "open_case", "reason": "Ernstige signalen"})
    assert open_url in coordinator.get(detail).text
    response = coordinator.post(
        open_url,
        {"mode": "new", "exploitation_forms": ["sexual"], "youth": "on"}
        | {"confidentiality": "zaakvertrouwelijk"},
    )
    case = Case.objects.get()
    assert response.url == reverse("cases:case_detail", kwargs={"number": case.number})
    assert case.youth
    assert case.forms == ["sexual"]
    # Refer to the police, sharing the person.
    person = case.persons.get()
    response = coordinator.post(
        reverse("cases:refer", kwargs={"number": case.number}),
        {
            "to_organisation": police().pk,
            "purpose": "Informatief gesprek",
            "legal_basis": "public_task",
            "information": "Slachtoffer wil praten",
            "persons": [person.pk],
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    agent = member(police(), Role.CASE_WORKER)
    police_client = _client(agent)
    respond = reverse("cases:referral_respond", kwargs={"pk": referral.pk})
    response = police_client.post(respond, {"accept": "yes", "reason": ""})
    assert response.status_code == 302
    page = police_client.get(reverse("cases:case_detail", kwargs={"number": case.number})).text
    assert "Anna de Vries" in page
    assert "Slachtoffer wil praten" in page
    # The police records the complaint; the lead moves the case on and closes it.
    response = police_client.post(
        reverse("cases:record_outcome", kwargs={"number": case.number}),
        {"kind": "complaint", "on": "2026-11-20", "person": person.pk, "remark": ""},
    )
    assert response.status_code == 302
    status_url = reverse("cases:change_status", kwargs={"number": case.number})
    for target in ("assessment", "action", "aftercare", "closed"):
        case.refresh_from_db()
        response = coordinator.post(
            status_url, {"version": case.version, "to_status": target, "reason": ""}
        )
        assert response.status_code == 302, target
    referral.refresh_from_db()
    assert referral.status == R.CLOSED
    # The police's access ended with the case; the reporter sees only "followed up".
    assert (
        police_client.get(reverse("cases:case_detail", kwargs={"number": case.number})).status_code
        == 404
    )
    follow = _client(reporter).get(
        reverse("intake:follow_signal", kwargs={"reference": signal.reference})
    )
    assert "Followed up" in follow.text
    assert case.number not in follow.text
    assert "Anna" not in follow.text
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[:2] == ["opened", "signal_added"]
    assert {"referral_requested", "referral_accepted", "outcome", "status"} <= set(kinds)


def test_adding_a_signal_to_an_existing_case_through_the_signal_page() -> None:
    case = make_case()
    lead = lead_coordinator()
    signal = make_signal(None, name="Bo")
    intake_services.decide(signal, lead, decision="open_case", reason="zelfde pand")
    url = reverse("cases:open_from_signal", kwargs={"reference": signal.reference})
    response = _client(lead).post(url, {"mode": "existing", "case": case.pk})
    assert response.status_code == 302
    assert case.case_signals.count() == 2
    # A second visit goes straight to the case.
    assert _client(lead).get(url).url == reverse(
        "cases:case_detail", kwargs={"number": case.number}
    )


def test_emergency_access_through_the_form_is_flagged_for_the_privacy_officer() -> None:
    case = make_case()
    ermelo = member(municipality("Ermelo", "GM0233"), Role.COORDINATOR)
    client = _client(ermelo)
    detail = reverse("cases:case_detail", kwargs={"number": case.number})
    assert client.get(detail).status_code == 404
    url = reverse("cases:emergency_access")
    response = client.post(url, {"number": case.number, "reason": "kort"})
    assert response.status_code == 200
    response = client.post(
        url, {"number": case.number.lower(), "reason": "Slachtoffer staat nu aan ons loket"}
    )
    assert response.status_code == 302
    assert client.get(detail).status_code == 200
    privacy = member(municipality(), Role.PRIVACY_OFFICER)
    log = _client(privacy).get(reverse("core:audit_log")).text
    assert "case " + case.number in log
    assert AuditEvent.objects.filter(
        action=AuditAction.EMERGENCY_ACCESS, actor=ermelo.user
    ).exists()


def test_the_export_holds_the_visible_cases_only_and_is_audited() -> None:
    mine, theirs = make_case(), make_case(municipality("Ermelo", "GM0233"))
    lead = lead_coordinator()
    response = _client(lead).get(reverse("cases:export_cases") + "?status=all")
    body = response.content.decode()
    assert mine.number in body
    assert theirs.number not in body
    assert "Anna" not in body
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, actor=lead.user)
    assert event.detail["rows"] == 1
