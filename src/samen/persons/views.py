"""Linkage runs and the clerical review of doubtful pairs: coordinators only.

Views stay thin: rules live in services.py (changes) and access.py (who sees which
record). A pair is shown only to someone who may see both records; anyone else gets
a 404, as for any object outside their scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samen.core import audit
from samen.core.access import Permission, requires
from samen.persons import access, services
from samen.persons.models import LinkageRun, PairReview, PersonRecord

# The core's stage names, for people.
STAGE_LABELS = {
    "": gettext_lazy("Waiting for the background worker"),
    "reading records": gettext_lazy("Reading the records"),
    "cleaning records": gettext_lazy("Cleaning names, dates and numbers"),
    "training the model": gettext_lazy("Estimating the model"),
    "scoring candidate pairs": gettext_lazy("Comparing candidate pairs"),
    "clustering": gettext_lazy("Forming persons"),
    "saving persons": gettext_lazy("Saving persons and pairs to review"),
    "done": gettext_lazy("Done"),
}


# The core's notes on a pair (English, from samen.linkage), for people. Others as written.
NOTE_LABELS = {
    "linked": gettext_lazy("The run put them in one person."),
    "linked through other records": gettext_lazy(
        "The run put them in one person through other records."
    ),
    "not linked: below the match threshold": gettext_lazy(
        "The run kept them apart: the evidence was too weak."
    ),
    "not linked: a record is in a conflicting group": gettext_lazy(
        "The run kept them apart: one of them is linked to a record that contradicts the other."
    ),
}


def _run_context(run: LinkageRun | None) -> dict[str, Any]:
    stage = STAGE_LABELS.get(run.stage, run.stage) if run else ""
    return {"run": run, "stage_label": stage}


@requires(Permission.REVIEW_LINKAGE)
@never_cache
def linkage(request: HttpRequest) -> HttpResponse:
    runs = LinkageRun.objects.select_related("started_by", "organisation")[:10]
    latest = runs[0] if runs else None
    return render(
        request,
        "persons/linkage.html",
        {
            "runs": runs,
            **_run_context(latest),
            "open_pairs": access.visible_reviews(request.membership)
            .filter(status=PairReview.Status.OPEN)
            .count(),
        },
    )


@require_POST
@requires(Permission.REVIEW_LINKAGE)
def start_run(request: HttpRequest) -> HttpResponse:
    running = services.active_run()
    services.start_run(request.membership)
    if running is not None:
        messages.info(request, _("A run is already going; its progress is shown below."))
    else:
        messages.success(request, _("The run has been queued. It runs in the background."))
    return redirect("persons:linkage")


@requires(Permission.REVIEW_LINKAGE)
@never_cache
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment that htmx polls (also a page of its own without JavaScript)."""
    run = LinkageRun.objects.filter(pk=pk).first()
    if run is None:
        raise Http404
    template = "persons/_run_progress.html" if request.htmx else "persons/run_progress.html"
    return render(request, template, _run_context(run))


@requires(Permission.REVIEW_LINKAGE)
@never_cache
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = (
        access.visible_reviews(request.membership)
        .filter(status=PairReview.Status.OPEN)
        .select_related("record_a", "record_b")
        .order_by("-probability", "pk")
    )
    page = Paginator(reviews, 25).get_page(request.GET.get("page"))
    audit.record_request(
        request, audit.AuditAction.VIEW, purpose="pairs to review", detail={"page": page.number}
    )
    return render(request, "persons/review_list.html", {"page": page, "query": ""})


def _side(record: PersonRecord) -> dict[str, Any]:
    """The fields of one record that the linkage compares, decrypted for this page."""
    if record.signal_person_id is not None:
        person = record.signal_person
        signal = person.signal
        return {
            "record": record,
            "kind": _("Signal"),
            "reference": signal.reference,
            "signal": signal,
            "case": None,
            "registered_at": signal.created_at,
            "role": person.get_role_display(),
            "name": person.name,
            "birth": (
                _("%(age)s years when reported") % {"age": person.age}
                if person.age is not None
                else person.get_age_band_display()
            ),
            "gender": person.get_gender_display(),
            "nationality": person.nationality,
            "phone": person.phone,
        }
    person = record.case_person
    case = person.case
    return {
        "record": record,
        "kind": _("Case"),
        "reference": case.number,
        "signal": None,
        "case": case,
        "registered_at": person.added_at,
        "role": person.get_role_display(),
        "name": person.name,
        "birth": person.date_of_birth
        or (_("%(age)s years") % {"age": person.age} if person.age is not None else ""),
        "gender": "",
        "nationality": person.nationality,
        "phone": person.phone,
    }


def _review(request: HttpRequest, public_id: str) -> PairReview:
    review = (
        PairReview.objects.filter(public_id=public_id)
        .select_related(
            "record_a__signal_person__signal",
            "record_a__case_person__case",
            "record_b__signal_person__signal",
            "record_b__case_person__case",
            "run",
            "decided_by",
        )
        .first()
    )
    if review is None or not access.may_review(request.membership, review):
        raise Http404
    return review


@requires(Permission.REVIEW_LINKAGE)
@never_cache
def pair(request: HttpRequest, public_id: str) -> HttpResponse:
    review = _review(request, public_id)
    error = ""
    if request.method == "POST":
        choice = request.POST.get("decision")
        if choice in {"same", "different"}:
            try:
                services.decide(review, request.membership, same=choice == "same")
            except services.LinkageError as refusal:
                error = str(refusal)
            else:
                messages.success(request, _("Your decision has been recorded."))
                following = (
                    access.visible_reviews(request.membership)
                    .filter(status=PairReview.Status.OPEN)
                    .order_by("-probability", "pk")
                    .first()
                )
                if following is not None:
                    return redirect("persons:pair", public_id=following.public_id)
                return redirect("persons:review_list")
        else:
            error = _("Choose “same person” or “different persons”.")
    sides = [_side(review.record_a), _side(review.record_b)]
    # Two records of personal data are read: one event each.
    for side in sides:
        audit.record_request(
            request,
            audit.AuditAction.VIEW,
            obj=side["record"],
            purpose="linkage review",
            detail={"pair": review.public_id, "in": side["reference"]},
        )
    return render(
        request,
        "persons/pair.html",
        {
            "review": review,
            "sides": sides,
            "error": error,
            "note": NOTE_LABELS.get(review.note, review.note),
        },
        status=400 if error else 200,
    )
