"""The audit log for the privacy officer: filter, page through and verify the chain."""

from __future__ import annotations

from datetime import datetime, time

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from samen.core import audit
from samen.core.access import Permission, requires
from samen.core.audit_models import AuditEvent
from samen.core.forms import AuditFilterForm

PAGE_SIZE = 50


def _filtered(form: AuditFilterForm):  # type: ignore[no-untyped-def]
    events = AuditEvent.objects.order_by("-seq")
    if not form.is_valid():
        return events
    data = form.cleaned_data
    if data["action"]:
        events = events.filter(action=data["action"])
    if data["username"]:
        events = events.filter(actor_username__iexact=data["username"])
    if data["object_type"]:
        events = events.filter(object_type__iexact=data["object_type"])
    zone = timezone.get_current_timezone()
    if data["date_from"]:
        events = events.filter(created_at__gte=datetime.combine(data["date_from"], time.min, zone))
    if data["date_to"]:
        events = events.filter(created_at__lte=datetime.combine(data["date_to"], time.max, zone))
    return events


@requires(Permission.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest, report: audit.ChainReport | None = None) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    # Recorded first, so the log shown includes this reading of it.
    audit.record_request(request, audit.AuditAction.VIEW, purpose="audit log")
    page = Paginator(_filtered(form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "report": report, "query": query.urlencode()},
    )


@require_POST
@requires(Permission.VERIFY_AUDIT_LOG)
def verify_audit_log(request: HttpRequest) -> HttpResponse:
    report = audit.verify_chain()
    audit.record_request(
        request, audit.AuditAction.VIEW, purpose="verify audit chain", detail={"ok": report.ok}
    )
    return audit_log(request, report=report)
