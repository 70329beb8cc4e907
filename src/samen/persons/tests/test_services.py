"""Records follow signals and cases; runs link them; decisions hold; intake matches."""

from __future__ import annotations

import pytest

from samen import linkage
from samen.cases import services as case_services
from samen.cases.tests.factories import lead_coordinator, make_case
from samen.core import crypto
from samen.core.audit_models import AuditAction, AuditEvent
from samen.core.models import OrganisationType
from samen.persons import records, services
from samen.persons.models import LinkageRun, PairReview, PersonKey, PersonRecord, Source
from samen.persons.tests.factories import demo_set, record_of, report, reporter_at, run_now

pytestmark = pytest.mark.django_db


def pair_of(x: PersonRecord, y: PersonRecord, **fields: object) -> PairReview:
    """A review of two records, whether or not intake already found the pair."""
    low, high = sorted([x, y], key=lambda r: r.pk)
    return PairReview.objects.update_or_create(record_a=low, record_b=high, defaults=fields)[0]


def test_a_new_signal_gets_a_record_per_person_with_hashed_blocking_keys() -> None:
    police = reporter_at(OrganisationType.POLICE)
    signal = report("Oksana Petrenko", by=police, age=23, phone="06-41234567")
    record = record_of(signal)
    assert record.source == Source.POLICE
    keys = set(record.keys.values_list("key_index", flat=True))
    assert keys
    # Keys are keyed hashes: nothing of the name or number is stored in plain text.
    stored = " ".join(keys)
    assert "petrenko" not in stored.lower()
    assert "41234567" not in stored
    assert all(len(k) == 40 for k in keys)
    # The core's own keys of the record, hashed with this app's purpose.
    row = records.record_row(records.with_origins().get(pk=record.pk))
    assert row["first_name"] == "Oksana"
    assert row["last_name"] == "Petrenko"
    assert keys == {
        crypto.blind_index(key, purpose=services.KEY_PURPOSE) for key in linkage.blocking_keys(row)
    }


def test_anonymous_channel_is_its_own_source() -> None:
    assert record_of(report("Maria Ionescu", anonymous=True)).source == Source.ANONYMOUS


def test_case_persons_get_records_and_follow_edits() -> None:
    case = make_case(name="Anna de Vries")
    person = case.persons.get()
    record = PersonRecord.objects.get(case_person=person)
    assert record.source == Source.MUNICIPALITY
    # The case person copied from the signal is the signal's person.
    signal_record = PersonRecord.objects.get(signal_person__signal__case_link__case=case)
    before = set(record.keys.values_list("key_index", flat=True))
    added = case_services.add_person(
        case,
        lead_coordinator(),
        case_services.PersonInput(role="witness", name="Karel Jansen", age=50),
    )
    assert PersonRecord.objects.filter(case_person=added).exists()
    person.name = "Anna Visser"
    person.save()
    assert set(record.keys.values_list("key_index", flat=True)) != before
    assert PersonKey.objects.filter(record=signal_record).exists()


def test_a_case_person_copied_from_a_signal_stays_that_person_without_a_name() -> None:
    # Nothing to match on: no name, no phone. The copy is still the same registration.
    case = make_case(name="")
    signal_record = PersonRecord.objects.get(signal_person__signal__case_link__case=case)
    case_record = PersonRecord.objects.get(case_person__case=case)
    assert case_record.person_id == signal_record.person_id
    record_of(report("", age=30))  # another nameless person, who is someone else

    run = run_now()

    assert run.status == LinkageRun.Status.DONE, run.error
    signal_record.refresh_from_db(), case_record.refresh_from_db()
    assert case_record.person_id == signal_record.person_id
    assert PersonRecord.objects.exclude(person=signal_record.person_id).count() == 1


def test_a_run_links_the_same_person_and_respects_a_different_decision() -> None:
    police = reporter_at(OrganisationType.POLICE)
    ggd = reporter_at(OrganisationType.GGD)
    care = reporter_at(OrganisationType.CARE_COORDINATION)
    a = record_of(report("Oksana Petrenko", by=police, age=23, phone="06-41234567"))
    b = record_of(report("Oksana Petrenko", by=ggd, age=23))
    other = record_of(report("Jan de Vries", by=care, age=40, phone="06-99988877"))

    run = run_now()

    assert run.status == LinkageRun.Status.DONE, run.error
    assert run.n_records == 3
    assert run.model
    assert run.training["m_source"]
    a.refresh_from_db(), b.refresh_from_db(), other.refresh_from_db()
    assert a.person_id == b.person_id != other.person_id
    review = PairReview.objects.get(record_a=a, record_b=b)
    assert review.status == PairReview.Status.OPEN
    assert review.run == run

    services.decide(review, lead_coordinator(), same=False)
    b.refresh_from_db()
    assert b.person_id != a.person_id  # applied at once

    second = run_now()
    assert second.status == LinkageRun.Status.DONE, second.error
    assert second.n_decisions == 1
    a.refresh_from_db(), b.refresh_from_db()
    assert a.person_id != b.person_id  # and kept by the next run
    review.refresh_from_db()
    assert review.status == PairReview.Status.DIFFERENT


def test_person_ids_stay_when_the_clusters_do() -> None:
    police = reporter_at(OrganisationType.POLICE)
    care = reporter_at(OrganisationType.CARE_COORDINATION)
    a = record_of(report("Oksana Petrenko", by=police, age=23, phone="06-41234567"))
    b = record_of(report("Oksana Petrenco", by=care, age=23, phone="+31 6 41234567"))
    run_now()
    a.refresh_from_db()
    first = a.person.public_id
    run_now()
    a.refresh_from_db(), b.refresh_from_db()
    assert a.person.public_id == first
    assert b.person_id == a.person_id


def test_a_same_decision_joins_the_two_persons() -> None:
    police = reporter_at(OrganisationType.POLICE)
    care = reporter_at(OrganisationType.CARE_COORDINATION)
    a = record_of(report("Oksana Petrenko", by=police, age=23, phone="06-41234567"))
    b = record_of(report("Petrenko", by=care, age=23))
    review = pair_of(a, b, probability=0.3)
    services.decide(review, lead_coordinator(), same=True)
    a.refresh_from_db(), b.refresh_from_db()
    assert a.person_id == b.person_id
    event = AuditEvent.objects.filter(object_type="persons.pairreview").latest("seq")
    assert event.action == AuditAction.CHANGE
    assert event.detail["decision"] == "same"


def test_contradicting_decisions_are_refused() -> None:
    records = [record_of(report(f"Oksana Petrenko {n}", age=23)) for n in range(3)]
    x, y, z = sorted(records, key=lambda r: r.pk)
    coordinator = lead_coordinator()
    first, second, third = pair_of(x, y), pair_of(y, z), pair_of(x, z)
    services.decide(first, coordinator, same=True)
    services.decide(second, coordinator, same=True)
    with pytest.raises(services.LinkageError):
        services.decide(third, coordinator, same=False)


def test_incremental_match_at_intake_attaches_a_typo_and_queues_a_doubtful_one() -> None:
    care = reporter_at(OrganisationType.CARE_COORDINATION)
    ggd = reporter_at(OrganisationType.GGD)
    known = record_of(demo_set()["Oksana Petrenko"])
    assert run_now().status == LinkageRun.Status.DONE

    typo = record_of(
        report("Oksana Petrenkko", by=care, age=23, phone="0641234567", nationality="UA")
    )
    known.refresh_from_db()
    assert typo.person_id == known.person_id

    doubtful = record_of(report("Petrenko", by=ggd, age=23, nationality="UA"))
    assert doubtful.person_id != known.person_id
    review = PairReview.objects.get(record_b=doubtful, status=PairReview.Status.OPEN)
    assert review.record_a_id in {known.pk, typo.pk}
    assert services.DOUBTFUL <= review.probability < services.CONFIRMED


def test_before_the_first_run_the_fixed_priors_match() -> None:
    police = reporter_at(OrganisationType.POLICE)
    care = reporter_at(OrganisationType.CARE_COORDINATION)
    a = record_of(report("Oksana Petrenko", by=police, age=23, phone="06-41234567"))
    b = record_of(report("Oksana Petrenko", by=care, age=23, phone="+31 6 41234567"))
    assert not LinkageRun.objects.exists()
    assert a.person_id == b.person_id


def test_two_persons_in_one_signal_are_not_matched_with_each_other() -> None:
    signal = report("Oksana Petrenko", age=23, phone="06-41234567")
    services.sync_signals([signal])  # again: an edit keeps the person
    assert PersonRecord.objects.filter(signal_person__signal=signal).count() == 1


def test_a_failed_run_says_why_and_changes_nothing() -> None:
    a = record_of(report("Oksana Petrenko", age=23))
    b = record_of(report("Oksana Petrenko", age=23))
    c = record_of(report("Oksana Petrenko", age=23))
    x, y, z = sorted([a, b, c], key=lambda r: r.pk)
    # Contradicting decisions written past the service (as an old bug might have).
    pair_of(x, y, status=PairReview.Status.SAME)
    pair_of(y, z, status=PairReview.Status.SAME)
    pair_of(x, z, status=PairReview.Status.DIFFERENT)
    persons = dict(PersonRecord.objects.values_list("pk", "person_id"))
    run = run_now()
    assert run.status == LinkageRun.Status.FAILED
    assert "DecisionConflict" in run.error
    assert dict(PersonRecord.objects.values_list("pk", "person_id")) == persons


def test_only_one_run_at_a_time_and_it_is_audited() -> None:
    coordinator = lead_coordinator()
    first = services.start_run(coordinator)
    assert services.start_run(coordinator) == first
    assert first.status == LinkageRun.Status.QUEUED
    assert AuditEvent.objects.filter(
        object_type="persons.linkagerun", object_id=str(first.pk), action=AuditAction.CREATE
    ).exists()
