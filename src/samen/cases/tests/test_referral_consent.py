"""A referral on the ground of consent shares only persons who consented; the lead hears
the partner's answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from samen.cases import codes, services
from samen.cases.models import Case, CasePerson, Consent, Notification, Referral
from samen.cases.tests.factories import (
    BASE_URL,
    in_english,
    lead_coordinator,
    make_case,
    make_referral,
    member,
    police,
)
from samen.core.models import Membership, Organisation, OrganisationType, Role
from samen.core.tests.factories import organisation, verified_client

pytestmark = pytest.mark.django_db
CONSENT = codes.LegalBasis.CONSENT


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def shelter() -> Organisation:
    return organisation("Opvang Fier", OrganisationType.SHELTER)


def _consent(person: CasePerson, purpose: str, given: bool = True) -> None:
    person.age = 19
    person.save()
    services.record_consent(
        person,
        lead_coordinator(person.case.lead_municipality),
        purpose=purpose,
        given=given,
        signed_by=Consent.Signer.PERSON,
        signed_on=date(2026, 3, 1),
    )


def _refer(case: Case, to: Organisation, basis: str = CONSENT) -> Referral:
    return services.refer(
        case,
        lead_coordinator(case.lead_municipality),
        to_organisation=to,
        purpose="Opvang regelen",
        legal_basis=basis,
        information="",
        persons=case.persons.all(),
        base_url=BASE_URL,
    )


def test_consent_is_required_for_each_shared_person_and_the_error_names_no_name() -> None:
    case = make_case(name="Anna de Vries")
    with pytest.raises(services.ConsentMissing) as error:
        _refer(case, police())
    assert "Possible victim (person 1)" in str(error.value)
    assert "Anna" not in str(error.value)
    assert not Referral.objects.exists()


def test_a_shelter_needs_the_shelter_consent_and_others_the_registration_consent() -> None:
    case = make_case()
    person = case.persons.get()
    _consent(person, Consent.Purpose.REGISTRATION)
    with pytest.raises(services.ConsentMissing, match="Shelter"):
        _refer(case, shelter())
    assert _refer(case, police()).legal_basis == CONSENT
    _consent(person, Consent.Purpose.SHELTER)
    assert _refer(case, shelter()).to_organisation == shelter()


def test_a_refused_or_withdrawn_consent_does_not_count() -> None:
    case = make_case()
    person = case.persons.get()
    _consent(person, Consent.Purpose.REGISTRATION, given=False)
    with pytest.raises(services.ConsentMissing):
        _refer(case, police())
    _consent(person, Consent.Purpose.REGISTRATION, given=True)
    _consent(person, Consent.Purpose.REGISTRATION, given=False)  # withdrawn later
    with pytest.raises(services.ConsentMissing):
        _refer(case, police())


def test_other_legal_bases_need_no_consent_and_keep_the_basis() -> None:
    case = make_case()
    referral = _refer(case, police(), codes.LegalBasis.VITAL_INTEREST)
    assert referral.legal_basis == codes.LegalBasis.VITAL_INTEREST
    assert list(referral.persons.all()) == list(case.persons.all())


def test_the_form_explains_which_person_lacks_consent_and_keeps_the_input() -> None:
    case = make_case(name="Anna de Vries")
    person = case.persons.get()
    client = in_english(verified_client(lead_coordinator(case.lead_municipality).user))
    response = client.post(
        reverse("cases:refer", kwargs={"number": case.number}),
        {
            "to_organisation": police().pk,
            "purpose": "Verhoor voorbereiden",
            "legal_basis": CONSENT,
            "information": "Alleen contactgegevens",
            "persons": [person.pk],
        },
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["persons"]
    assert "Possible victim (person 1)" in message
    assert "Registration with CoMensha" in message
    text = response.content.decode()
    assert "Verhoor voorbereiden" in text
    assert "Alleen contactgegevens" in text
    assert not Referral.objects.exists()


def test_the_referring_organisation_hears_that_the_partner_accepted_or_declined() -> None:
    case = make_case()
    lead = lead_coordinator(case.lead_municipality)
    outsider = member(police(), Role.COORDINATOR)
    make_referral(case, police(), codes.ReferralStatus.ACCEPTED)
    make_referral(case, shelter(), codes.ReferralStatus.DECLINED)
    answers = Notification.objects.filter(kind=Notification.Kind.REFERRAL_ANSWERED)
    assert [n.recipient for n in answers] == [lead.user, lead.user]
    assert {n.url for n in answers} == {
        reverse("cases:case_detail", kwargs={"number": case.number})
    }
    assert not answers.filter(recipient=outsider.user).exists()


def test_a_partner_answering_through_the_page_notifies_the_lead() -> None:
    case = make_case()
    referral = make_referral(case, police(), codes.ReferralStatus.REQUESTED)
    agent: Membership = member(police(), Role.CASE_WORKER)
    client = verified_client(agent.user)
    url = reverse("cases:referral_respond", kwargs={"pk": referral.pk})
    assert client.post(url, {"accept": "no", "reason": "Geen capaciteit"}).status_code == 302
    assert Notification.objects.filter(
        kind=Notification.Kind.REFERRAL_ANSWERED,
        recipient=lead_coordinator(case.lead_municipality).user,
    ).exists()
