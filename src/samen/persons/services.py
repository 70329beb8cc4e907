"""The only code that changes persons, records, linkage runs and pair reviews.

Records follow signal and case persons (`sync_signals`, `sync_case_person`); a new
record is matched at once against the records that share a blocking key, with the
model of the last successful run (`match_record` of samen.linkage). A full run
(`start_run` → background task → `execute_run`) relinks everything, respecting every
review decision, and keeps Person ids stable where a cluster stays the same.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from samen import linkage
from samen.cases.models import CasePerson
from samen.core import audit, crypto
from samen.core.models import Membership
from samen.intake.models import Signal, SignalPerson
from samen.linkage.decisions import resolve_decisions
from samen.linkage.progress import Progress
from samen.persons import access, records
from samen.persons.models import LinkageRun, PairReview, Person, PersonKey, PersonRecord

logger = logging.getLogger(__name__)

KEY_PURPOSE = "linkage-blocking-key"
CONFIG = linkage.LinkageConfig()
# Incremental matching: at or above this a new record joins the candidate's person; in
# [doubtful_low, this) the pair goes to review. The run's own band, so both agree.
CONFIRMED = CONFIG.doubtful_high
DOUBTFUL = CONFIG.doubtful_low
MAX_CANDIDATES = 200
# A run still "queued" or "running" after this long is taken to have died with its worker.
STALE_RUN = timedelta(hours=2)
# Matching many persons at once (a spreadsheet import) would hold the request; a run
# links them later.
MATCH_AT_ONCE = 25


class LinkageError(Exception):
    """A rule of the linkage was broken; the message is for the user."""


# --- records and blocking keys ---------------------------------------------------------


def blocking_key_hashes(row: records.Row) -> set[str]:
    """The core's blocking keys of a record, stored only as keyed hashes."""
    keys = linkage.blocking_keys(row, default_country_code=CONFIG.default_country_code)
    return {crypto.blind_index(key, purpose=KEY_PURPOSE) for key in keys}


def _save_keys(record: PersonRecord, hashes: set[str]) -> None:
    existing = set(record.keys.values_list("key_index", flat=True))
    if existing - hashes:
        record.keys.filter(key_index__in=existing - hashes).delete()
    PersonKey.objects.bulk_create(PersonKey(record=record, key_index=h) for h in hashes - existing)
    if record.keys_version != linkage.BLOCKING_KEYS_VERSION:
        record.keys_version = linkage.BLOCKING_KEYS_VERSION
        record.save(update_fields=["keys_version"])


def last_model_run() -> LinkageRun | None:
    return (
        LinkageRun.objects.filter(status=LinkageRun.Status.DONE)
        .exclude(model={})
        .order_by("-finished_at", "-pk")
        .first()
    )


def _ordered(a: PersonRecord | int, b: PersonRecord | int) -> tuple[int, int]:
    x = a if isinstance(a, int) else a.pk
    y = b if isinstance(b, int) else b.pk
    return (x, y) if x < y else (y, x)


def _open_review(
    a: PersonRecord, b: PersonRecord, probability: float, note: str, run: LinkageRun | None
) -> PairReview | None:
    first, second = _ordered(a, b)
    review, created = PairReview.objects.get_or_create(
        record_a_id=first,
        record_b_id=second,
        defaults={"probability": probability, "note": note[:200], "run": run},
    )
    return review if created else None


def _note(match: linkage.CandidateMatch) -> str:
    # Field names and the core's reason only: no values.
    parts = []
    if match.reasons:
        parts.append("for: " + ", ".join(match.reasons))
    if match.against:
        parts.append("against: " + ", ".join(match.against))
    if match.conflict:
        parts.append("not linked: " + match.conflict)
    return "; ".join(parts)[:200]


def _match_new(
    row: records.Row, hashes: set[str], exclude: Q
) -> tuple[Person, list[tuple[PersonRecord, float, str]]]:
    """The person a new record belongs to, and the doubtful candidates to review.

    Scored with the model of the last successful run; before the first run, with the
    core's fixed priors.
    """
    candidates = list(
        records.with_origins(
            PersonRecord.objects.filter(keys__key_index__in=hashes)
            .exclude(exclude)
            .distinct()
            .order_by("-pk")[:MAX_CANDIDATES]
        )
    )
    if not candidates:
        return Person.objects.create(), []
    run = last_model_run()
    by_id = {str(c.pk): c for c in candidates}
    # Only these candidates are decrypted, in memory, for this comparison.
    matches = linkage.match_record(
        row,
        [records.record_row(c) for c in candidates],
        run.model if run else None,
        threshold=DOUBTFUL,
        default_country_code=CONFIG.default_country_code,
    )
    person: Person | None = None
    doubtful: list[tuple[PersonRecord, float, str]] = []
    asked: set[int] = set()  # one question per known person: its best-matching record
    for match in matches:  # highest probability first
        candidate = by_id.get(str(match.record_id))
        if candidate is None:
            continue
        # A conflict (a relative, incompatible dates) is linked by a reviewer, not here.
        if person is None and match.probability >= CONFIRMED and match.conflict is None:
            person = candidate.person
            asked.add(person.pk)
        elif candidate.person_id not in asked:
            asked.add(candidate.person_id)
            doubtful.append((candidate, match.probability, _note(match)))
    return person or Person.objects.create(), doubtful


def _sync_one(item: Item, exclude: Q, *, same_as: Person | None = None) -> PersonRecord:
    """Make or update the record of one person; a new one is matched against known ones
    (sharing a blocking key, outside `exclude`) unless it is known to be `same_as`."""
    origin, source, row_of = item
    record = PersonRecord.objects.filter(**origin).first()  # type: ignore[arg-type]
    row = row_of("new" if record is None else str(record.pk))
    hashes = blocking_key_hashes(row)
    if record is not None:
        # An edit: new keys and source; the person stays until the next run says otherwise.
        if record.source != source:
            record.source = source
            record.save(update_fields=["source", "updated_at"])
        _save_keys(record, hashes)
        return record
    if same_as is not None:
        person, doubtful = same_as, []
    else:
        person, doubtful = _match_new(row, hashes, exclude)
    record = PersonRecord.objects.create(source=source, person=person, **origin)  # type: ignore[arg-type]
    _save_keys(record, hashes)
    run = last_model_run()
    for candidate, probability, note in doubtful:
        _open_review(record, candidate, probability, note, run)
    return record


Item = tuple[dict[str, object], str, Callable[[str], records.Row]]


def _signal_item(person: SignalPerson) -> Item:
    """Origin, source and row maker of a signal's person."""
    source = records.source_of_signal(person.signal)
    return (
        {"signal_person": person},
        source,
        lambda rid: records.signal_person_row(rid, person, source),
    )


def _case_item(person: CasePerson) -> Item:
    source = records.source_of_case_person(person)
    return (
        {"case_person": person},
        source,
        lambda rid: records.case_person_row(rid, person, source),
    )


def _create_unmatched(items: list[Item]) -> list[PersonRecord]:
    """New records, each its own person until a run says otherwise: a few queries for
    a whole import instead of several per person."""
    persons = Person.objects.bulk_create(Person() for _ in items)
    made = PersonRecord.objects.bulk_create(
        PersonRecord(
            source=source, person=person, keys_version=linkage.BLOCKING_KEYS_VERSION, **origin
        )
        for (origin, source, _), person in zip(items, persons, strict=True)
    )
    PersonKey.objects.bulk_create(
        PersonKey(record=record, key_index=key)
        for record, (_, _, row_of) in zip(made, items, strict=True)
        for key in blocking_key_hashes(row_of(str(record.pk)))
    )
    return made


def sync_signals(signals: Iterable[Signal]) -> list[PersonRecord]:
    """Records for the persons of new signals, each matched against known persons."""
    persons = list(
        SignalPerson.objects.filter(signal__in=[s.pk for s in signals])
        .select_related("signal__reporter_organisation")
        .order_by("pk")
    )
    if len(persons) > MATCH_AT_ONCE:
        # An import: matched by the next run, not one by one inside the request.
        return _create_unmatched([_signal_item(person) for person in persons])
    # Two persons in one signal are two people; the signal says so.
    return [
        _sync_one(_signal_item(person), Q(signal_person__signal=person.signal_id))
        for person in persons
    ]


def sync_case_person(person: CasePerson) -> PersonRecord:
    """The record of a person involved in a case, made or brought up to date."""
    # Copied from a signal's person: the same registration, so the same person.
    copied_from = (
        PersonRecord.objects.filter(signal_person=person.from_signal_person_id).first()
        if person.from_signal_person_id
        else None
    )
    return _sync_one(
        _case_item(person),
        Q(case_person__case=person.case_id),
        same_as=copied_from.person if copied_from else None,
    )


def sync_missing() -> int:
    """Records for persons made before this app existed or while it was failing."""
    signal_persons = SignalPerson.objects.filter(linkage_record__isnull=True).select_related(
        "signal__reporter_organisation"
    )
    case_persons = CasePerson.objects.filter(linkage_record__isnull=True).select_related("case")
    items = [_signal_item(p) for p in signal_persons] + [_case_item(p) for p in case_persons]
    return len(_create_unmatched(items))


# --- runs ------------------------------------------------------------------------------


def active_run() -> LinkageRun | None:
    return (
        LinkageRun.objects.filter(
            status__in=[LinkageRun.Status.QUEUED, LinkageRun.Status.RUNNING],
            created_at__gte=timezone.now() - STALE_RUN,
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def start_run(membership: Membership) -> LinkageRun:
    """Queue a run over all records; one at a time (a running one is returned instead)."""
    running = active_run()
    if running is not None:
        return running
    run = LinkageRun.objects.create(
        started_by=membership.user, organisation=membership.organisation
    )
    audit.record(
        audit.AuditAction.CREATE,
        actor=membership.user,
        organisation=membership.organisation,
        obj=run,
        purpose="linkage run started",
    )
    transaction.on_commit(lambda: run_linkage.enqueue(run.pk))
    return run


@task
def run_linkage(run_id: int) -> str:
    """The background task (django-tasks-db's `db_worker` runs it)."""
    return execute_run(run_id).status


def _update(run_id: int, **fields: object) -> None:
    # A plain UPDATE, committed at once, so the progress page sees it during the run.
    LinkageRun.objects.filter(pk=run_id).update(**fields)


# Where each stage of the core starts and ends on the progress bar.
STAGE_SPAN: dict[str, tuple[float, float]] = {
    "reading records": (0.0, 0.05),
    "cleaning records": (0.05, 0.15),
    "training the model": (0.15, 0.35),
    "scoring candidate pairs": (0.35, 0.6),
    "clustering": (0.6, 0.85),
    "saving persons": (0.85, 1.0),
}


class RunProgress(Progress):
    """The core's progress, written to the LinkageRun instead of stderr."""

    def __init__(self, run_id: int) -> None:
        super().__init__(enabled=False)
        self.run_id = run_id
        self._last = -1.0

    def _set(self, name: str, fraction: float) -> None:
        low, high = STAGE_SPAN.get(name, (self._last, self._last))
        value = max(self._last, low + (high - low) * fraction)
        # A few hundred writes a run at most.
        if value - self._last >= 0.01 or fraction in {0.0, 1.0}:
            self._last = value
            _update(self.run_id, stage=name[:200], progress=round(min(value, 1.0), 3))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        with super().stage(name):
            self._set(name, 0.0)
            yield
        self._set(name, 1.0)

    def bar(self, done: int, total: int, width: int = 30) -> None:
        if total > 0:
            self._set(self._current, done / total)


def execute_run(run_id: int) -> LinkageRun:
    """One run: read and decrypt all records in memory, link, save persons and reviews."""
    run = LinkageRun.objects.get(pk=run_id)
    if run.status != LinkageRun.Status.QUEUED:
        return run
    started = timezone.now()
    _update(run_id, status=LinkageRun.Status.RUNNING, started_at=started)
    progress = RunProgress(run_id)
    try:
        with progress.stage("reading records"):
            sync_missing()
            all_records = list(records.with_origins().order_by("pk"))
            rows = [records.record_row(r) for r in all_records]
            # Keys made by an older recipe of the core are made anew, while decrypted.
            for record, row in zip(all_records, rows, strict=True):
                if record.keys_version != linkage.BLOCKING_KEYS_VERSION:
                    _save_keys(record, blocking_key_hashes(row))
            decisions = known_decisions()
        result = linkage.link_records(
            linkage.records_from_rows(rows), CONFIG, progress, decisions=decisions
        )
        del rows  # the plaintext is not needed any more
        with progress.stage("saving persons"), transaction.atomic():
            n_persons = _save_assignments(all_records, result.assignments.to_pylist())
            n_pairs = _save_pairs(run, result.pairs.to_pylist(), started)
            audit.record(
                audit.AuditAction.VIEW,
                actor=run.started_by,
                organisation=run.organisation,
                obj=run,
                purpose="linkage run: person records decrypted in memory",
                detail={"records": len(all_records)},
            )
            _update(
                run_id,
                status=LinkageRun.Status.DONE,
                finished_at=timezone.now(),
                progress=1.0,
                stage="done",
                n_records=len(all_records),
                n_persons=n_persons,
                n_pairs=n_pairs,
                n_decisions=len(decisions),
                model=result.model,
                training=asdict(result.training),
            )
        _update(run_id, stage="done")  # after the stage's own last write
    except Exception as error:
        # The message names record ids at most (e.g. contradicting decisions), no values.
        logger.exception("linkage run %s failed", run_id)
        _update(
            run_id,
            status=LinkageRun.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:2000],
        )
    run.refresh_from_db()
    return run


def _save_assignments(all_records: list[PersonRecord], assignments: list[dict]) -> int:
    """Give each cluster a Person, keeping the one most of its records already had."""
    cluster_of = {row["record_id"]: row["person_id"] for row in assignments}
    clusters: dict[str, list[PersonRecord]] = {}
    for record in all_records:
        clusters.setdefault(cluster_of[str(record.pk)], []).append(record)
    # Strongest claims first: a Person goes to the cluster holding most of its records;
    # ties to the older Person, so ids are stable from run to run.
    claims = sorted(
        (-count, person_id, label)
        for label, members in clusters.items()
        for person_id, count in Counter(r.person_id for r in members).items()
    )
    person_of: dict[str, int] = {}
    taken: set[int] = set()
    for _count, person_id, label in claims:
        if label not in person_of and person_id not in taken:
            person_of[label] = person_id
            taken.add(person_id)
    for label in sorted(clusters.keys() - person_of.keys()):
        person_of[label] = Person.objects.create().pk
    changed = []
    for label, members in clusters.items():
        for record in members:
            if record.person_id != person_of[label]:
                record.person_id = person_of[label]
                changed.append(record)
    PersonRecord.objects.bulk_update(changed, ["person"], batch_size=500)
    Person.objects.filter(records__isnull=True).delete()
    return len(clusters)


def _save_pairs(run: LinkageRun, pairs: list[dict], started: object) -> int:
    """Open reviews for the run's doubtful pairs that nobody decided yet."""
    existing = {(r.record_a_id, r.record_b_id): r for r in PairReview.objects.all()}
    seen: set[tuple[int, int]] = set()
    new: list[PairReview] = []
    for pair in pairs:
        if pair.get("decision"):
            continue  # reviewed: the decision stands
        key = _ordered(int(pair["record_id_l"]), int(pair["record_id_r"]))
        if key in seen:
            continue
        seen.add(key)
        probability = float(pair["match_probability"])
        note = str(pair.get("note") or "")[:200]
        review = existing.get(key)
        if review is None:
            new.append(
                PairReview(
                    record_a_id=key[0],
                    record_b_id=key[1],
                    probability=probability,
                    note=note,
                    run=run,
                )
            )
        elif review.status == PairReview.Status.OPEN:
            review.probability, review.note, review.run = probability, note, run
            review.save(update_fields=["probability", "note", "run"])
    PairReview.objects.bulk_create(new, batch_size=500)
    # Open pairs of earlier runs that this run no longer doubts are gone; pairs found at
    # intake while this run was going stay.
    stale = [
        r.pk
        for key, r in existing.items()
        if r.status == PairReview.Status.OPEN and key not in seen and r.created_at < started
    ]
    PairReview.objects.filter(pk__in=stale).delete()
    return len(seen)


# --- review ----------------------------------------------------------------------------


def known_decisions(*, excluding: PairReview | None = None) -> list[linkage.ReviewDecision]:
    """What every run must respect: reviewers' calls on pairs, and each case person
    copied from a signal's person being that same person."""
    reviewed = PairReview.objects.exclude(status=PairReview.Status.OPEN)
    if excluding is not None:
        reviewed = reviewed.exclude(pk=excluding.pk)
    decisions = [
        linkage.ReviewDecision(str(a), str(b), status == PairReview.Status.SAME)
        for a, b, status in reviewed.values_list("record_a_id", "record_b_id", "status")
    ]
    copies = PersonRecord.objects.filter(
        case_person__from_signal_person__linkage_record__isnull=False
    ).values_list("pk", "case_person__from_signal_person__linkage_record")
    decisions += [linkage.ReviewDecision(str(a), str(b), True) for a, b in copies]
    return decisions


def _check_consistent(review: PairReview, same: bool) -> None:
    """Refuse a decision that contradicts earlier ones (A = B, B = C, but A ≠ C)."""
    decided = known_decisions(excluding=review)
    decided.append(linkage.ReviewDecision(str(review.record_a_id), str(review.record_b_id), same))
    ids = sorted({d.record_id_a for d in decided} | {d.record_id_b for d in decided})
    try:
        resolve_decisions(ids, decided)
    except linkage.DecisionConflict:
        raise LinkageError(
            _(
                "This contradicts earlier decisions: through other pairs called the same "
                "person, these records are already one person."
            )
        ) from None


@transaction.atomic
def decide(review: PairReview, membership: Membership, same: bool) -> PairReview:
    """A coordinator's call on a pair: audited, applied now and respected by every run."""
    if not access.may_review(membership, review):
        raise LinkageError(_("You cannot decide on this pair."))
    _check_consistent(review, same)
    previous = review.status
    review.status = PairReview.Status.SAME if same else PairReview.Status.DIFFERENT
    review.decided_by = membership.user
    review.decided_organisation = membership.organisation
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_organisation", "decided_at"])
    # Fresh from the database: earlier decisions may have moved either record.
    a = PersonRecord.objects.get(pk=review.record_a_id)
    b = PersonRecord.objects.get(pk=review.record_b_id)
    if same and a.person_id != b.person_id:
        # One person from now on; the next run keeps them together (must-link).
        old = b.person_id
        PersonRecord.objects.filter(person=old).update(person=a.person_id)
        Person.objects.filter(pk=old, records__isnull=True).delete()
    elif not same and a.person_id == b.person_id:
        b.person = Person.objects.create()
        b.save(update_fields=["person", "updated_at"])
    audit.record(
        audit.AuditAction.CHANGE,
        actor=membership.user,
        organisation=membership.organisation,
        obj=review,
        purpose="linkage review decision",
        detail={"decision": review.status, "previous": previous},
    )
    return review
