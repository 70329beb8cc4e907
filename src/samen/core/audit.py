"""Writing and verifying the audit log. The only code that appends AuditEvent rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from samen.core.audit_models import GENESIS_HASH, AuditAction, AuditChainHead, AuditEvent

__all__ = ["AuditAction", "ChainReport", "record", "record_request", "verify_chain"]


def _object_fields(obj: models.Model | None) -> dict[str, str]:
    if obj is None:
        return {}
    label = getattr(obj, "audit_label", None)
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk),
        # Objects holding personal data define `audit_label` without it; others use str().
        "object_label": str(label() if callable(label) else (label or obj))[:200],
    }


def record(
    action: str,
    *,
    actor: Any = None,
    organisation: Any = None,
    obj: models.Model | None = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
    actor_username: str = "",
) -> AuditEvent:
    """Append one event to the chain. Call inside the transaction of the change it records."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            created_at=timezone.now(),
            actor=user,
            actor_username=(user.get_username() if user else actor_username)[:150],
            organisation=organisation,
            organisation_name=str(organisation or "")[:200],
            action=action,
            purpose=purpose[:300],
            detail=detail or {},
            prev_hash=head.hash,
            **_object_fields(obj),
        )
        event.hash = event.compute_hash()
        event.save()
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


def record_request(
    request: HttpRequest,
    action: str,
    *,
    obj: models.Model | None = None,
    purpose: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record what the signed-in user did, acting for their current organisation."""
    membership = getattr(request, "membership", None)
    return record(
        action,
        actor=request.user,
        organisation=membership.organisation if membership else None,
        obj=obj,
        purpose=purpose,
        detail=detail,
    )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def _events_in_order(batch: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify_chain() -> ChainReport:
    """Walk the chain from the first event; report the first link that does not hold."""
    expected_prev, expected_seq, checked = GENESIS_HASH, 1, 0
    for event in _events_in_order():
        if event.seq != expected_seq:
            return ChainReport(checked, expected_seq, f"event #{expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return ChainReport(
                checked, event.seq, f"event #{event.seq} does not follow its predecessor"
            )
        if event.compute_hash() != event.hash:
            return ChainReport(checked, event.seq, f"event #{event.seq} was altered")
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (checked, expected_prev):
        return ChainReport(checked, checked + 1, f"events after #{checked} were removed")
    return ChainReport(checked)
