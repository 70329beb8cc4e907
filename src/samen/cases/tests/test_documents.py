"""Case documents obey need to know and are stored encrypted; the victim status moves."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samen.cases import codes, services
from samen.cases.models import CaseDocument, CaseEvent
from samen.cases.tests.factories import lead_coordinator, make_case, make_referral, member, police
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import verified_client

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_documents_are_encrypted_and_shown_as_far_as_shared() -> None:
    case = make_case()
    make_referral(case, police())
    lead = lead_coordinator()
    internal = services.add_document(case, lead, name="Anna intern.pdf", data=PDF)
    shared = services.add_document(
        case, lead, name="verslag.pdf", data=PDF, shared_with_partners=True
    )
    with default_storage.open(internal.file.name, "rb") as handle:
        assert not handle.read().startswith(b"%PDF")
    agent = member(police(), Role.CASE_WORKER)
    client = verified_client(agent.user)
    page = client.get(reverse("cases:case_detail", kwargs={"number": case.number})).text
    assert "verslag.pdf" in page
    assert "Anna intern.pdf" not in page

    def url(doc: CaseDocument) -> str:
        return reverse("cases:download_document", kwargs={"number": case.number, "pk": doc.pk})

    assert client.get(url(internal)).status_code == 404
    response = client.get(url(shared))
    assert response.content == PDF
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.number}-{shared.pk}.pdf"'
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.casedocument", actor=agent.user
    ).exists()


def test_a_partner_uploads_a_document_the_lead_sees_and_bad_files_are_refused() -> None:
    case = make_case()
    make_referral(case, police())
    agent = member(police(), Role.CASE_WORKER)
    client = verified_client(agent.user)
    url = reverse("cases:add_document", kwargs={"number": case.number})
    bad = SimpleUploadedFile("x.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    assert client.post(url, {"file": bad}).status_code == 200
    good = SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"file": good, "shared_with_partners": "on"}).status_code == 302
    document = CaseDocument.objects.get()
    assert document.organisation == police()
    assert not document.shared_with_partners  # only the lead shares with other partners
    lead_page = verified_client(lead_coordinator().user).get(
        reverse("cases:case_detail", kwargs={"number": case.number})
    )
    assert "pv.pdf" in lead_page.text


def test_victim_status_changes_are_on_the_timeline() -> None:
    case = make_case()
    lead = lead_coordinator()
    person = case.persons.get()
    client = verified_client(lead.user)
    url = reverse("cases:change_victim_status", kwargs={"number": case.number, "pk": person.pk})
    assert client.post(url, {"status": "recognised"}).status_code == 302
    person.refresh_from_db()
    assert person.victim_status == codes.VictimStatus.RECOGNISED
    assert case.events.filter(kind=CaseEvent.Kind.VICTIM_STATUS, summary="recognised").exists()
    suspect = services.add_person(case, lead, services.PersonInput(role=codes.PersonRole.SUSPECT))
    with pytest.raises(services.CaseError):
        services.change_victim_status(suspect, lead, status=codes.VictimStatus.PRESUMED)
