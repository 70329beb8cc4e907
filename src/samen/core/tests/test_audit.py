"""The audit log is append-only and hash-chained; tampering is found."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from samen.core import audit
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import user_with_role, verified_client

pytestmark = pytest.mark.django_db


def _events(n: int = 5) -> list[AuditEvent]:
    user = user_with_role(Role.COORDINATOR)
    return [
        audit.record(AuditAction.VIEW, actor=user, purpose=f"test {i}", detail={"i": i})
        for i in range(n)
    ]


def _drop_triggers() -> None:
    """What an attacker with full database rights would do before tampering."""
    from samen.core import audit_triggers

    audit_triggers.remove(connection)


def test_intact_chain_verifies(capsys) -> None:  # type: ignore[no-untyped-def]
    _events()
    report = audit.verify_chain()
    assert report.ok
    assert report.checked == AuditEvent.objects.count()
    call_command("verify_audit")
    assert "Audit chain intact" in capsys.readouterr().out


def test_orm_refuses_update_and_delete() -> None:
    event = _events(1)[0]
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(purpose="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_database_refuses_update_and_delete() -> None:
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET purpose = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])


def test_altered_row_is_reported_at_its_sequence_number() -> None:
    events = _events()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET purpose = 'innocent' WHERE id = %s", [events[2].pk]
        )
    report = audit.verify_chain()
    assert not report.ok
    assert report.broken_at == events[2].seq
    assert "altered" in report.reason
    with pytest.raises(CommandError, match=f"broken at event #{events[2].seq}"):
        call_command("verify_audit")


def test_deleted_row_is_reported() -> None:
    events = _events()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    report = audit.verify_chain()
    assert report.broken_at == events[1].seq
    assert "missing" in report.reason


def test_deleted_last_rows_are_reported() -> None:
    events = _events()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[-1].pk])
    report = audit.verify_chain()
    assert not report.ok
    assert "removed" in report.reason


def test_privacy_officer_reads_filters_and_verifies_the_log() -> None:
    officer = user_with_role(Role.PRIVACY_OFFICER)
    _events(3)
    client = verified_client(officer)
    response = client.get(reverse("core:audit_log"), {"action": "view"})
    assert response.status_code == 200
    assert "test 2" in response.text
    response = client.post(reverse("core:verify_audit_log"))
    assert "De keten is intact" in response.text or "The chain is intact" in response.text
    # Reading the log is itself recorded.
    assert AuditEvent.objects.filter(actor=officer, purpose="audit log").exists()


def test_bad_filter_input_gives_a_message_and_keeps_the_input() -> None:
    client = verified_client(user_with_role(Role.PRIVACY_OFFICER))
    response = client.get(
        reverse("core:audit_log"),
        {"date_from": "2026-13-45", "date_to": "2026-01-01", "username": "<script>x</script>"},
    )
    assert response.status_code == 200
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text
    assert 'aria-invalid="true"' in response.text
