"""The lead municipality exports one case in ZGW shape; identities only when chosen."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from samen.cases import codes, services
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


def test_the_lead_downloads_a_zgw_zaak_without_identities_and_it_is_audited() -> None:
    case = make_case(name="Anna de Vries")
    lead = lead_coordinator(case.lead_municipality)
    make_referral(case, police(), codes.ReferralStatus.ACCEPTED)
    services.record_outcome(case, lead, kind=codes.OutcomeKind.COMPLAINT, on=date(2026, 3, 2))
    client = in_english(verified_client(lead.user))
    url = reverse("cases:export_zgw", kwargs={"number": case.number})
    response = client.get(url)
    assert response.status_code == 200
    assert "Anna" not in response.content.decode()
    zaak = json.loads(response.content)
    assert zaak["identificatie"] == case.number
    assert zaak["bronorganisatie"] == case.lead_municipality.municipality_code
    assert zaak["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert zaak["zaaktype"]["vormen"] == ["sexual"]
    assert [s["statustype"] for s in zaak["statussen"]] == ["new"]
    generic = [r["omschrijvingGeneriek"] for r in zaak["rollen"]]
    assert generic == ["zaakcoordinator", "behandelaar", "belanghebbende"]
    assert zaak["rollen"][2]["betrokkeneIdentificatie"] is None
    assert zaak["resultaten"] == [{"resultaattype": "complaint", "datum": "2026-03-02"}]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, purpose="ZGW export of a case")
    assert event.detail["identities"] is False
    chosen = json.loads(client.get(url, {"identiteiten": "1"}).content)
    assert chosen["rollen"][2]["betrokkeneIdentificatie"]["geslachtsnaam"] == "Anna de Vries"


def test_partners_and_emergency_access_cannot_export() -> None:
    case = make_case()
    make_referral(case, police(), codes.ReferralStatus.ACCEPTED)
    url = reverse("cases:export_zgw", kwargs={"number": case.number})
    partner = member(police(), Role.COORDINATOR)
    assert verified_client(partner.user).get(url).status_code == 403
    from samen.core.tests.factories import municipality

    ermelo = member(municipality("Ermelo", "GM0233"), Role.COORDINATOR)
    services.grant_emergency_access(case, ermelo, reason="Acuut gevaar, lead onbereikbaar")
    assert verified_client(ermelo.user).get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
