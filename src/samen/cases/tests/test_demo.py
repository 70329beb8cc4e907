"""The demo holds a case that every case role can act on."""

from __future__ import annotations

import pytest

from samen.cases import access, codes
from samen.cases.models import Case
from samen.core import demo
from samen.core.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_case_with_a_referral_waiting_for_the_police() -> None:
    assert demo.load()
    case = Case.objects.get()
    assert case.status == codes.CaseStatus.ASSESSMENT
    coordinator = Membership.objects.get(user__username="coordinator", role=Role.COORDINATOR)
    police = Membership.objects.get(user__username="politie")
    analyst = Membership.objects.get(user__username="analist")
    assert access.scope_of(coordinator, case) == access.Scope.LEAD
    assert access.incoming_referrals(police).count() == 1
    assert access.scope_of(police, case) is None  # not before accepting
    assert not access.visible_cases(analyst).exists()
    assert case.tasks.count() == 1
