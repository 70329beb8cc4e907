"""The linkage pages: coordinators only, and a pair only for who may see both records."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samen.cases import codes as case_codes
from samen.cases.tests.factories import in_english, make_case, make_referral
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import Role
from samen.core.tests.factories import municipality, user_with_role, verified_client
from samen.persons.models import LinkageRun, PairReview, PersonRecord
from samen.persons.tests.factories import record_of, report

pytestmark = pytest.mark.django_db


def pair_of(x: PersonRecord, y: PersonRecord) -> PairReview:
    low, high = sorted([x, y], key=lambda r: r.pk)
    return PairReview.objects.update_or_create(
        record_a=low, record_b=high, defaults={"probability": 0.6}
    )[0]


def pair_url(review: PairReview) -> str:
    return reverse("persons:pair", kwargs={"public_id": review.public_id})


def ermelo():  # type: ignore[no-untyped-def]
    return municipality("Ermelo", "GM0233")


def test_only_coordinators_reach_the_linkage_pages() -> None:
    review = pair_of(
        record_of(report("Oksana Petrenko", age=23)), record_of(report("Petrenko", age=23))
    )
    run = LinkageRun.objects.create()
    urls = [
        reverse("persons:linkage"),
        reverse("persons:review_list"),
        reverse("persons:run_progress", kwargs={"pk": run.pk}),
        pair_url(review),
    ]
    for role in (Role.CASE_WORKER, Role.ANALYST, Role.REPORTER, Role.BUSINESS_USER):
        client = verified_client(user_with_role(role, username=f"u-{role}"))
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
        assert client.post(reverse("persons:start_run")).status_code == 403
        assert client.post(pair_url(review), {"decision": "same"}).status_code == 403
    review.refresh_from_db()
    assert review.status == PairReview.Status.OPEN
    assert not LinkageRun.objects.exclude(pk=run.pk).exists()


def test_a_coordinator_of_another_municipality_gets_404_and_sees_no_count() -> None:
    review = pair_of(
        record_of(report("Oksana Petrenko", age=23)), record_of(report("Petrenko", age=23))
    )
    outsider = in_english(verified_client(user_with_role(Role.COORDINATOR, ermelo())))
    assert outsider.get(pair_url(review)).status_code == 404
    assert outsider.post(pair_url(review), {"decision": "different"}).status_code == 404
    listing = outsider.get(reverse("persons:review_list")).text
    assert review.public_id not in listing
    assert "No pairs to review." in listing
    assert "0 pairs to review" in outsider.get(reverse("persons:linkage")).text


def test_a_pair_of_which_one_record_is_out_of_scope_is_hidden() -> None:
    here = record_of(report("Oksana Petrenko", age=23))
    there = record_of(report("Oksana Petrenko", age=23, place=ermelo()))
    review = pair_of(here, there)
    coordinator = in_english(verified_client(user_with_role(Role.COORDINATOR)))
    assert coordinator.get(pair_url(review)).status_code == 404
    assert review.public_id not in coordinator.get(reverse("persons:review_list")).text
    assert "0 pairs to review" in coordinator.get(reverse("persons:linkage")).text
    # No trace of the refused pair in the audit log's reads of records.
    assert not AuditEvent.objects.filter(object_type="persons.personrecord").exists()


def test_case_persons_count_only_as_far_as_a_referral_shares_them() -> None:
    here = record_of(report("Oksana Petrenko", age=23))
    shared_case = make_case(ermelo(), name="Oksana Petrenko")
    harderwijk = municipality()
    make_referral(shared_case, harderwijk, case_codes.ReferralStatus.ACCEPTED)
    shared = PersonRecord.objects.get(case_person__case=shared_case)
    unshared_case = make_case(ermelo(), name="Oksana Petrenko")
    make_referral(
        unshared_case, harderwijk, case_codes.ReferralStatus.ACCEPTED, share_persons=False
    )
    unshared = PersonRecord.objects.get(case_person__case=unshared_case)
    coordinator = verified_client(user_with_role(Role.COORDINATOR))
    assert coordinator.get(pair_url(pair_of(here, shared))).status_code == 200
    assert coordinator.get(pair_url(pair_of(here, unshared))).status_code == 404


def test_the_pair_page_shows_both_records_and_audits_each_read() -> None:
    a = record_of(report("Oksana Petrenko", age=23, phone="06-41234567"))
    b = record_of(report("Petrenko", age=23))
    review = pair_of(a, b)
    client = verified_client(user_with_role(Role.COORDINATOR))
    page = client.get(pair_url(review)).text
    assert "Oksana Petrenko" in page
    assert "06-41234567" in page
    assert a.signal_person.signal.reference in page
    assert b.signal_person.signal.reference in page
    reads = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="persons.personrecord"
    ).values_list("object_id", "detail")
    assert {object_id for object_id, _ in reads} == {str(a.pk), str(b.pk)}
    assert all(detail["pair"] == review.public_id for _, detail in reads)


def test_deciding_on_a_pair_is_audited_and_moves_on() -> None:
    a = record_of(report("Oksana Petrenko", age=23))
    b = record_of(report("Petrenko", age=23))
    review = pair_of(a, b)
    user = user_with_role(Role.COORDINATOR)
    client = in_english(verified_client(user))
    response = client.post(pair_url(review), {"decision": "different"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == PairReview.Status.DIFFERENT
    assert review.decided_by == user
    event = AuditEvent.objects.get(object_type="persons.pairreview", action=AuditAction.CHANGE)
    assert event.actor == user
    assert event.detail == {"decision": "different", "previous": "open"}
    # A missing choice is refused with a message, nothing decided.
    other = pair_of(a, record_of(report("O. Petrenko", age=23)))
    refused = client.post(pair_url(other), {})
    assert refused.status_code == 400
    assert "same person" in refused.text
    other.refresh_from_db()
    assert other.status == PairReview.Status.OPEN


def test_starting_a_run_queues_one_and_shows_its_progress() -> None:
    client = in_english(verified_client(user_with_role(Role.COORDINATOR)))
    response = client.post(reverse("persons:start_run"), follow=True)
    run = LinkageRun.objects.get()
    assert run.status == LinkageRun.Status.QUEUED
    assert "Waiting to start" in response.text
    # Polled by htmx: the fragment alone; without JavaScript: a page with a reload link.
    fragment = client.get(
        reverse("persons:run_progress", kwargs={"pk": run.pk}), headers={"HX-Request": "true"}
    )
    assert "<html" not in fragment.text
    assert 'hx-trigger="every 2s"' in fragment.text
    page = client.get(reverse("persons:run_progress", kwargs={"pk": run.pk})).text
    assert "<html" in page
    assert "Reload to see the progress" in page
    client.post(reverse("persons:start_run"))
    assert LinkageRun.objects.count() == 1


def test_the_menu_shows_linkage_to_coordinators_only() -> None:
    url = reverse("persons:linkage")
    coordinator = verified_client(user_with_role(Role.COORDINATOR))
    analyst = verified_client(user_with_role(Role.ANALYST))
    assert url in coordinator.get(reverse("core:home")).text
    assert url not in analyst.get(reverse("core:home")).text
