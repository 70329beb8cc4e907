"""Persons: which records (persons in signals, persons involved in cases) are one human.

No column here holds identifying data in plain text: a record points to the signal or
case person it stands for (whose fields are encrypted there), and its blocking keys are
stored only as keyed hashes. Names, dates and numbers are decrypted in memory during a
linkage run or an incremental match, never written here.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Unambiguous characters, as for signal references and case numbers.
ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _random_id(prefix: str) -> str:
    body = "".join(secrets.choice(ID_ALPHABET) for _ in range(10))
    return f"{prefix}-{body[:5]}-{body[5:]}"


def new_person_id() -> str:
    return _random_id("P")


def new_review_id() -> str:
    return _random_id("K")


class Person(models.Model):
    """An identity. Random, never sequential: an id must not reveal how many there are."""

    public_id = models.CharField(
        _("person number"), max_length=20, unique=True, default=new_person_id, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.public_id

    def audit_label(self) -> str:
        return f"person {self.public_id}"


class Source(models.TextChoices):
    """Who registered a record, in the source names that the estimation's lists group."""

    POLICE = "police", _("Police")
    KMAR = "kmar", _("Royal Military Police")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    PROSECUTION = "prosecution", _("Public prosecution service")
    CARE_COORDINATOR = "care_coordinator", _("Care coordination")
    SHELTER = "shelter", _("Shelter")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    YOUTH_CARE = "youth_care", _("Youth care")
    GGD = "ggd", _("Public health service")
    COA = "coa", _("Asylum reception")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("Non-governmental organisation")
    BUSINESS = "business", _("Business")
    ANONYMOUS = "anonymous", _("Anonymous channel")
    OTHER = "other", _("Other")


class PersonRecord(models.Model):
    """One person as one organisation registered them: a signal person or a case person."""

    signal_person = models.OneToOneField(
        "intake.SignalPerson",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linkage_record",
    )
    case_person = models.OneToOneField(
        "cases.CasePerson",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linkage_record",
    )
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    # The core's BLOCKING_KEYS_VERSION the keys were made with: older ones are remade.
    keys_version = models.PositiveSmallIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person record")
        verbose_name_plural = _("person records")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(signal_person__isnull=False, case_person__isnull=True)
                    | Q(signal_person__isnull=True, case_person__isnull=False)
                ),
                name="person_record_has_one_origin",
            )
        ]

    def __str__(self) -> str:
        return f"record {self.pk}"

    def audit_label(self) -> str:
        return f"person record {self.pk}"


class PersonKey(models.Model):
    """A blocking key of a record, as a keyed hash: candidates at intake are found by it."""

    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="keys")
    key_index = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "key_index"], name="unique_person_key")
        ]

    def __str__(self) -> str:
        return f"key of record {self.record_id}"


class LinkageRun(models.Model):
    """One linkage run over all records, with its model so each link can be explained."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.FloatField(_("progress"), default=0.0)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    n_records = models.PositiveIntegerField(_("records"), default=0)
    n_persons = models.PositiveIntegerField(_("persons"), default=0)
    n_pairs = models.PositiveIntegerField(_("pairs to review"), default=0)
    n_decisions = models.PositiveIntegerField(_("review decisions applied"), default=0)
    # splink's model JSON and the training report: no personal data, only parameters.
    model = models.JSONField(default=dict, blank=True)
    training = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("linkage run")
        verbose_name_plural = _("linkage runs")

    def __str__(self) -> str:
        return f"linkage run {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def percent(self) -> int:
        return round(100 * self.progress)


class PairReview(models.Model):
    """A doubtful pair of records for a coordinator to call: same person or not."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        SAME = "same", _("Same person")
        DIFFERENT = "different", _("Different persons")

    public_id = models.CharField(max_length=20, unique=True, default=new_review_id, editable=False)
    # record_a has the lower pk: one row per pair, whichever order it was found in.
    record_a = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField(_("match probability"), null=True, blank=True)
    # Why the run did or did not link them (the core's note, no personal data).
    note = models.CharField(max_length=200, blank=True)
    run = models.ForeignKey(
        LinkageRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-probability", "pk"]
        verbose_name = _("pair to review")
        verbose_name_plural = _("pairs to review")
        constraints = [
            models.UniqueConstraint(fields=["record_a", "record_b"], name="one_review_per_pair"),
            models.CheckConstraint(
                condition=Q(record_a__lt=F("record_b")), name="review_pair_in_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "probability"])]

    def __str__(self) -> str:
        return self.public_id

    def audit_label(self) -> str:
        return f"pair {self.public_id}"
