"""Intake, the reporter's view of their signals, and triage. Views stay thin: rules live
in services.py (changes) and access.py (who may see what)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samen.core import audit
from samen.core.access import Permission, requires
from samen.core.models import Organisation, OrganisationType, Role
from samen.intake import access, attachments, codes, hints, services
from samen.intake.forms import (
    AttachmentForm,
    DecisionForm,
    IndicatorsForm,
    MessageForm,
    PersonFormSet,
    ReplyForm,
    UrgencyForm,
    WhatForm,
    WhereForm,
)
from samen.intake.models import Attachment, Indicator, Signal
from samen.intake.wizard import STEPS, Draft

STEP_TITLES = {
    "persons": _("About whom"),
    "where": _("Where"),
    "what": _("What"),
    "indicators": _("Signals"),
    "urgency": _("Urgency and consent"),
    "review": _("Check and send"),
}


def _prefill(request: HttpRequest) -> dict[str, dict[str, Any]]:
    """Suggestions: the reporter's contact; a hotel or park reports about its own premises."""
    membership = request.membership
    org = membership.organisation
    prefill: dict[str, dict[str, Any]] = {
        "urgency": {"reporter_contact": _reporter_contact(request)}
    }
    if org.type == OrganisationType.MUNICIPALITY:
        prefill["where"] = {"municipality": org.pk}
    elif org.municipality_id:
        prefill["where"] = {"municipality": org.municipality_id}
    if membership.role == Role.BUSINESS_USER and org.type in {
        OrganisationType.HOTEL,
        OrganisationType.HOLIDAY_PARK,
    }:
        hotel = org.type == OrganisationType.HOTEL
        prefill["where"].update(
            location_type=codes.LocationType.HOTEL if hotel else codes.LocationType.HOLIDAY_PARK,
            address=org.name,
        )
        prefill["what"] = {"setting": codes.Setting.HOTEL}
    return prefill


def _indicator_choices(draft: Draft) -> list[tuple[str, str]]:
    catalogue = services.current_catalogue()
    if catalogue is None:
        return []
    setting = draft.value("what", "setting", codes.Setting.GENERAL)
    chosen = {codes.Setting.GENERAL, setting}
    return [
        (i.code, i.text)
        for i in Indicator.objects.filter(catalogue=catalogue)
        if chosen & set(i.settings)
    ]


def _form_for(step: str, request: HttpRequest, draft: Draft, data: Any) -> Any:
    initial = draft.prefill.get(step, {})
    if step == "persons":
        return PersonFormSet(data, prefix="person")
    if step == "where":
        region = request.membership.organisation.region_id
        return WhereForm(data, initial=initial, region_id=region)
    if step == "what":
        return WhatForm(data, initial=initial)
    if step == "indicators":
        return IndicatorsForm(data, choices=_indicator_choices(draft))
    if step == "urgency":
        return UrgencyForm(data, initial=initial)
    return None


def _reporter_contact(request: HttpRequest) -> str:
    user = request.user
    parts = [user.get_full_name(), str(request.membership.organisation), user.email]
    return ", ".join(p for p in parts if p)


def _add_person(data: Any) -> Any:
    data = data.copy()
    total = int(data.get("person-TOTAL_FORMS", "1") or 1)
    data["person-TOTAL_FORMS"] = str(min(total + 1, 10))
    return data


@requires(Permission.REPORT_SIGNAL)
@never_cache
def report_step(request: HttpRequest, step: str = "persons") -> HttpResponse:
    if step not in STEPS:
        raise Http404
    draft = Draft.load(request.session)
    if not draft.prefill:
        draft.prefill = _prefill(request)
        draft.save(request.session)
    missing = draft.first_missing(step)
    if missing and request.method == "GET":
        return redirect("intake:report_step", step=missing)
    if step == "review":
        return _review(request, draft)

    if request.method == "POST":
        if step == "persons" and "add_person" in request.POST:
            data = _add_person(request.POST)
            draft.keep(step, data, valid=False)
            draft.save(request.session)
            return _render_step(request, step, _form_for(step, request, draft, data), draft)
        form = _form_for(step, request, draft, request.POST)
        valid = form.is_valid()
        draft.keep(step, request.POST, valid=valid)
        draft.save(request.session)
        if "back" in request.POST:
            return redirect("intake:report_step", step=STEPS[max(STEPS.index(step) - 1, 0)])
        if valid:
            return redirect("intake:report_step", step=STEPS[STEPS.index(step) + 1])
        return _render_step(request, step, form, draft)

    # A step sent before is shown as sent, with its errors; a new one with suggestions.
    form = _form_for(step, request, draft, draft.data_for(step))
    return _render_step(request, step, form, draft)


def _render_step(request: HttpRequest, step: str, form: Any, draft: Draft) -> HttpResponse:
    return render(
        request,
        "intake/step_persons.html" if step == "persons" else "intake/step.html",
        {
            "form": form,
            "step": step,
            "steps": [(s, STEP_TITLES[s], s in draft.done) for s in STEPS],
            "step_number": STEPS.index(step) + 1,
            "step_count": len(STEPS),
            "step_title": STEP_TITLES[step],
        },
    )


def _signal_input(
    request: HttpRequest, draft: Draft
) -> tuple[services.SignalInput | None, str | None]:
    forms_by_step = {s: _form_for(s, request, draft, draft.data_for(s)) for s in STEPS[:-1]}
    for step, form in forms_by_step.items():
        if form is None or not form.is_bound or not form.is_valid():
            return None, step
    persons = [
        services.PersonInput(**{k: v for k, v in f.cleaned_data.items() if k not in {"DELETE"}})
        for f in forms_by_step["persons"].forms
        if f.cleaned_data
    ]
    where = forms_by_step["where"].cleaned_data
    what = forms_by_step["what"].cleaned_data
    urgency = forms_by_step["urgency"].cleaned_data
    return (
        services.SignalInput(
            municipality=where["municipality"],
            location_type=where["location_type"],
            address=where["address"],
            persons=persons,
            forms=what["exploitation"],
            sector=what["sector"],
            setting=what["setting"],
            description=what["description"],
            indicator_codes=forms_by_step["indicators"].cleaned_data["indicators"],
            immediate_danger=urgency["immediate_danger"],
            minor_involved=urgency["minor_involved"] or any(p.is_minor for p in persons),
            awareness=urgency["awareness"],
            written_consent=urgency["written_consent"],
            reporter_contact=urgency["reporter_contact"],
        ),
        None,
    )


def _review(request: HttpRequest, draft: Draft) -> HttpResponse:
    data, broken = _signal_input(request, draft)
    if data is None:
        messages.error(
            request, _("Some information is missing or not right yet. Please check this step.")
        )
        return redirect("intake:report_step", step=broken)
    if request.method == "POST":
        if "back" in request.POST:
            return redirect("intake:report_step", step="urgency")
        signal = services.create_signal(data, reporter=request.user, membership=request.membership)
        Draft.clear(request.session)
        return redirect("intake:report_done", reference=signal.reference)
    indicators = dict(_indicator_choices(draft))
    return render(
        request,
        "intake/step_review.html",
        {
            "data": data,
            "indicators": [indicators.get(code, code) for code in data.indicator_codes],
            "forms_display": [codes.ExploitationForm(f).label for f in data.forms],
            "steps": [(s, STEP_TITLES[s], s in draft.done) for s in STEPS],
            "step": "review",
            "step_number": len(STEPS),
            "step_count": len(STEPS),
            "step_title": STEP_TITLES["review"],
        },
    )


@require_POST
@requires(Permission.REPORT_SIGNAL)
def report_discard(request: HttpRequest) -> HttpResponse:
    Draft.clear(request.session)
    messages.info(request, _("Your draft has been removed."))
    return redirect("intake:my_signals")


def _followed(request: HttpRequest, reference: str) -> Signal:
    signal = Signal.objects.filter(reference=reference).first()
    if signal is None or not access.may_follow(request.membership, signal):
        raise Http404
    return signal


@requires(Permission.REPORT_SIGNAL)
def report_done(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _followed(request, reference)
    return render(request, "intake/report_done.html", {"signal": signal})


@requires(Permission.REPORT_SIGNAL)
def my_signals(request: HttpRequest) -> HttpResponse:
    signals = access.followed_signals(request.membership).order_by("-created_at")
    page = Paginator(signals, 25).get_page(request.GET.get("page"))
    has_draft = Draft.load(request.session).started
    return render(request, "intake/my_signals.html", {"page": page, "has_draft": has_draft})


@requires(Permission.REPORT_SIGNAL)
@never_cache
def follow_signal(request: HttpRequest, reference: str) -> HttpResponse:
    """The reporter's view: status and messages, never the assessment."""
    signal = _followed(request, reference)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reply_from_reporter(signal, request.membership, form.cleaned_data["text"])
        messages.success(request, _("Your information has been sent to the coordinator."))
        return redirect("intake:follow_signal", reference=signal.reference)
    return _follow_page(request, signal, form=form)


def _follow_page(
    request: HttpRequest,
    signal: Signal,
    form: ReplyForm | None = None,
    attach_form: AttachmentForm | None = None,
) -> HttpResponse:
    conversation = signal.events.filter(kind__in=["to_reporter", "from_reporter"])
    audit.record_request(
        request, audit.AuditAction.VIEW, obj=signal, purpose="reporter follows status"
    )
    return render(
        request,
        "intake/follow_signal.html",
        {
            "signal": signal,
            "form": form or ReplyForm(),
            "attach_form": attach_form or AttachmentForm(),
            "conversation": conversation,
            "attachment_count": signal.attachments.count(),
        },
    )


@requires(Permission.TRIAGE_SIGNALS)
def triage_queue(request: HttpRequest) -> HttpResponse:
    signals = access.triage_signals(request.membership).select_related("municipality")
    status = request.GET.get("status", "open")
    if status == "open":
        signals = signals.filter(
            status__in=[codes.SignalStatus.RECEIVED, codes.SignalStatus.ASSESSING]
        )
    elif status in codes.SignalStatus.values:
        signals = signals.filter(status=status)
    municipality = request.GET.get("municipality", "")
    if municipality.isdigit():
        signals = signals.filter(municipality_id=int(municipality))
    urgency = request.GET.get("urgency", "")
    if urgency in codes.Urgency.values:
        signals = signals.filter(urgency=urgency)
    if request.GET.get("minor") == "1":
        signals = signals.filter(minor_involved=True)
    form_filter = request.GET.get("form", "")
    if form_filter in codes.ExploitationForm.values:
        signals = (
            signals.filter(forms__contains=form_filter) if _json_contains_supported() else signals
        )
    page = Paginator(signals.order_by("urgency_rank", "created_at"), 25).get_page(
        request.GET.get("page")
    )
    audit.record_request(
        request, audit.AuditAction.VIEW, purpose="triage queue", detail={"page": page.number}
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "intake/triage_queue.html",
        {
            "page": page,
            "municipalities": access.coordinated_municipalities(request.membership),
            "filters": {
                "status": status,
                "municipality": municipality,
                "urgency": urgency,
                "minor": request.GET.get("minor", ""),
                "form": form_filter,
            },
            "statuses": codes.SignalStatus.choices,
            "urgencies": codes.Urgency.choices,
            "exploitation_forms": codes.ExploitationForm.choices,
            "query": query.urlencode(),
        },
    )


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def _assessable(request: HttpRequest, reference: str) -> Signal:
    signal = Signal.objects.filter(reference=reference).select_related("municipality").first()
    if signal is None or not access.may_assess(request.membership, signal):
        raise Http404
    return signal


def _partners(signal: Signal) -> Any:
    return Organisation.objects.filter(
        is_active=True, region=signal.municipality.region_id
    ).exclude(type__in=[OrganisationType.HOTEL, OrganisationType.HOLIDAY_PARK])


@requires(Permission.TRIAGE_SIGNALS)
@never_cache
def signal_detail(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _assessable(request, reference)
    form = DecisionForm(request.POST or None, partners=_partners(signal))
    if request.method == "POST" and form.is_valid():
        services.decide(
            signal,
            request.membership,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            forward_to=form.cleaned_data["forward_to"],
            message_to_reporter=form.cleaned_data["message_to_reporter"],
        )
        messages.success(request, _("Your decision has been recorded."))
        return redirect("intake:signal_detail", reference=signal.reference)
    if request.method == "GET":
        services.start_assessment(signal, request.membership)
    return _detail_page(request, signal, form=form)


def _detail_page(
    request: HttpRequest,
    signal: Signal,
    form: DecisionForm | None = None,
    attach_form: AttachmentForm | None = None,
    message_form: MessageForm | None = None,
) -> HttpResponse:
    audit.record_request(request, audit.AuditAction.VIEW, obj=signal, purpose="triage")
    # "Possibly the same person as …": from record linkage, only records the viewer may see.
    same_person_hints = hints.hints_for(request.membership, signal)
    return render(
        request,
        "intake/signal_detail.html",
        {
            "signal": signal,
            "persons": signal.persons.all(),
            "indicators": signal.indicators.all(),
            "events": signal.events.select_related("actor", "organisation", "forwarded_to"),
            "attachments": signal.attachments.all(),
            "hints": same_person_hints,
            "form": form or DecisionForm(partners=_partners(signal)),
            "attach_form": attach_form or AttachmentForm(),
            "message_form": message_form or MessageForm(),
        },
    )


@require_POST
@requires(Permission.TRIAGE_SIGNALS)
def message_reporter(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _assessable(request, reference)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_reporter(signal, request.membership, form.cleaned_data["text"])
        messages.success(request, _("Your message has been sent to the reporter."))
        return redirect("intake:signal_detail", reference=signal.reference)
    return _detail_page(request, signal, message_form=form)


def reporter_url(signal: Signal) -> str:
    return reverse("intake:follow_signal", kwargs={"reference": signal.reference})


def _attach(
    request: HttpRequest, signal: Signal, redirect_to: str
) -> HttpResponse | AttachmentForm:
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.add(signal, request.membership, name=upload.name, data=upload.read())
        except attachments.AttachmentError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The file has been added."))
            return redirect(redirect_to)
    return form


@require_POST
@requires(Permission.REPORT_SIGNAL)
def reporter_attach(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _followed(request, reference)
    result = _attach(
        request, signal, reverse("intake:follow_signal", kwargs={"reference": reference})
    )
    if isinstance(result, HttpResponse):
        return result
    return _follow_page(request, signal, attach_form=result)


@require_POST
@requires(Permission.TRIAGE_SIGNALS)
def coordinator_attach(request: HttpRequest, reference: str) -> HttpResponse:
    signal = _assessable(request, reference)
    result = _attach(
        request, signal, reverse("intake:signal_detail", kwargs={"reference": reference})
    )
    if isinstance(result, HttpResponse):
        return result
    return _detail_page(request, signal, attach_form=result)


@requires(Permission.TRIAGE_SIGNALS)
def attachment_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    signal = _assessable(request, reference)
    attachment = Attachment.objects.filter(signal=signal, pk=pk).first()
    if attachment is None:
        raise Http404
    audit.record_request(
        request, audit.AuditAction.VIEW, obj=attachment, purpose="download attachment"
    )
    response = HttpResponse(attachments.read(attachment), content_type=attachment.content_type)
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}[
        attachment.content_type
    ]
    response["Content-Disposition"] = (
        f'attachment; filename="{signal.reference}-{attachment.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response
