"""The case workflow: every pair of statuses, allowed or refused, through the service."""

from __future__ import annotations

import itertools

import pytest

from samen.cases import codes, services, workflow
from samen.cases.models import CaseStatusChange
from samen.cases.tests.factories import lead_coordinator, make_case

S = codes.CaseStatus
EXPECTED_ALLOWED = {
    (S.NEW, S.ASSESSMENT),
    (S.NEW, S.CLOSED),
    (S.ASSESSMENT, S.ACTION),
    (S.ASSESSMENT, S.CLOSED),
    (S.ACTION, S.ASSESSMENT),
    (S.ACTION, S.AFTERCARE),
    (S.ACTION, S.CLOSED),
    (S.AFTERCARE, S.ACTION),
    (S.AFTERCARE, S.CLOSED),
    (S.CLOSED, S.ASSESSMENT),
}


@pytest.mark.parametrize(("source", "target"), list(itertools.product(S, S)))
def test_transition_table_allows_exactly_the_documented_pairs(source: S, target: S) -> None:
    assert workflow.may_transition(source, target) == ((source, target) in EXPECTED_ALLOWED)


def test_every_status_has_a_way_out_and_closed_is_reachable_from_every_open_status() -> None:
    for status in S:
        assert workflow.allowed_next(status), status
        if status != S.CLOSED:
            assert S.CLOSED in workflow.allowed_next(status)


def test_unknown_statuses_are_refused() -> None:
    assert not workflow.may_transition("new", "archived")
    assert not workflow.may_transition("archived", "new")


# The shortest path from NEW to each status, to test the service from every state.
PATH_TO = {
    S.NEW: [],
    S.ASSESSMENT: [S.ASSESSMENT],
    S.ACTION: [S.ASSESSMENT, S.ACTION],
    S.AFTERCARE: [S.ASSESSMENT, S.ACTION, S.AFTERCARE],
    S.CLOSED: [S.CLOSED],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "target"), list(itertools.product(S, S)))
def test_service_applies_the_table_and_appends_status_rows(source: S, target: S) -> None:
    case = make_case()
    lead = lead_coordinator()
    for step in PATH_TO[source]:
        services.change_status(case, lead, to_status=step, reason="", version=case.version)
    rows_before = CaseStatusChange.objects.filter(case=case).count()
    version_before = case.version
    if (source, target) in EXPECTED_ALLOWED:
        services.change_status(case, lead, to_status=target, reason="x", version=case.version)
        case.refresh_from_db()
        assert case.status == target
        assert case.version == version_before + 1
        rows = list(CaseStatusChange.objects.filter(case=case))
        assert len(rows) == rows_before + 1
        assert (rows[-1].from_status, rows[-1].to_status) == (source, target)
    else:
        with pytest.raises(services.CaseError):
            services.change_status(case, lead, to_status=target, reason="x", version=case.version)
        case.refresh_from_db()
        assert case.status == source
        assert CaseStatusChange.objects.filter(case=case).count() == rows_before
