"""Search on the case list: number part, status, form, youth and a person's name, all
within the need-to-know rule; nothing leaks to someone outside it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from samen.cases import codes, services
from samen.cases.models import Case
from samen.cases.tests.factories import (
    in_english,
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.audit_models import AuditEvent
from samen.core.models import Membership, Role
from samen.core.tests.factories import municipality, verified_client
from samen.intake import codes as intake_codes

pytestmark = pytest.mark.django_db
LIST = reverse("cases:case_list")


def _client(membership: Membership) -> Client:
    return in_english(verified_client(membership.user))


def _numbers(client: Client, **params: str) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {c.number for c in response.context["page"].object_list}


def _labour_adult_case(name: str) -> Case:
    case = make_case(name=name)
    services.update_details(
        case,
        lead_coordinator(case.lead_municipality),
        version=case.version,
        forms=[intake_codes.ExploitationForm.LABOUR],
        youth=False,
        confidentiality=case.confidentiality,
    )
    return case


def test_the_lead_finds_by_number_part_status_form_and_youth() -> None:
    anna = make_case(name="Anna")
    piotr = _labour_adult_case("Piotr")
    client = _client(lead_coordinator(anna.lead_municipality))
    assert _numbers(client, q=anna.number[-4:].lower()) == {anna.number}
    assert _numbers(client) == {anna.number, piotr.number}
    assert _numbers(client, form="labour") == {piotr.number}
    assert _numbers(client, form="sexual") == {anna.number}
    assert _numbers(client, youth="yes") == {anna.number}
    assert _numbers(client, youth="no") == {piotr.number}
    assert _numbers(client, status="assessment") == set()
    assert _numbers(client, status="new", form="labour", youth="no") == {piotr.number}


def test_a_name_is_searched_by_post_and_never_appears_in_the_address() -> None:
    anna = make_case(name="Anna de Vries")
    make_case(name="Piotr Nowak")
    client = _client(lead_coordinator(anna.lead_municipality))
    response = client.post(f"{LIST}?status=all", {"name": "  ANNA   de vries "})
    assert response.status_code == 302
    location = response["Location"]
    assert "anna" not in location.lower()
    assert parse_qs(urlsplit(location).query)["status"] == ["all"]
    page = client.get(location)
    assert {c.number for c in page.context["page"].object_list} == {anna.number}
    assert "only cases with a person of the name" in page.content.decode()
    event = AuditEvent.objects.filter(purpose="case list").latest("seq")
    assert event.detail["person_search"] is True
    assert "Anna" not in str(event.detail)


def test_an_outsider_finds_nothing_by_number_name_or_export() -> None:
    anna = make_case(name="Anna")
    outsider = _client(member(municipality("Ermelo", "GM0233"), Role.COORDINATOR))
    assert _numbers(outsider, q=anna.number) == set()
    assert _numbers(outsider, q=anna.number[:6], status="all") == set()
    location = outsider.post(LIST, {"name": "Anna"})["Location"]
    page = outsider.get(location)
    assert list(page.context["page"].object_list) == []
    assert anna.number not in page.content.decode()
    assert page.context["page"].paginator.count == 0
    export = outsider.get(reverse("cases:export_cases"), {"q": anna.number, "status": "all"})
    assert export.content.decode().strip().splitlines() == [
        "number,status,lead_municipality,forms,youth,opened"
    ]


def test_a_partner_finds_a_case_by_name_only_through_a_shared_person() -> None:
    shared = make_case(name="Anna")
    unshared = make_case(name="Anna")
    make_referral(shared, police(), codes.ReferralStatus.ACCEPTED)
    make_referral(unshared, police(), codes.ReferralStatus.ACCEPTED, share_persons=False)
    client = _client(member(police(), Role.CASE_WORKER))
    assert _numbers(client) == {shared.number, unshared.number}
    location = client.post(LIST, {"name": "anna"})["Location"]
    page = client.get(location)
    assert {c.number for c in page.context["page"].object_list} == {shared.number}


def test_the_list_pages_with_the_shared_pagination_and_keeps_the_filters() -> None:
    place = municipality()
    for _ in range(26):
        make_case(place)
    client = _client(lead_coordinator(place))
    text = client.get(LIST, {"youth": "yes"}).content.decode()
    assert "Page 1 of 2" in text
    assert 'href="?youth=yes&amp;page=2" rel="next"' in text
