"""The demo shows persons linked across organisations and pairs waiting for review."""

from __future__ import annotations

import pytest

from samen.core import demo
from samen.core.models import Membership, Role
from samen.persons import access
from samen.persons.models import LinkageRun, PairReview, PersonRecord

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_run_linked_persons_and_open_pairs() -> None:
    assert demo.load()
    run = LinkageRun.objects.get()
    assert run.status == LinkageRun.Status.DONE, run.error
    coordinator = Membership.objects.get(user__username="coordinator", role=Role.COORDINATOR)
    assert access.visible_reviews(coordinator).filter(status=PairReview.Status.OPEN).count() >= 2
    oksana = PersonRecord.objects.filter(signal_person__phone_index__gt="").values_list(
        "person_id", flat=True
    )
    # Some person holds records of two organisations.
    assert len(oksana) > len(set(oksana))
    analyst = Membership.objects.get(user__username="analist")
    assert not access.visible_reviews(analyst).exists()
