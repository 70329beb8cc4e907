"""Case work pages. Views stay thin: rules live in services.py (changes) and access.py
(who sees what, and how much). A case outside the user's scope is a 404, so a page never
confirms that a case number exists."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samen.cases import access, codes, notifications, services
from samen.cases.forms import (
    CaseDetailsForm,
    CaseSearchForm,
    CloseReferralForm,
    ConsentForm,
    DecisionForm,
    DocumentForm,
    EmergencyAccessForm,
    MeetingForm,
    MinutesForm,
    NameSearchForm,
    NoteForm,
    OpenCaseForm,
    OutcomeForm,
    PersonEditForm,
    PersonForm,
    ReferralForm,
    RespondForm,
    RevokeForm,
    StatusForm,
    TaskForm,
    VictimStatusForm,
)
from samen.cases.models import Case, CasePerson, CaseSignal, Meeting, Notification, Referral
from samen.core import audit
from samen.core.access import Permission, requires
from samen.intake import access as intake_access
from samen.intake import codes as intake_codes
from samen.intake.models import Signal, SignalEvent


def _case(request: HttpRequest, number: str, *, full: bool = False) -> tuple[Case, access.Scope]:
    case = Case.objects.filter(number=number).select_related("lead_municipality").first()
    scope = access.scope_of(request.membership, case) if case else None
    if case is None or scope is None:
        raise Http404
    if full and scope not in access.FULL_SCOPES:
        raise PermissionDenied("lead only")
    return case, scope


def _base_url(request: HttpRequest) -> str:
    """For the link in notification e-mails: the address this server was reached at."""
    return request.build_absolute_uri("/")


def _to_case(case: Case) -> HttpResponse:
    return redirect("cases:case_detail", number=case.number)


def _listed_cases(request: HttpRequest) -> tuple[QuerySet[Case], CaseSearchForm, dict[str, str]]:
    """The visible cases, filtered as the list page and its export filter them.

    Every filter narrows `visible_cases`: search and counts reveal nothing beyond it.
    """
    form = CaseSearchForm(request.GET or None)
    filters = form.filters()
    cases = access.visible_cases(request.membership).select_related("lead_municipality")
    if number := filters.get("q", "").strip().upper():
        cases = cases.filter(number__contains=number)
    status = filters["status"]
    if status == CaseSearchForm.OPEN:
        cases = cases.exclude(status=codes.CaseStatus.CLOSED)
    elif status in codes.CaseStatus.values:
        cases = cases.filter(status=status)
    if exploitation := filters.get("form"):
        # The JSON list as text holds each code in quotes; no code is part of another.
        cases = cases.filter(forms__icontains=f'"{exploitation}"')
    if youth := filters.get("youth"):
        cases = cases.filter(youth=youth == "yes")
    if person := filters.get("person"):
        cases = cases.filter(
            pk__in=access.cases_with_person(request.membership, person).values("pk")
        )
    return cases.order_by("-created_at"), form, filters


def _name_index(name: str) -> str:
    return CasePerson._meta.get_field("name_index").hash(name)  # type: ignore[attr-defined]


@requires(Permission.WORK_ON_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    name_form = NameSearchForm(request.POST or None)
    if request.method == "POST" and name_form.is_valid():
        # Post, then redirect with the keyed hash: the name stays out of addresses, the
        # browser history and the server's access log.
        query = request.GET.copy()
        query.pop("page", None)
        query["person"] = _name_index(name_form.cleaned_data["name"])
        return redirect(f"{request.path}?{query.urlencode()}")
    cases, form, filters = _listed_cases(request)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    audit.record_request(
        request,
        audit.AuditAction.VIEW,
        purpose="case list",
        detail={
            "page": page.number,
            "filters": sorted(filters),
            "person_search": "person" in filters,
        },
    )
    query = request.GET.copy()
    query.pop("page", None)
    without_person = query.copy()
    without_person.pop("person", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "form": form,
            "name_form": name_form,
            "person_search": "person" in filters,
            "query": query.urlencode(),
            "query_without_person": without_person.urlencode(),
            "incoming": access.incoming_referrals(request.membership).count(),
        },
    )


@requires(Permission.OPEN_CASE)
@never_cache
def open_from_signal(request: HttpRequest, reference: str) -> HttpResponse:
    """After the intake decision 'open a case': a new case, or add to an existing one."""
    signal = Signal.objects.filter(reference=reference).select_related("municipality").first()
    if signal is None or not intake_access.may_assess(request.membership, signal):
        raise Http404
    link = CaseSignal.objects.filter(signal=signal).select_related("case").first()
    if link is not None:
        if access.scope_of(request.membership, link.case) is not None:
            messages.info(request, _("This signal is already part of this case."))
            return _to_case(link.case)
        raise Http404
    decided = (
        signal.events.filter(kind=SignalEvent.Kind.DECISION).order_by("-created_at", "-pk").first()
    )
    if decided is None or decided.decision != intake_codes.Decision.OPEN_CASE:
        messages.error(request, _("Record the decision 'Open a case or add to a case' first."))
        return redirect("intake:signal_detail", reference=signal.reference)
    cases = (
        access.lead_cases(request.membership)
        .exclude(status=codes.CaseStatus.CLOSED)
        .order_by("-created_at")
    )
    form = OpenCaseForm(
        request.POST or None,
        cases=cases,
        initial={
            "exploitation_forms": signal.forms,
            "youth": signal.setting == intake_codes.Setting.YOUTH or signal.minor_involved,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["mode"] == OpenCaseForm.EXISTING:
                case = data["case"]
                services.add_signals(case, request.membership, [signal])
                messages.success(request, _("The signal has been added to the case."))
            else:
                case = services.open_case(
                    request.membership,
                    [signal],
                    forms=data["exploitation_forms"],
                    youth=data["youth"],
                    confidentiality=data["confidentiality"],
                )
                messages.success(request, _("The case has been opened."))
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            return _to_case(case)
    return render(request, "cases/open_case.html", {"signal": signal, "form": form})


@requires(Permission.WORK_ON_CASES)
@never_cache
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case, scope = _case(request, number)
    return _detail_page(request, case, scope)


def _detail_page(
    request: HttpRequest,
    case: Case,
    scope: access.Scope,
    note_form: NoteForm | None = None,
    document_form: DocumentForm | None = None,
) -> HttpResponse:
    membership = request.membership
    full = scope in access.FULL_SCOPES
    persons = access.visible_persons(membership, case, scope).prefetch_related("consents")
    audit.record_request(
        request,
        audit.AuditAction.VIEW,
        obj=case,
        purpose=f"case work ({scope})",
        detail={"persons": [p.pk for p in persons]},
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "scope": scope,
            "full": full,
            "persons": persons,
            "signals": case.case_signals.select_related("signal") if full else [],
            "referrals": access.visible_referrals(membership, case, scope).select_related(
                "to_organisation"
            ),
            "notes": access.visible_notes(membership, case, scope).select_related(
                "author", "organisation"
            ),
            "outcomes": access.visible_outcomes(membership, case, scope).select_related("person"),
            "events": access.visible_events(membership, case, scope).select_related(
                "actor", "organisation"
            ),
            "statuses": case.status_changes.select_related("actor", "organisation") if full else [],
            "tasks": access.visible_tasks(membership, case, scope).select_related(
                "owner_organisation", "owner"
            ),
            "meetings": access.visible_meetings(membership, case, scope),
            "documents": access.visible_documents(membership, case, scope).select_related(
                "organisation"
            ),
            "note_form": note_form or NoteForm(),
            "document_form": document_form or DocumentForm(),
            "own_organisation": membership.organisation_id,
        },
    )


def _versioned(
    request: HttpRequest,
    number: str,
    form_class: type,
    template: str,
    save: Any,
    initial: Any = None,
) -> HttpResponse:
    """A change under optimistic locking: a stale version keeps the user's input."""
    case, _scope = _case(request, number, full=True)
    start = {"version": case.version, **(initial(case) if initial else {})}
    form = form_class(request.POST or None, initial=start, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            save(case, form.cleaned_data)
        except services.StaleCase as error:
            # Show the case as it is now, keep what the user typed, and let the next
            # send count against the version they have now been shown.
            case.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(case.version)
            form = form_class(data, initial=start, case=case)
            form.is_valid()
            form.add_error(None, str(error))
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The case has been changed."))
            return _to_case(case)
    return render(request, template, {"case": case, "form": form})


@requires(Permission.WORK_ON_CASES)
@never_cache
def change_status(request: HttpRequest, number: str) -> HttpResponse:
    def save(case: Case, data: dict[str, Any]) -> None:
        services.change_status(
            case,
            request.membership,
            to_status=data["to_status"],
            reason=data["reason"],
            version=data["version"],
        )

    return _versioned(request, number, StatusForm, "cases/status_form.html", save)


@requires(Permission.WORK_ON_CASES)
@never_cache
def edit_details(request: HttpRequest, number: str) -> HttpResponse:
    def save(case: Case, data: dict[str, Any]) -> None:
        services.update_details(
            case,
            request.membership,
            version=data["version"],
            forms=data["exploitation_forms"],
            youth=data["youth"],
            confidentiality=data["confidentiality"],
        )

    def initial(case: Case) -> dict[str, Any]:
        return {
            "exploitation_forms": case.forms,
            "youth": case.youth,
            "confidentiality": case.confidentiality,
        }

    return _versioned(request, number, CaseDetailsForm, "cases/details_form.html", save, initial)


@requires(Permission.WORK_ON_CASES)
@never_cache
def add_person(request: HttpRequest, number: str) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        born = data["date_of_birth"]
        try:
            services.add_person(
                case,
                request.membership,
                services.PersonInput(
                    role=data["role"],
                    victim_status=data["victim_status"],
                    name=data["name"],
                    date_of_birth=born.isoformat() if born else "",
                    phone=data["phone"],
                    address=data["address"],
                    age=data["age"],
                    nationality=data["nationality"],
                ),
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person has been added."))
            return _to_case(case)
    return render(request, "cases/person_form.html", {"case": case, "form": form})


def _person_input(data: dict[str, Any], victim_status: str = "") -> services.PersonInput:
    born = data["date_of_birth"]
    return services.PersonInput(
        role=data["role"],
        victim_status=victim_status,
        name=data["name"],
        date_of_birth=born.isoformat() if born else "",
        phone=data["phone"],
        address=data["address"],
        age=data["age"],
        nationality=data["nationality"],
    )


@requires(Permission.WORK_ON_CASES)
@never_cache
def edit_person(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    """The lead changes a person's details; partners may read shared persons, not edit."""
    case, _scope = _case(request, number, full=True)
    person = case.persons.filter(pk=pk).first()
    if person is None:
        raise Http404
    start = {
        "version": person.version,
        **{f: getattr(person, f) for f in services.PERSON_FIELDS},
        "date_of_birth": person.date_of_birth or None,
    }
    form = PersonEditForm(request.POST or None, initial=start)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                person,
                request.membership,
                version=form.cleaned_data["version"],
                data=_person_input(form.cleaned_data),
            )
        except services.StaleCase as error:
            # Keep what the user typed; the next send counts against the version shown now.
            person.refresh_from_db()
            data = request.POST.copy()
            data["version"] = str(person.version)
            form = PersonEditForm(data, initial=start)
            form.is_valid()
            form.add_error(None, str(error))
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person's details have been changed."))
            return _to_case(case)
    audit.record_request(request, audit.AuditAction.VIEW, obj=person, purpose="edit person")
    return render(
        request, "cases/person_edit_form.html", {"case": case, "person": person, "form": form}
    )


@requires(Permission.WORK_ON_CASES)
@never_cache
def record_consent(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    person = case.persons.filter(pk=pk).first()
    if person is None:
        raise Http404
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(person, request.membership, **form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The consent has been recorded."))
            return _to_case(case)
    audit.record_request(request, audit.AuditAction.VIEW, obj=person, purpose="record consent")
    return render(
        request, "cases/consent_form.html", {"case": case, "person": person, "form": form}
    )


@requires(Permission.WORK_ON_CASES)
@never_cache
def refer(request: HttpRequest, number: str) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    form = ReferralForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.refer(
                case, request.membership, **form.cleaned_data, base_url=_base_url(request)
            )
        except services.ConsentMissing as error:
            form.add_error("persons", str(error))
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The referral has been sent to the partner."))
            return _to_case(case)
    audit.record_request(request, audit.AuditAction.VIEW, obj=case, purpose="referral form")
    return render(request, "cases/referral_form.html", {"case": case, "form": form})


@requires(Permission.WORK_ON_CASES)
def referral_inbox(request: HttpRequest) -> HttpResponse:
    referrals = (
        access.incoming_referrals(request.membership)
        .select_related("from_organisation", "case")
        .order_by("requested_at")
    )
    audit.record_request(request, audit.AuditAction.VIEW, purpose="referral inbox")
    return render(request, "cases/referral_inbox.html", {"referrals": referrals})


@requires(Permission.WORK_ON_CASES)
@never_cache
def respond_to_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner decides on a request; it sees the request, not yet the case."""
    referral = (
        access.incoming_referrals(request.membership)
        .filter(pk=pk)
        .select_related("from_organisation", "case")
        .first()
    )
    if referral is None:
        raise Http404
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["accept"]
        try:
            services.respond_to_referral(
                referral,
                request.membership,
                accept=accept,
                reason=form.cleaned_data["reason"],
                base_url=_base_url(request),
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            if accept:
                messages.success(request, _("You accepted the referral."))
                return _to_case(referral.case)
            messages.success(request, _("You declined the referral."))
            return redirect("cases:referral_inbox")
    audit.record_request(
        request, audit.AuditAction.VIEW, obj=referral, purpose="decide on a referral"
    )
    return render(request, "cases/referral_respond.html", {"referral": referral, "form": form})


def _referral(case: Case, pk: int) -> Referral:
    referral = case.referrals.filter(pk=pk).select_related("to_organisation").first()
    if referral is None:
        raise Http404
    return referral


@requires(Permission.WORK_ON_CASES)
@never_cache
def close_referral(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, scope = _case(request, number)
    referral = _referral(case, pk)
    if scope not in access.FULL_SCOPES and referral.to_organisation_id != (
        request.membership.organisation_id
    ):
        raise Http404
    form = CloseReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_referral(referral, request.membership, **form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The referral has been closed with its result."))
            if access.scope_of(request.membership, case) is None:
                return redirect("cases:case_list")
            return _to_case(case)
    return render(
        request,
        "cases/referral_end.html",
        {"case": case, "referral": referral, "form": form, "closing": True},
    )


@requires(Permission.WORK_ON_CASES)
@never_cache
def revoke_referral(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    referral = _referral(case, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_referral(referral, request.membership, **form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The referral has been revoked."))
            return _to_case(case)
    return render(
        request,
        "cases/referral_end.html",
        {"case": case, "referral": referral, "form": form, "closing": False},
    )


@require_POST
@requires(Permission.WORK_ON_CASES)
def add_note(request: HttpRequest, number: str) -> HttpResponse:
    case, scope = _case(request, number)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(case, request.membership, **form.cleaned_data)
        messages.success(request, _("The note has been added."))
        return _to_case(case)
    return _detail_page(request, case, scope, note_form=form)


@requires(Permission.WORK_ON_CASES)
@never_cache
def record_outcome(request: HttpRequest, number: str) -> HttpResponse:
    case, scope = _case(request, number)
    persons = access.visible_persons(request.membership, case, scope)
    form = OutcomeForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(case, request.membership, **form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outcome has been recorded."))
            return _to_case(case)
    return render(request, "cases/outcome_form.html", {"case": case, "form": form})


@requires(Permission.EMERGENCY_CASE_ACCESS)
@never_cache
def emergency_access(request: HttpRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        # Telling a coordinator that a number does not exist reveals little: one that
        # exists they could open anyway, with a reason that the privacy officer reads.
        case = Case.objects.filter(number=number).first()
        if case is None:
            form.add_error("number", _("Check the case number."))
        else:
            try:
                services.grant_emergency_access(
                    case,
                    request.membership,
                    reason=form.cleaned_data["reason"],
                    base_url=_base_url(request),
                )
            except services.CaseError as error:
                form.add_error("reason", str(error))
            else:
                messages.warning(
                    request,
                    _("You have emergency access to this case for %(hours)d hours.")
                    % {"hours": services.emergency_access_hours()},
                )
                return _to_case(case)
    return render(request, "cases/emergency_access.html", {"form": form})


@requires(Permission.VIEW_AUDIT_LOG)
def emergency_grants(request: HttpRequest) -> HttpResponse:
    """The privacy officer's list of emergency grants: who, which case, why, how long.

    It names the case number only: the privacy officer reviews the use of emergency
    access, not the case (no link, and no case permission).
    """
    grants = (
        access.reviewable_emergency_grants(request.membership)
        .select_related("case", "membership__user", "membership__organisation")
        .order_by("-granted_at", "-pk")
    )
    page = Paginator(grants, 25).get_page(request.GET.get("page"))
    audit.record_request(
        request,
        audit.AuditAction.VIEW,
        purpose="emergency access review",
        detail={"page": page.number, "grants": [g.pk for g in page.object_list]},
    )
    return render(request, "cases/emergency_grants.html", {"page": page, "now": timezone.now()})


@requires(Permission.WORK_ON_CASES)
@never_cache
def add_task(request: HttpRequest, number: str) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    form = TaskForm(request.POST or None, organisations=services.involved_organisations(case))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_task(
                case, request.membership, **form.cleaned_data, base_url=_base_url(request)
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The task has been added."))
            return _to_case(case)
    return render(request, "cases/task_form.html", {"case": case, "form": form})


@require_POST
@requires(Permission.WORK_ON_CASES)
def complete_task(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, scope = _case(request, number)
    task = access.visible_tasks(request.membership, case, scope).filter(pk=pk).first()
    if task is None:
        raise Http404
    try:
        services.complete_task(task, request.membership)
    except services.CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The task is done."))
    return _to_case(case)


@requires(Permission.CASE_NOTIFICATIONS)
def notification_list(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(
        recipient=request.user, organisation=request.membership.organisation
    )
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    return render(request, "cases/notifications.html", {"page": page})


@require_POST
@requires(Permission.CASE_NOTIFICATIONS)
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark as read and go to what it is about (access is checked again there)."""
    notification = Notification.objects.filter(
        pk=pk, recipient=request.user, organisation=request.membership.organisation
    ).first()
    if notification is None:
        raise Http404
    notifications.mark_read(notification)
    return redirect(notification.url)


@requires(Permission.WORK_ON_CASES)
@never_cache
def plan_meeting(request: HttpRequest, number: str) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    form = MeetingForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(
                case, request.membership, **form.cleaned_data, base_url=_base_url(request)
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is planned and the invitations are sent."))
            return redirect("cases:meeting_detail", number=case.number, pk=meeting.pk)
    return render(request, "cases/meeting_form.html", {"case": case, "form": form})


def _meeting(request: HttpRequest, number: str, pk: int) -> tuple[Case, access.Scope, Meeting]:
    case, scope = _case(request, number)
    meeting = access.visible_meetings(request.membership, case, scope).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return case, scope, meeting


def _meeting_page(
    request: HttpRequest,
    number: str,
    pk: int,
    minutes_form: MinutesForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    case, scope, meeting = _meeting(request, number, pk)
    full = scope in access.FULL_SCOPES
    audit.record_request(
        request, audit.AuditAction.VIEW, obj=meeting, purpose=f"case meeting ({scope})"
    )
    organisations = services.involved_organisations(case)
    return render(
        request,
        "cases/meeting_detail.html",
        {
            "case": case,
            "meeting": meeting,
            "full": full,
            "participants": meeting.participants.select_related("organisation"),
            "decisions": meeting.decisions.select_related("task", "task__owner_organisation"),
            "minutes_form": minutes_form
            or MinutesForm(initial={"version": meeting.version, "minutes": meeting.minutes}),
            "decision_form": decision_form or DecisionForm(organisations=organisations),
        },
    )


@requires(Permission.WORK_ON_CASES)
@never_cache
def meeting_detail(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    return _meeting_page(request, number, pk)


@require_POST
@requires(Permission.WORK_ON_CASES)
def record_minutes(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, scope, meeting = _meeting(request, number, pk)
    if scope not in access.FULL_SCOPES:
        raise PermissionDenied("lead only")
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.record_minutes(meeting, request.membership, **form.cleaned_data)
        except services.StaleCase as error:
            # Keep the user's text; the next send counts against the minutes shown now.
            data = request.POST.copy()
            data["version"] = str(Meeting.objects.get(pk=meeting.pk).version)
            form = MinutesForm(data)
            form.is_valid()
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect("cases:meeting_detail", number=case.number, pk=meeting.pk)
    return _meeting_page(request, number, pk, minutes_form=form)


@require_POST
@requires(Permission.WORK_ON_CASES)
def add_decision(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, scope, meeting = _meeting(request, number, pk)
    if scope not in access.FULL_SCOPES:
        raise PermissionDenied("lead only")
    form = DecisionForm(request.POST, organisations=services.involved_organisations(case))
    if form.is_valid():
        try:
            services.record_decision(
                meeting, request.membership, **form.cleaned_data, base_url=_base_url(request)
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("cases:meeting_detail", number=case.number, pk=meeting.pk)
    return _meeting_page(request, number, pk, decision_form=form)


@require_POST
@requires(Permission.WORK_ON_CASES)
def add_document(request: HttpRequest, number: str) -> HttpResponse:
    case, scope = _case(request, number)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_document(
                case,
                request.membership,
                name=upload.name,
                data=upload.read(),
                shared_with_partners=form.cleaned_data["shared_with_partners"],
            )
        except services.CaseError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The document has been added."))
            return _to_case(case)
    return _detail_page(request, case, scope, document_form=form)


@requires(Permission.WORK_ON_CASES)
def download_document(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, scope = _case(request, number)
    document = access.visible_documents(request.membership, case, scope).filter(pk=pk).first()
    if document is None:
        raise Http404
    audit.record_request(request, audit.AuditAction.VIEW, obj=document, purpose="case document")
    response = HttpResponse(services.read_document(document), content_type=document.content_type)
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}[
        document.content_type
    ]
    # The stored name may carry personal data: the download gets a neutral one.
    response["Content-Disposition"] = (
        f'attachment; filename="{case.number}-{document.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@requires(Permission.WORK_ON_CASES)
@never_cache
def change_victim_status(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case, _scope = _case(request, number, full=True)
    person = case.persons.filter(pk=pk, role=codes.PersonRole.POSSIBLE_VICTIM).first()
    if person is None:
        raise Http404
    form = VictimStatusForm(request.POST or None, initial={"status": person.victim_status})
    if request.method == "POST" and form.is_valid():
        services.change_victim_status(person, request.membership, **form.cleaned_data)
        messages.success(request, _("The victim status has been changed."))
        return _to_case(case)
    audit.record_request(request, audit.AuditAction.VIEW, obj=person, purpose="victim status")
    return render(
        request, "cases/victim_status_form.html", {"case": case, "person": person, "form": form}
    )


@requires(Permission.WORK_ON_CASES)
def export_cases(request: HttpRequest) -> HttpResponse:
    """The case list as CSV: the same rule and filters as the page, no personal data."""
    cases, _form, filters = _listed_cases(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zaken.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["number", "status", "lead_municipality", "forms", "youth", "opened"])
    count = 0
    for case in cases.iterator(chunk_size=500):
        writer.writerow(
            [
                case.number,
                case.status,
                case.lead_municipality.municipality_code,
                " ".join(case.forms),
                int(case.youth),
                case.created_at.date().isoformat(),
            ]
        )
        count += 1
    audit.record_request(
        request,
        audit.AuditAction.EXPORT,
        purpose="case list export",
        detail={
            "rows": count,
            "filters": {k: v for k, v in filters.items() if k != "person"},
            "person_search": "person" in filters,
        },
    )
    return response


@requires(Permission.WORK_ON_CASES)
def export_zgw(request: HttpRequest, number: str) -> HttpResponse:
    """One case as ZGW-shaped JSON for the lead's case system; identities only on request."""
    case, scope = _case(request, number, full=True)
    if scope != access.Scope.LEAD:
        raise PermissionDenied("lead only")
    identities = request.GET.get("identiteiten") == "1"
    data = services.export_zgw(case, request.membership, identities=identities)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{case.number}-zgw.json"'
    response["Cache-Control"] = "no-store"
    return response
