"""The lead changes a person's details under optimistic locking; partners only read."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from samen.cases import codes, services
from samen.cases.models import Case, CaseEvent, CasePerson
from samen.cases.tests.factories import (
    in_english,
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import verified_client

pytestmark = pytest.mark.django_db


def _form(person: CasePerson, **changes: Any) -> dict[str, Any]:
    data = {
        "version": person.version,
        "role": person.role,
        "name": person.name,
        "date_of_birth": person.date_of_birth,
        "age": person.age if person.age is not None else "",
        "phone": person.phone,
        "address": person.address,
        "nationality": person.nationality,
    }
    return {**data, **changes}


def _url(case: Case, person: CasePerson) -> str:
    return reverse("cases:edit_person", kwargs={"number": case.number, "pk": person.pk})


def test_the_lead_changes_a_person_with_timeline_and_audit_without_personal_data() -> None:
    case = make_case(name="Anna")
    person = case.persons.get()
    client = in_english(verified_client(lead_coordinator(case.lead_municipality).user))
    page = client.get(_url(case, person))
    assert page.status_code == 200
    assert "Anna" in page.content.decode()
    response = client.post(
        _url(case, person),
        _form(person, name="Anna Jansen", phone="0612345678", date_of_birth="2008-05-01"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.phone, person.date_of_birth) == (
        "Anna Jansen",
        "0612345678",
        "2008-05-01",
    )
    assert person.version == 2
    # The blind index follows the new name, so that search finds it.
    assert person.name_index == CasePerson._meta.get_field("name_index").hash("anna jansen")
    event = case.events.get(kind=CaseEvent.Kind.PERSON_CHANGED)
    assert "Anna" not in event.summary
    change = AuditEvent.objects.get(action=AuditAction.CHANGE, purpose="person involved changed")
    assert set(change.detail["fields"]) == {"name", "phone", "date_of_birth"}
    assert "Anna" not in str(change.detail) + change.object_label
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, purpose="edit person").exists()


def test_a_stale_form_saves_nothing_and_keeps_the_input() -> None:
    case = make_case(name="Anna")
    person = case.persons.get()
    lead = lead_coordinator(case.lead_municipality)
    stale = _form(person, name="Anna B")
    services.update_person(
        person,
        lead,
        version=person.version,
        data=services.PersonInput(role=person.role, name="Anna A", age=17),
    )
    client = in_english(verified_client(lead.user))
    response = client.post(_url(case, person), stale)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Someone else changed this person" in text
    assert 'value="Anna B"' in text
    person.refresh_from_db()
    assert (person.name, person.version) == ("Anna A", 2)
    # The next send counts against the version the user has now been shown.
    assert client.post(_url(case, person), {**stale, "version": 2}).status_code == 302
    person.refresh_from_db()
    assert person.name == "Anna B"


def test_a_person_who_is_no_longer_a_possible_victim_loses_the_victim_status() -> None:
    case = make_case()
    person = case.persons.get()
    assert person.victim_status == codes.VictimStatus.PRESUMED
    services.update_person(
        person,
        lead_coordinator(case.lead_municipality),
        version=1,
        data=services.PersonInput(role=codes.PersonRole.WITNESS, name=person.name),
    )
    person.refresh_from_db()
    assert (person.role, person.victim_status) == (codes.PersonRole.WITNESS, "")


def test_a_partner_sees_only_shared_persons_and_may_not_edit_them() -> None:
    case = make_case(name="Anna")
    shared = case.persons.get()
    lead = lead_coordinator(case.lead_municipality)
    hidden = services.add_person(
        case, lead, services.PersonInput(role=codes.PersonRole.SUSPECT, name="Bram Verborgen")
    )
    referral = make_referral(case, police(), codes.ReferralStatus.ACCEPTED, share_persons=False)
    referral.persons.set([shared])
    agent = member(police(), Role.COORDINATOR)
    client = in_english(verified_client(agent.user))
    detail = client.get(reverse("cases:case_detail", kwargs={"number": case.number}))
    text = detail.content.decode()
    assert "Anna" in text
    assert "Bram Verborgen" not in text
    assert _url(case, shared) not in text
    for person in (shared, hidden):
        assert client.get(_url(case, person)).status_code == 403
        assert client.post(_url(case, person), _form(person, name="Gewijzigd")).status_code == 403
    shared.refresh_from_db()
    assert (shared.name, shared.version) == ("Anna", 1)
    with pytest.raises(services.CaseError):
        services.update_person(
            shared, agent, version=1, data=services.PersonInput(role=shared.role, name="X")
        )
