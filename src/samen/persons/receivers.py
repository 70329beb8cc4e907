"""How intake and cases reach this app without naming it (see apps.py)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samen.cases.models import CasePerson
from samen.core.models import Membership
from samen.intake.hints import Hint
from samen.intake.models import Signal
from samen.persons import access, services
from samen.persons.models import PairReview, PersonRecord

logger = logging.getLogger(__name__)

# Saving these fields of a case person changes nothing the linkage looks at.
IRRELEVANT_FIELDS = frozenset({"victim_status", "version"})


def signals_created(sender: Any, signals: list[Signal], **kwargs: Any) -> None:
    # A report must never be lost to the linkage: a failure leaves the records to the
    # next run (sync_missing), and the signal is saved all the same.
    try:
        with transaction.atomic():
            services.sync_signals(signals)
    except Exception:
        logger.exception("person records of new signals could not be made")


def case_person_saved(
    sender: Any, instance: CasePerson, update_fields: Any = None, **kwargs: Any
) -> None:
    if update_fields is not None and set(update_fields) <= IRRELEVANT_FIELDS:
        return
    try:
        with transaction.atomic():
            services.sync_case_person(instance)
    except Exception:
        logger.exception("the person record of a case person could not be made")


def _label_and_url(record: PersonRecord) -> tuple[str, str]:
    if record.signal_person_id is not None:
        reference = record.signal_person.signal.reference
        return (
            _("signal %(reference)s") % {"reference": reference},
            reverse("intake:signal_detail", kwargs={"reference": reference}),
        )
    number = record.case_person.case.number
    return (
        _("case %(number)s") % {"number": number},
        reverse("cases:case_detail", kwargs={"number": number}),
    )


def signal_hints(membership: Membership | None, signal: Signal) -> list[Hint]:
    """ "Possibly the same person as …" for the signal page, within what the viewer sees."""
    own = list(
        PersonRecord.objects.filter(signal_person__signal=signal).select_related("signal_person")
    )
    if not own:
        return []
    visible = access.visible_records(membership).select_related(
        "signal_person__signal", "case_person__case"
    )
    hints: list[Hint] = []
    for record in own:
        linked = (
            visible.filter(person=record.person_id)
            .exclude(signal_person__signal=signal)
            .order_by("pk")
        )
        for other in linked:
            label, url = _label_and_url(other)
            hints.append(Hint(record.signal_person, label, url, confirmed=True))
    own_ids = [r.pk for r in own]
    by_id = {r.pk: r for r in own}
    # The few open pairs of these records first (indexed), then the visibility of the
    # other records: filtering all reviews through visible_records is slow at scale.
    reviews = list(
        PairReview.objects.filter(status=PairReview.Status.OPEN)
        .filter(Q(record_a__in=own_ids) | Q(record_b__in=own_ids))
        .select_related(
            "record_a__signal_person__signal",
            "record_a__case_person__case",
            "record_b__signal_person__signal",
            "record_b__case_person__case",
        )
        .order_by("-probability", "pk")
    )
    others = {r.record_b_id if r.record_a_id in by_id else r.record_a_id for r in reviews}
    seen = set(visible.filter(pk__in=others).values_list("pk", flat=True)) if others else set()
    for review in reviews:
        mine, other = (
            (review.record_a, review.record_b)
            if review.record_a_id in by_id
            else (review.record_b, review.record_a)
        )
        if other.pk in by_id or other.pk not in seen:
            continue
        label, url = _label_and_url(other)
        hints.append(
            Hint(
                by_id[mine.pk].signal_person,
                label,
                url,
                confirmed=False,
                probability=review.probability,
                review_url=reverse("persons:pair", kwargs={"public_id": review.public_id}),
            )
        )
    return hints
