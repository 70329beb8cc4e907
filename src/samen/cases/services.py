"""The only code that creates or changes cases. Views (and later the API) call these.

Every change appends a CaseEvent for the timeline and an audit event, inside the same
transaction: a change that rolls back leaves neither.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samen.cases import access, codes, notifications, workflow
from samen.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CasePerson,
    CaseSignal,
    CaseStatusChange,
    Consent,
    EmergencyAccess,
    Meeting,
    MeetingDecision,
    MeetingParticipant,
    Note,
    Notification,
    Outcome,
    Referral,
    Task,
)
from samen.core import audit, crypto
from samen.core.models import Membership, Organisation, OrganisationType, User
from samen.intake import access as intake_access
from samen.intake import attachments
from samen.intake import codes as intake_codes
from samen.intake import services as intake_services
from samen.intake.models import Signal

# Unambiguous characters, as for signal references: a number is read aloud by phone.
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
EMERGENCY_REASON_MIN_LENGTH = 20
CONSENT_AGE = 16
# A task is reminded once, this many days before its deadline (or when it is overdue).
REMINDER_DAYS = 2
# Partners that house people: sharing a person with them on the ground of consent needs
# the shelter consent; every other partner the registration consent (see refer()).
SHELTER_TYPES = frozenset({OrganisationType.SHELTER, OrganisationType.COA})


class CaseError(Exception):
    """A rule of case work was broken; the message is for the user."""


class StaleCase(CaseError):
    """Someone else changed the case since the form was opened (optimistic locking)."""


class ConsentMissing(CaseError):
    """A referral on the ground of consent names a person without a given consent."""


def _base(base_url: str) -> str:
    """Links in e-mails: the address a request came in on, else the configured one."""
    return base_url or settings.SAMEN_BASE_URL


def new_number(year: int | None = None) -> str:
    year = year or timezone.now().year
    return f"Z-{year}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(6))


def _free_number() -> str:
    while True:
        number = new_number()
        if not Case.objects.filter(number=number).exists():
            return number


def _event(
    case: Case,
    membership: Membership,
    kind: str,
    summary: str = "",
    referral: Referral | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        summary=summary[:200],
        referral=referral,
        actor=membership.user,
        organisation=membership.organisation,
    )


def _audit(
    action: str,
    membership: Membership,
    obj: Any,
    purpose: str,
    detail: dict[str, Any] | None = None,
) -> None:
    audit.record(
        action,
        actor=membership.user,
        organisation=membership.organisation,
        obj=obj,
        purpose=purpose,
        detail=detail,
    )


def _require_full_scope(membership: Membership, case: Case) -> access.Scope:
    scope = access.scope_of(membership, case)
    if scope not in access.FULL_SCOPES:
        raise CaseError(_("Only the lead municipality can do this."))
    return scope  # type: ignore[return-value]


def _require_open(case: Case) -> None:
    if case.is_closed:
        raise CaseError(_("The case is closed. Reopen it first."))


def _bump_version(case: Case, expected: int, **changes: Any) -> None:
    """Write `changes` only if nobody changed the case since version `expected`."""
    updated = Case.objects.filter(pk=case.pk, version=expected).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise StaleCase(
            _(
                "Someone else changed this case while you were working on it. Nothing of "
                "yours was saved: your input is still in the form. Check the case as it is "
                "now and send again."
            )
        )
    case.refresh_from_db()


def _link_signals(case: Case, membership: Membership, signals: Iterable[Signal]) -> None:
    for signal in signals:
        if not intake_access.may_assess(membership, signal):
            raise CaseError(_("You cannot add this signal."))
        if CaseSignal.objects.filter(signal=signal).exists():
            raise CaseError(
                _("Signal %(reference)s is already part of a case.")
                % {"reference": signal.reference}
            )
        CaseSignal.objects.create(case=case, signal=signal, added_by=membership.user)
        # The people named in the signal become persons involved in the case.
        for person in signal.persons.all():
            CasePerson.objects.create(
                case=case,
                role=(
                    codes.PersonRole.SUSPECT
                    if person.role == intake_codes.PersonRole.SUSPECT
                    else codes.PersonRole.POSSIBLE_VICTIM
                ),
                victim_status=(
                    ""
                    if person.role == intake_codes.PersonRole.SUSPECT
                    else codes.VictimStatus.PRESUMED
                ),
                name=person.name,
                phone=person.phone,
                age=person.age,
                nationality=person.nationality,
                from_signal_person=person,
            )
        _event(case, membership, CaseEvent.Kind.SIGNAL_ADDED, signal.reference)
        _audit(
            audit.AuditAction.CHANGE,
            membership,
            signal,
            "signal added to a case",
            {"case": case.number},
        )


@transaction.atomic
def open_case(
    membership: Membership,
    signals: list[Signal],
    *,
    forms: list[str],
    youth: bool,
    confidentiality: str = codes.Confidentiality.CASE_CONFIDENTIAL,
) -> Case:
    """Open a case from one or more signals; the first signal's municipality leads."""
    if not signals:
        raise CaseError(_("A case starts from at least one signal."))
    lead = signals[0].municipality
    if not intake_access.coordinated_municipalities(membership).filter(pk=lead.pk).exists():
        raise CaseError(_("You cannot open a case for this municipality."))
    case = Case.objects.create(
        number=_free_number(),
        lead_municipality=lead,
        forms=sorted(set(forms)),
        youth=youth,
        confidentiality=confidentiality,
        created_by=membership.user,
    )
    CaseStatusChange.objects.create(
        case=case,
        to_status=codes.CaseStatus.NEW,
        actor=membership.user,
        organisation=membership.organisation,
    )
    _event(case, membership, CaseEvent.Kind.OPENED, codes.CaseStatus.NEW)
    _audit(audit.AuditAction.CREATE, membership, case, "case opened from signals")
    _link_signals(case, membership, signals)
    return case


@transaction.atomic
def add_signals(case: Case, membership: Membership, signals: list[Signal]) -> None:
    _require_full_scope(membership, case)
    _require_open(case)
    _link_signals(case, membership, signals)


@transaction.atomic
def update_details(
    case: Case,
    membership: Membership,
    *,
    version: int,
    forms: list[str],
    youth: bool,
    confidentiality: str,
) -> None:
    _require_full_scope(membership, case)
    _bump_version(
        case, version, forms=sorted(set(forms)), youth=youth, confidentiality=confidentiality
    )
    _event(case, membership, CaseEvent.Kind.DETAILS)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        case,
        "case details changed",
        {"forms": case.forms, "youth": youth, "confidentiality": confidentiality},
    )


@transaction.atomic
def change_status(
    case: Case, membership: Membership, *, to_status: str, reason: str, version: int
) -> CaseStatusChange:
    """Move the case along the workflow; appended as a status row, never overwritten."""
    _require_full_scope(membership, case)
    from_status = case.status
    if not workflow.may_transition(from_status, to_status):
        raise CaseError(_("This status cannot follow the current one."))
    _bump_version(case, version, status=to_status)
    change = CaseStatusChange.objects.create(
        case=case,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        actor=membership.user,
        organisation=membership.organisation,
    )
    _event(case, membership, CaseEvent.Kind.STATUS, to_status)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        case,
        "case status changed",
        {"from": from_status, "to": to_status},
    )
    if to_status == codes.CaseStatus.CLOSED:
        _end_referrals_of_closed_case(case, membership)
        _tell_reporters_the_case_closed(case, membership)
    return change


def _end_referrals_of_closed_case(case: Case, membership: Membership) -> None:
    # Access as far as shared ends with the case: no partner keeps a closed case open.
    for referral in case.referrals.filter(status=codes.ReferralStatus.REQUESTED):
        _end_referral(referral, membership, codes.ReferralStatus.REVOKED, "case closed")
    for referral in case.referrals.filter(status=codes.ReferralStatus.ACCEPTED):
        _end_referral(referral, membership, codes.ReferralStatus.CLOSED, "case closed")


def _tell_reporters_the_case_closed(case: Case, membership: Membership) -> None:
    # Feedback without details: the reporter learns that the follow-up ended, no more.
    text = _("The follow-up of your signal has been completed. Thank you for reporting.")
    for link in case.case_signals.select_related("signal"):
        # Anonymous reporters read it with their receipt code; imported rows have no
        # reporter to tell.
        if link.signal.channel != intake_codes.Channel.IMPORT:
            intake_services.message_reporter(link.signal, membership, text)


@dataclass
class PersonInput:
    role: str
    victim_status: str = ""
    name: str = ""
    date_of_birth: str = ""
    phone: str = ""
    address: str = ""
    age: int | None = None
    nationality: str = ""


@transaction.atomic
def add_person(case: Case, membership: Membership, data: PersonInput) -> CasePerson:
    _require_full_scope(membership, case)
    _require_open(case)
    if data.victim_status and data.role != codes.PersonRole.POSSIBLE_VICTIM:
        raise CaseError(_("Only a possible victim has a victim status."))
    person = CasePerson.objects.create(case=case, **vars(data))
    _event(case, membership, CaseEvent.Kind.PERSON_ADDED, data.role)
    _audit(audit.AuditAction.CREATE, membership, person, "person involved added")
    return person


PERSON_FIELDS = ("role", "name", "date_of_birth", "phone", "address", "age", "nationality")


@transaction.atomic
def update_person(
    person: CasePerson, membership: Membership, *, version: int, data: PersonInput
) -> list[str]:
    """Change a person's details under optimistic locking; returns the changed fields.

    The victim status has its own step (change_victim_status); it is cleared when the
    person is no longer a possible victim.
    """
    case = person.case
    _require_full_scope(membership, case)
    _require_open(case)
    # Locked and compared in Python: encrypted fields and blind indexes are computed on
    # save(), which a queryset update() would skip.
    current = CasePerson.objects.select_for_update().get(pk=person.pk)
    if current.version != version:
        raise StaleCase(
            _(
                "Someone else changed this person's details while you were working on them. "
                "Nothing of yours was saved: your input is still in the form. Check the "
                "details as they are now and send again."
            )
        )
    changed = [f for f in PERSON_FIELDS if getattr(current, f) != getattr(data, f)]
    for field in PERSON_FIELDS:
        setattr(current, field, getattr(data, field))
    if current.role != codes.PersonRole.POSSIBLE_VICTIM and current.victim_status:
        current.victim_status = ""
        changed.append("victim_status")
    current.version += 1
    current.save()
    person.refresh_from_db()
    # Field names only: the timeline and the audit log never carry the values.
    _event(case, membership, CaseEvent.Kind.PERSON_CHANGED, current.role)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        current,
        "person involved changed",
        {"fields": changed},
    )
    return changed


@transaction.atomic
def record_consent(
    person: CasePerson,
    membership: Membership,
    *,
    purpose: str,
    given: bool,
    signed_by: str,
    signed_on: date,
) -> Consent:
    """From 16 the person signs; below 16 a parent or guardian (CoMensha's rule)."""
    _require_full_scope(membership, person.case)
    if person.age is None:
        raise CaseError(_("Record the person's age first: it decides who signs."))
    if person.age >= CONSENT_AGE and signed_by != Consent.Signer.PERSON:
        raise CaseError(_("From 16 the person signs the consent themselves."))
    if person.age < CONSENT_AGE and signed_by == Consent.Signer.PERSON:
        raise CaseError(_("Below 16 a parent or guardian signs the consent."))
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        given=given,
        signed_by=signed_by,
        signed_on=signed_on,
        recorded_by=membership.user,
    )
    _event(person.case, membership, CaseEvent.Kind.CONSENT, purpose)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        person,
        "consent recorded",
        {"purpose": purpose, "given": given, "signed_by": signed_by},
    )
    return consent


@transaction.atomic
def refer(
    case: Case,
    membership: Membership,
    *,
    to_organisation: Organisation,
    purpose: str,
    legal_basis: str,
    information: str,
    persons: Iterable[CasePerson] = (),
    base_url: str,
) -> Referral:
    """Ask a partner to act; it sees nothing of the case until it accepts."""
    _require_full_scope(membership, case)
    _require_open(case)
    if to_organisation.pk == case.lead_municipality_id:
        raise CaseError(_("The lead municipality cannot refer to itself."))
    if case.referrals.filter(
        to_organisation=to_organisation,
        status__in=[codes.ReferralStatus.REQUESTED, codes.ReferralStatus.ACCEPTED],
    ).exists():
        raise CaseError(_("This partner already has an open referral for this case."))
    persons = list(persons)
    if any(p.case_id != case.pk for p in persons):
        raise CaseError(_("Only persons of this case can be shared."))
    consent_purpose = ""
    if legal_basis == codes.LegalBasis.CONSENT and persons:
        consent_purpose = required_consent(to_organisation)
        _check_consent(case, persons, consent_purpose)
    referral = Referral.objects.create(
        case=case,
        to_organisation=to_organisation,
        from_organisation=membership.organisation,
        purpose=purpose,
        legal_basis=legal_basis,
        information=information,
        requested_by=membership.user,
    )
    referral.persons.set(persons)
    _event(case, membership, CaseEvent.Kind.REFERRAL_REQUESTED, to_organisation.name, referral)
    _audit(
        audit.AuditAction.CREATE,
        membership,
        referral,
        "referral to a partner",
        {
            "to": to_organisation.pk,
            "legal_basis": legal_basis,
            "persons": [p.pk for p in persons],
            "consent_checked": consent_purpose,
        },
    )
    notifications.notify(
        notifications.case_workers_of(to_organisation),
        Notification.Kind.REFERRAL,
        reverse("cases:referral_respond", kwargs={"pk": referral.pk}),
        base_url=base_url,
    )
    return referral


def required_consent(partner: Organisation) -> str:
    """Which consent a referral on the ground of consent needs: shelter for a partner
    that houses people, registration for every other partner."""
    if partner.type in SHELTER_TYPES:
        return Consent.Purpose.SHELTER
    return Consent.Purpose.REGISTRATION


def has_consent(person: CasePerson, purpose: str) -> bool:
    """The latest recorded answer counts: a later refusal withdraws an earlier consent."""
    latest = person.consents.filter(purpose=purpose).order_by("-recorded_at", "-pk").first()
    return latest is not None and latest.given


def _check_consent(case: Case, persons: list[CasePerson], purpose: str) -> None:
    # Named by role and position in the case's list, never by name: the message may be
    # logged or shown to someone looking over a shoulder.
    positions = {pk: n for n, pk in enumerate(case.persons.values_list("pk", flat=True), 1)}
    missing = [p for p in persons if not has_consent(p, purpose)]
    if missing:
        which = ", ".join(
            _("%(role)s (person %(n)d)") % {"role": p.get_role_display(), "n": positions[p.pk]}
            for p in missing
        )
        raise ConsentMissing(
            _(
                "The legal basis is consent, but no consent for “%(purpose)s” has been "
                "given for: %(which)s. Record the consent first, leave these persons out, "
                "or choose another legal basis."
            )
            % {"purpose": Consent.Purpose(purpose).label, "which": which}
        )


@transaction.atomic
def respond_to_referral(
    referral: Referral,
    membership: Membership,
    *,
    accept: bool,
    reason: str,
    base_url: str = "",
) -> None:
    if referral.to_organisation_id != membership.organisation_id or not (
        access.membership_allows(membership, access.Permission.WORK_ON_CASES)
    ):
        raise CaseError(_("This referral is not addressed to you."))
    if referral.status != codes.ReferralStatus.REQUESTED:
        raise CaseError(_("This referral has already been answered."))
    if not accept and not reason.strip():
        raise CaseError(_("Give the reason for declining."))
    referral.status = codes.ReferralStatus.ACCEPTED if accept else codes.ReferralStatus.DECLINED
    referral.response_reason = reason
    referral.responded_at = timezone.now()
    referral.save(update_fields=["status", "response_reason", "responded_at"])
    kind = CaseEvent.Kind.REFERRAL_ACCEPTED if accept else CaseEvent.Kind.REFERRAL_DECLINED
    _event(referral.case, membership, kind, membership.organisation.name, referral)
    _audit(audit.AuditAction.CHANGE, membership, referral, f"referral {referral.status}")
    # The referring organisation learns the answer; the reason is read in the case.
    notifications.notify(
        notifications.case_workers_of(referral.from_organisation),
        Notification.Kind.REFERRAL_ANSWERED,
        reverse("cases:case_detail", kwargs={"number": referral.case.number}),
        base_url=_base(base_url),
    )


def _end_referral(
    referral: Referral,
    membership: Membership,
    status: str,
    purpose: str,
    *,
    done: bool | None = None,
    successful: bool | None = None,
    result: str = "",
) -> None:
    referral.status = status
    referral.ended_at = timezone.now()
    referral.done, referral.successful, referral.result = done, successful, result
    referral.save(update_fields=["status", "ended_at", "done", "successful", "result"])
    kind = (
        CaseEvent.Kind.REFERRAL_CLOSED
        if status == codes.ReferralStatus.CLOSED
        else CaseEvent.Kind.REFERRAL_REVOKED
    )
    _event(referral.case, membership, kind, referral.to_organisation.name, referral)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        referral,
        purpose,
        {"status": status, "done": done, "successful": successful},
    )


@transaction.atomic
def revoke_referral(referral: Referral, membership: Membership, *, reason: str) -> None:
    """The lead withdraws a referral; the partner's access ends at once."""
    _require_full_scope(membership, referral.case)
    if referral.status not in {codes.ReferralStatus.REQUESTED, codes.ReferralStatus.ACCEPTED}:
        raise CaseError(_("Only an open referral can be revoked."))
    _end_referral(
        referral, membership, codes.ReferralStatus.REVOKED, "referral revoked", result=reason
    )


@transaction.atomic
def close_referral(
    referral: Referral, membership: Membership, *, done: bool, successful: bool, result: str
) -> None:
    """Lead or partner ends an accepted referral with its result; access ends with it."""
    scope = access.scope_of(membership, referral.case)
    is_partner = referral.to_organisation_id == membership.organisation_id
    if scope not in access.FULL_SCOPES and not (scope == access.Scope.PARTNER and is_partner):
        raise CaseError(_("You cannot close this referral."))
    if referral.status != codes.ReferralStatus.ACCEPTED:
        raise CaseError(_("Only an accepted referral can be closed."))
    _end_referral(
        referral,
        membership,
        codes.ReferralStatus.CLOSED,
        "referral closed",
        done=done,
        successful=successful,
        result=result,
    )


@transaction.atomic
def add_note(
    case: Case, membership: Membership, *, text: str, shared_with_partners: bool = False
) -> Note:
    scope = access.scope_of(membership, case)
    if scope is None:
        raise CaseError(_("You cannot add a note to this case."))
    # A partner's note is always visible to the lead; "shared" is the lead's choice.
    shared = shared_with_partners and scope in access.FULL_SCOPES
    note = Note.objects.create(
        case=case,
        text=text,
        author=membership.user,
        organisation=membership.organisation,
        shared_with_partners=shared,
    )
    _event(case, membership, CaseEvent.Kind.NOTE)
    _audit(audit.AuditAction.CREATE, membership, note, "case note")
    return note


@transaction.atomic
def record_outcome(
    case: Case,
    membership: Membership,
    *,
    kind: str,
    on: date,
    person: CasePerson | None = None,
    remark: str = "",
) -> Outcome:
    """Lead or an involved partner records what came of the case (e.g. police: aangifte)."""
    scope = access.scope_of(membership, case)
    if scope is None:
        raise CaseError(_("You cannot record an outcome for this case."))
    if (
        person is not None
        and not access.visible_persons(membership, case, scope).filter(pk=person.pk).exists()
    ):
        raise CaseError(_("Choose a person of this case."))
    outcome = Outcome.objects.create(
        case=case,
        kind=kind,
        date=on,
        person=person,
        remark=remark,
        recorded_by=membership.user,
        organisation=membership.organisation,
    )
    _event(case, membership, CaseEvent.Kind.OUTCOME, kind)
    _audit(audit.AuditAction.CREATE, membership, outcome, "case outcome", {"kind": kind})
    return outcome


def emergency_access_hours() -> int:
    return settings.SAMEN_EMERGENCY_ACCESS_HOURS


@transaction.atomic
def grant_emergency_access(
    case: Case,
    membership: Membership,
    *,
    reason: str,
    hours: int | None = None,
    base_url: str = "",
) -> EmergencyAccess:
    """Access outside one's scope: reasoned, time-limited and flagged for the privacy officer.

    The audit event has its own action (EMERGENCY_ACCESS), which the privacy officer's
    audit log shows apart; the timeline shows it to the lead municipality as well. The
    privacy officers of the coordinator's organisation and of the lead municipality are
    notified and read the reason on the list of grants, without access to the case.
    """
    hours = hours or emergency_access_hours()
    if not access.membership_allows(membership, access.Permission.EMERGENCY_CASE_ACCESS):
        raise CaseError(_("You cannot use emergency access."))
    if len(reason.strip()) < EMERGENCY_REASON_MIN_LENGTH:
        raise CaseError(
            _("Write down why, in at least %(n)d characters.") % {"n": EMERGENCY_REASON_MIN_LENGTH}
        )
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        case=case,
        membership=membership,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    _event(case, membership, CaseEvent.Kind.EMERGENCY_ACCESS)
    _audit(
        audit.AuditAction.EMERGENCY_ACCESS,
        membership,
        case,
        "emergency access to a case outside one's scope",
        {"expires_at": grant.expires_at.isoformat(), "hours": hours, "grant": grant.pk},
    )
    notifications.notify(
        notifications.privacy_officers_of(membership.organisation, case.lead_municipality),
        Notification.Kind.EMERGENCY_ACCESS,
        reverse("cases:emergency_grants"),
        base_url=_base(base_url),
    )
    return grant


def involved_organisations(case: Case) -> list[Organisation]:
    """Who can own a task: the lead municipality, partners with an accepted referral and
    organisations invited to a meeting of the case."""
    partners = Organisation.objects.filter(
        Q(
            received_referrals__case=case,
            received_referrals__status=codes.ReferralStatus.ACCEPTED,
        )
        | Q(case_meetings__meeting__case=case)
    ).distinct()
    return [case.lead_municipality, *partners.exclude(pk=case.lead_municipality_id)]


def _task_recipients(task: Task) -> list[Membership]:
    workers = notifications.case_workers_of(task.owner_organisation)
    if task.owner_id is not None:
        workers = workers.filter(user=task.owner_id)
    return list(workers)


@transaction.atomic
def add_task(
    case: Case,
    membership: Membership,
    *,
    title: str,
    owner_organisation: Organisation,
    due_on: date,
    owner: User | None = None,
    base_url: str,
) -> Task:
    _require_full_scope(membership, case)
    _require_open(case)
    if owner_organisation not in involved_organisations(case):
        raise CaseError(_("Only the lead or an organisation involved in the case can own a task."))
    if (
        owner is not None
        and not notifications.case_workers_of(owner_organisation).filter(user=owner).exists()
    ):
        raise CaseError(_("The owner must work on cases for the owning organisation."))
    task = Task.objects.create(
        case=case,
        title=title,
        owner_organisation=owner_organisation,
        owner=owner,
        due_on=due_on,
        created_by=membership.user,
    )
    _event(case, membership, CaseEvent.Kind.TASK_ADDED, owner_organisation.name)
    _audit(audit.AuditAction.CREATE, membership, task, "case task", {"due_on": str(due_on)})
    notifications.notify(
        _task_recipients(task),
        Notification.Kind.TASK_ASSIGNED,
        reverse("cases:case_detail", kwargs={"number": case.number}),
        base_url=base_url,
    )
    return task


@transaction.atomic
def complete_task(task: Task, membership: Membership) -> None:
    """The lead, or the owning organisation, marks a task done."""
    scope = access.scope_of(membership, task.case)
    owns = task.owner_organisation_id == membership.organisation_id
    if scope is None or (scope not in access.FULL_SCOPES and not owns):
        raise CaseError(_("You cannot complete this task."))
    if task.status == Task.Status.DONE:
        raise CaseError(_("This task is already done."))
    task.status = Task.Status.DONE
    task.done_by = membership.user
    task.done_at = timezone.now()
    task.save(update_fields=["status", "done_by", "done_at"])
    _event(task.case, membership, CaseEvent.Kind.TASK_DONE, task.owner_organisation.name)
    _audit(audit.AuditAction.CHANGE, membership, task, "case task done")


@transaction.atomic
def send_task_reminders(*, base_url: str = "", today: date | None = None) -> int:
    """Remind the owners of open tasks near (or past) their deadline, once per task."""
    base_url = _base(base_url)
    today = today or timezone.localdate()
    due = (
        Task.objects.select_for_update()
        .filter(
            status=Task.Status.OPEN,
            reminded_at__isnull=True,
            due_on__lte=today + timedelta(days=REMINDER_DAYS),
        )
        .exclude(case__status=codes.CaseStatus.CLOSED)
        .select_related("case", "owner_organisation")
    )
    count = 0
    for task in due:
        notifications.notify(
            _task_recipients(task),
            Notification.Kind.TASK_DUE,
            reverse("cases:case_detail", kwargs={"number": task.case.number}),
            base_url=base_url,
        )
        task.reminded_at = timezone.now()
        task.save(update_fields=["reminded_at"])
        count += 1
    if count:
        audit.record(
            audit.AuditAction.CHANGE,
            actor_username="system",
            purpose="task deadline reminders",
            detail={"tasks": count},
        )
    return count


@transaction.atomic
def plan_meeting(
    case: Case,
    membership: Membership,
    *,
    starts_at: datetime,
    place: str,
    agenda: str,
    participants: Iterable[Organisation],
    base_url: str,
) -> Meeting:
    """Plan a case meeting; invited organisations see the case (as far as the meeting)."""
    _require_full_scope(membership, case)
    _require_open(case)
    meeting = Meeting.objects.create(
        case=case,
        starts_at=starts_at,
        place=place,
        agenda=agenda,
        organiser=membership.organisation,
        created_by=membership.user,
    )
    invited = [o for o in participants if o.pk != case.lead_municipality_id]
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, organisation=o) for o in invited
    )
    _event(case, membership, CaseEvent.Kind.MEETING_PLANNED)
    _audit(
        audit.AuditAction.CREATE,
        membership,
        meeting,
        "case meeting planned",
        {"participants": [o.pk for o in invited]},
    )
    url = reverse("cases:meeting_detail", kwargs={"number": case.number, "pk": meeting.pk})
    for organisation in invited:
        notifications.notify(
            notifications.case_workers_of(organisation),
            Notification.Kind.MEETING,
            url,
            base_url=base_url,
        )
    return meeting


@transaction.atomic
def record_minutes(meeting: Meeting, membership: Membership, *, minutes: str, version: int) -> None:
    """Under optimistic locking: two people writing minutes at once lose nothing."""
    _require_full_scope(membership, meeting.case)
    updated = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        version=F("version") + 1, minutes=minutes
    )
    if not updated:
        raise StaleCase(
            _(
                "Someone else changed these minutes while you were writing. Nothing of yours "
                "was saved: your text is still in the form. Compare it with the minutes as "
                "they are now and send again."
            )
        )
    meeting.refresh_from_db()
    _event(meeting.case, membership, CaseEvent.Kind.MINUTES)
    _audit(audit.AuditAction.CHANGE, membership, meeting, "meeting minutes")


@transaction.atomic
def record_decision(
    meeting: Meeting,
    membership: Membership,
    *,
    text: str,
    owner_organisation: Organisation | None = None,
    due_on: date | None = None,
    base_url: str,
) -> MeetingDecision:
    """A decision of the meeting; with an owner and a deadline it becomes a task."""
    case = meeting.case
    _require_full_scope(membership, case)
    if (owner_organisation is None) != (due_on is None):
        raise CaseError(_("A decision that becomes a task needs both an owner and a deadline."))
    task = None
    if owner_organisation is not None and due_on is not None:
        task = add_task(
            case,
            membership,
            title=text,
            owner_organisation=owner_organisation,
            due_on=due_on,
            base_url=base_url,
        )
    decision = MeetingDecision.objects.create(
        meeting=meeting, text=text, task=task, recorded_by=membership.user
    )
    _event(case, membership, CaseEvent.Kind.DECISION)
    _audit(
        audit.AuditAction.CREATE,
        membership,
        meeting,
        "meeting decision",
        {"decision": decision.pk, "task": task.pk if task else None},
    )
    return decision


@transaction.atomic
def change_victim_status(person: CasePerson, membership: Membership, *, status: str) -> None:
    """Potential, presumed or recognised: each change is on the timeline and audited."""
    _require_full_scope(membership, person.case)
    if person.role != codes.PersonRole.POSSIBLE_VICTIM:
        raise CaseError(_("Only a possible victim has a victim status."))
    previous = person.victim_status
    person.victim_status = status
    person.save(update_fields=["victim_status"])
    _event(person.case, membership, CaseEvent.Kind.VICTIM_STATUS, status)
    _audit(
        audit.AuditAction.CHANGE,
        membership,
        person,
        "victim status changed",
        {"from": previous, "to": status},
    )


@transaction.atomic
def add_document(
    case: Case,
    membership: Membership,
    *,
    name: str,
    data: bytes,
    shared_with_partners: bool = False,
) -> CaseDocument:
    """Checked by content and stored encrypted, as the intake's attachments are."""
    scope = access.scope_of(membership, case)
    if scope is None:
        raise CaseError(_("You cannot add a document to this case."))
    try:
        cleaned = attachments.clean(data)
    except attachments.AttachmentError as error:
        raise CaseError(str(error)) from None
    path = f"case-documents/{uuid.uuid4().hex}"
    stored = default_storage.save(
        path,
        ContentFile(crypto.encrypt_bytes(cleaned.content, context=attachments.context_for(path))),
    )
    document = CaseDocument.objects.create(
        case=case,
        file=stored,
        original_name=name[:200] or "document",
        content_type=cleaned.content_type,
        size=len(cleaned.content),
        organisation=membership.organisation,
        uploaded_by=membership.user,
        shared_with_partners=shared_with_partners and scope in access.FULL_SCOPES,
    )
    _event(case, membership, CaseEvent.Kind.DOCUMENT)
    _audit(audit.AuditAction.CREATE, membership, document, "case document")
    return document


def read_document(document: CaseDocument) -> bytes:
    with default_storage.open(document.file.name, "rb") as handle:
        return crypto.decrypt_bytes(
            handle.read(), context=attachments.context_for(document.file.name)
        )


# ZGW (Zaken API) `omschrijvingGeneriek` of the roles in an export.
ZGW_PERSON_ROLE = "belanghebbende"
ZGW_LEAD_ROLE = "zaakcoordinator"
ZGW_PARTNER_ROLE = "behandelaar"


def export_zgw(case: Case, membership: Membership, *, identities: bool = False) -> dict[str, Any]:
    """The case in the shape of a ZGW `Zaak` with its statussen, rollen and resultaten,
    for the lead municipality's own case system. Persons are exported without
    identifying data unless `identities` is chosen; free texts (reasons, notes, remarks)
    never leave. Audited as an export."""
    if access.scope_of(membership, case) != access.Scope.LEAD:
        raise CaseError(_("Only the lead municipality can export the case."))
    statuses = list(case.status_changes.all())
    closed = case.is_closed and statuses and statuses[-1].created_at.date().isoformat()
    rollen: list[dict[str, Any]] = [
        {
            "omschrijvingGeneriek": ZGW_LEAD_ROLE,
            "betrokkeneType": "organisatorische_eenheid",
            "betrokkeneIdentificatie": {
                "naam": case.lead_municipality.name,
                "identificatie": case.lead_municipality.municipality_code,
            },
        }
    ]
    partners = case.referrals.filter(
        status__in=[codes.ReferralStatus.ACCEPTED, codes.ReferralStatus.CLOSED]
    ).select_related("to_organisation")
    for referral in partners:
        rollen.append(
            {
                "omschrijvingGeneriek": ZGW_PARTNER_ROLE,
                "betrokkeneType": "organisatorische_eenheid",
                "betrokkeneIdentificatie": {"naam": referral.to_organisation.name},
            }
        )
    for n, person in enumerate(case.persons.all(), 1):
        rollen.append(
            {
                "omschrijvingGeneriek": ZGW_PERSON_ROLE,
                "roltoelichting": person.role,
                "slachtofferstatus": person.victim_status or None,
                "betrokkeneType": "natuurlijk_persoon",
                "volgnummer": n,
                "betrokkeneIdentificatie": (
                    {"geslachtsnaam": person.name, "geboortedatum": person.date_of_birth or None}
                    if identities
                    else None
                ),
            }
        )
    zaak = {
        "identificatie": case.number,
        "bronorganisatie": case.lead_municipality.municipality_code,
        "startdatum": case.created_at.date().isoformat(),
        "einddatum": closed or None,
        "zaaktype": {"omschrijving": "mensenhandel", "vormen": case.forms, "jeugd": case.youth},
        # Our code list uses the ZGW values of vertrouwelijkheidaanduiding as they are.
        "vertrouwelijkheidaanduiding": codes.Confidentiality(case.confidentiality).value,
        "statussen": [
            {"statustype": s.to_status, "datumStatusGezet": s.created_at.isoformat()}
            for s in statuses
        ],
        "rollen": rollen,
        "resultaten": [
            {"resultaattype": o.kind, "datum": o.date.isoformat()} for o in case.outcomes.all()
        ],
    }
    _audit(
        audit.AuditAction.EXPORT,
        membership,
        case,
        "ZGW export of a case",
        {"identities": identities, "persons": case.persons.count()},
    )
    return zaak
