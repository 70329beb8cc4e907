"""Multi-agency case work: a case opened from signals, the people involved, referrals
to partners, outcomes, and a timeline of everything that happened.

Close to ZGW (Open Zaak) on purpose: Case ~ Zaak (number, lead organisation,
confidentiality), CaseStatusChange ~ Status (appended, never overwritten), CasePerson ~
Rol. Personal data is encrypted at rest; labels in the audit log never carry it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.cases import codes
from samen.core.fields import BlindIndexField, EncryptedTextField


class Case(models.Model):
    # Random, never sequential: a number must not reveal how many cases exist.
    number = models.CharField(_("case number"), max_length=20, unique=True, editable=False)
    lead_municipality = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("lead municipality"),
        on_delete=models.PROTECT,
        related_name="led_cases",
        limit_choices_to={"type": "municipality"},
    )
    forms = models.JSONField(_("forms of exploitation"), default=list)
    youth = models.BooleanField(_("youth case (loverboy approach)"), default=False)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=20,
        choices=codes.Confidentiality.choices,
        default=codes.Confidentiality.CASE_CONFIDENTIAL,
    )
    # The latest status, kept in step with the appended CaseStatusChange rows.
    status = models.CharField(
        _("status"), max_length=20, choices=codes.CaseStatus.choices, default=codes.CaseStatus.NEW
    )
    # Optimistic locking: every change of the case row raises it; a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["lead_municipality", "status", "created_at"])]

    def __str__(self) -> str:
        return self.number

    def audit_label(self) -> str:
        return f"case {self.number}"

    @property
    def is_closed(self) -> bool:
        return self.status == codes.CaseStatus.CLOSED


class CaseSignal(models.Model):
    """A signal that led to the case. A signal belongs to one case at most."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_signals")
    signal = models.OneToOneField(
        "intake.Signal", on_delete=models.PROTECT, related_name="case_link"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"{self.signal_id} in {self.case}"


class CaseStatusChange(models.Model):
    """One status of a case (ZGW `Status`): appended, never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=codes.CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=codes.CaseStatus.choices)
    reason = EncryptedTextField(_("explanation"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {self.from_status} → {self.to_status}"


class CasePerson(models.Model):
    """A person involved in the case, with their role (ZGW `Rol`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=20, choices=codes.PersonRole.choices)
    victim_status = models.CharField(
        _("victim status"), max_length=20, choices=codes.VictimStatus.choices, blank=True
    )
    name = EncryptedTextField(_("name or alias"), blank=True)
    name_index = BlindIndexField(source="name", purpose="person-name")
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    phone = EncryptedTextField(_("phone number"), blank=True)
    phone_index = BlindIndexField(source="phone", purpose="phone")
    address = EncryptedTextField(_("address"), blank=True)
    # Not identifying on its own; kept plain so that consent rules can be checked.
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    # The person of a signal this one was copied from: the same registration, so the
    # linkage keeps them one person even when there is no name or phone to match on.
    from_signal_person = models.ForeignKey(
        "intake.SignalPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="case_persons",
    )
    # Optimistic locking of the person's details, as the case row has its own.
    version = models.PositiveIntegerField(default=1, editable=False)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("person involved")
        verbose_name_plural = _("persons involved")

    def __str__(self) -> str:
        return f"{self.get_role_display()} in {self.case}"

    def audit_label(self) -> str:
        return f"person {self.pk} in case {self.case.number}"


class Consent(models.Model):
    """Written consent, for registration (CoMensha) and for shelter separately; appended.

    From 16 the person signs; below 16 a parent or guardian (see services.record_consent).
    """

    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("Registration with CoMensha")
        SHELTER = "shelter", _("Shelter")

    class Signer(models.TextChoices):
        PERSON = "person", _("The person")
        PARENT = "parent", _("A parent")
        GUARDIAN = "guardian", _("A guardian")

    person = models.ForeignKey(CasePerson, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("consent for"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("consent given"))
    signed_by = models.CharField(_("signed by"), max_length=20, choices=Signer.choices)
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.purpose} consent of person {self.person_id}"


class Referral(models.Model):
    """A request to a partner to act on the case (after Primero's referral life cycle).

    requested → accepted / declined; accepted → closed; requested or accepted → revoked.
    Only an accepted referral that is not closed or revoked gives the partner access,
    and only to what it shares (the persons named in it and its own information).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    to_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="received_referrals",
    )
    from_organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=codes.LegalBasis.choices
    )
    information = EncryptedTextField(_("information shared"), blank=True)
    persons = models.ManyToManyField(
        CasePerson, verbose_name=_("persons shared"), blank=True, related_name="referrals"
    )
    status = models.CharField(
        max_length=20, choices=codes.ReferralStatus.choices, default=codes.ReferralStatus.REQUESTED
    )
    response_reason = EncryptedTextField(_("reason"), blank=True)
    # The result, recorded when the referral is closed.
    done = models.BooleanField(null=True)
    successful = models.BooleanField(null=True)
    result = EncryptedTextField(_("result"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    responded_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["to_organisation", "status"])]

    def __str__(self) -> str:
        return f"referral {self.pk}"

    def audit_label(self) -> str:
        return f"referral {self.pk} in case {self.case.number}"

    @property
    def gives_access(self) -> bool:
        return self.status == codes.ReferralStatus.ACCEPTED


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # The lead decides which of its notes partners with an accepted referral may read.
    shared_with_partners = models.BooleanField(_("visible to partners"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note {self.pk}"

    def audit_label(self) -> str:
        return f"note {self.pk} in case {self.case.number}"


class Outcome(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=30, choices=codes.OutcomeKind.choices)
    date = models.DateField(_("date"))
    person = models.ForeignKey(
        CasePerson,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    remark = EncryptedTextField(_("remark"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} in {self.case}"


class EmergencyAccess(models.Model):
    """Access outside one's scope, with a written reason, for a limited time; audited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="emergency_accesses")
    membership = models.ForeignKey(
        "core.Membership", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    reason = EncryptedTextField(_("reason"))
    granted_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"emergency access {self.pk}"


class CaseEvent(models.Model):
    """The timeline: every event on the case, who and when. Appended, never edited.

    `referral` ties an event to one referral, so that a partner sees the events of its
    own referral and no others.
    """

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        SIGNAL_ADDED = "signal_added", _("Signal added")
        DETAILS = "details", _("Case details changed")
        STATUS = "status", _("Status changed")
        PERSON_ADDED = "person_added", _("Person added")
        PERSON_CHANGED = "person_changed", _("Person's details changed")
        CONSENT = "consent", _("Consent recorded")
        REFERRAL_REQUESTED = "referral_requested", _("Referral requested")
        REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
        REFERRAL_DECLINED = "referral_declined", _("Referral declined")
        REFERRAL_CLOSED = "referral_closed", _("Referral closed")
        REFERRAL_REVOKED = "referral_revoked", _("Referral revoked")
        NOTE = "note", _("Note added")
        DOCUMENT = "document", _("Document added")
        VICTIM_STATUS = "victim_status", _("Victim status changed")
        TASK_ADDED = "task_added", _("Task added")
        TASK_DONE = "task_done", _("Task done")
        MEETING_PLANNED = "meeting_planned", _("Case meeting planned")
        MINUTES = "minutes", _("Minutes recorded")
        DECISION = "decision", _("Meeting decision")
        OUTCOME = "outcome", _("Outcome recorded")
        EMERGENCY_ACCESS = "emergency_access", _("Emergency access")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # A short, non-personal summary (a status, an outcome kind, a partner's name).
    summary = models.CharField(max_length=200, blank=True)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"

    @property
    def summary_display(self) -> str:
        """The summary in words: codes are stored, labels follow the reader's language."""
        labels: dict[str, type[models.TextChoices]] = {
            self.Kind.OPENED: codes.CaseStatus,
            self.Kind.STATUS: codes.CaseStatus,
            self.Kind.PERSON_ADDED: codes.PersonRole,
            self.Kind.PERSON_CHANGED: codes.PersonRole,
            self.Kind.OUTCOME: codes.OutcomeKind,
            self.Kind.CONSENT: Consent.Purpose,
            self.Kind.VICTIM_STATUS: codes.VictimStatus,
        }
        choices = labels.get(self.kind)
        if choices is not None and self.summary in choices.values:
            return str(choices(self.summary).label)
        return self.summary


class Task(models.Model):
    """Work on a case with an owning organisation (or person), a deadline and a reminder."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("task"))
    owner_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="case_tasks",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_tasks",
    )
    due_on = models.DateField(_("deadline"), db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # Set when the deadline reminder went out, so that each task is reminded once.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return f"task {self.pk}"

    def audit_label(self) -> str:
        return f"task {self.pk} in case {self.case.number}"


class Notification(models.Model):
    """A message in the application. Its text follows from its kind: never personal data,
    so that the e-mail that announces it can say the same without risk."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("A new referral is waiting for your answer.")
        TASK_ASSIGNED = "task_assigned", _("A task on a case was given to you.")
        TASK_DUE = "task_due", _("A task on a case is near its deadline.")
        MEETING = "meeting", _("You are invited to a case meeting.")
        REFERRAL_ANSWERED = "referral_answered", _("A partner answered your referral.")
        EMERGENCY_ACCESS = (
            "emergency_access",
            _("A coordinator used emergency access to a case. Check the reason."),
        )

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications"
    )
    # The organisation the recipient is addressed for: the link works when acting for it.
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    url = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"notification {self.pk}"


class Meeting(models.Model):
    """A case meeting (casusoverleg). Invited organisations see the case while it is open,
    but only this meeting and their own tasks: no persons unless a referral shares them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place or video link"), max_length=200)
    agenda = EncryptedTextField(_("agenda"))
    minutes = EncryptedTextField(_("minutes"), blank=True)
    # Optimistic locking of the minutes, which several people may edit after the meeting.
    version = models.PositiveIntegerField(default=1, editable=False)
    organiser = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("case meeting")
        verbose_name_plural = _("case meetings")

    def __str__(self) -> str:
        return f"meeting {self.pk}"

    def audit_label(self) -> str:
        return f"meeting {self.pk} in case {self.case.number}"


class MeetingParticipant(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="case_meetings"
    )
    invited_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="one_invitation_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in meeting {self.meeting_id}"


class MeetingDecision(models.Model):
    """A decision of a case meeting; one with an owner and deadline becomes a task."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = EncryptedTextField(_("decision"))
    task = models.OneToOneField(
        Task, on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"decision {self.pk}"


class CaseDocument(models.Model):
    """A document on the case: content-checked, stored encrypted, served only through
    the access rule (the same as notes: the lead all, others their own or shared ones)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    # Encrypted bytes under a random name (intake.attachments); never served directly.
    file = models.FileField(upload_to="case-documents/", max_length=200)
    original_name = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    shared_with_partners = models.BooleanField(_("visible to partners"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"document {self.pk}"

    def audit_label(self) -> str:
        return f"document {self.pk} in case {self.case.number}"
