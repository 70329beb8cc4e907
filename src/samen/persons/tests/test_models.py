"""The database keeps records well-formed whatever code writes them."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from samen.cases.tests.factories import make_case
from samen.persons.models import PairReview, Person, PersonRecord
from samen.persons.tests.factories import record_of, report

pytestmark = pytest.mark.django_db


def test_a_record_stands_for_exactly_one_signal_or_case_person() -> None:
    signal_person = report("Anna de Vries").persons.get()
    case_person = make_case().persons.get()
    person = Person.objects.create()
    with transaction.atomic(), pytest.raises(IntegrityError):
        PersonRecord.objects.create(person=person, source="police")
    PersonRecord.objects.filter(signal_person=signal_person).delete()
    PersonRecord.objects.filter(case_person=case_person).delete()
    with transaction.atomic(), pytest.raises(IntegrityError):
        PersonRecord.objects.create(
            person=person, source="police", signal_person=signal_person, case_person=case_person
        )


def test_one_review_per_pair_in_a_fixed_order() -> None:
    a, b = record_of(report("Anna de Vries")), record_of(report("Anna Vries"))
    low, high = sorted([a, b], key=lambda r: r.pk)
    PairReview.objects.create(record_a=low, record_b=high)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PairReview.objects.create(record_a=high, record_b=low)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PairReview.objects.create(record_a=low, record_b=high)


def test_person_ids_are_random_not_sequential() -> None:
    ids = {Person.objects.create().public_id for _ in range(5)}
    assert len(ids) == 5
    assert all(i.startswith("P-") and len(i) == 13 for i in ids)
