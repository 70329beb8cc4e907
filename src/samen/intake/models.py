"""Signals: what professionals, businesses and anonymous reporters tell the municipality.

Personal data (names, phone numbers, addresses, descriptions, messages) is encrypted at
rest; exact-match lookups for duplicate hints go through blind indexes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samen.core.fields import BlindIndexField, EncryptedTextField
from samen.intake import codes


class IndicatorCatalogue(models.Model):
    """One version of the indicator list. A signal keeps the version it was made with."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    source_note = models.TextField(_("source"), blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("indicator catalogue")
        verbose_name_plural = _("indicator catalogues")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_catalogue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Indicator(models.Model):
    catalogue = models.ForeignKey(
        IndicatorCatalogue, on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=60)
    text_nl = models.CharField(_("text (Dutch)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    forms = models.JSONField(_("forms of exploitation"), default=list)
    loverboy = models.BooleanField(_("points to loverboy recruitment"), default=False)
    settings = models.JSONField(_("settings"), default=list)
    dimension = models.CharField(_("dimension"), max_length=60, choices=codes.Dimension.choices)
    grade = models.CharField(_("grade"), max_length=10, choices=codes.Grade.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    @property
    def text(self) -> str:
        return self.text_nl if translation.get_language() == "nl" else self.text_en


class Signal(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=codes.Channel.choices)
    catalogue = models.ForeignKey(
        IndicatorCatalogue, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="signals",
        limit_choices_to={"type": "municipality"},
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reporter_organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reporter_contact = EncryptedTextField(_("reporter's contact details"), blank=True)
    location_type = models.CharField(
        _("type of location"), max_length=20, choices=codes.LocationType.choices
    )
    address = EncryptedTextField(_("address or place"), blank=True)
    address_index = BlindIndexField(source="address", purpose="address")
    forms = models.JSONField(_("forms of exploitation"), default=list)
    sector = models.CharField(_("sector"), max_length=20, choices=codes.Sector.choices, blank=True)
    setting = models.CharField(
        _("setting"), max_length=20, choices=codes.Setting.choices, default=codes.Setting.GENERAL
    )
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="signals")
    description = EncryptedTextField(_("what happened"), blank=True)
    immediate_danger = models.BooleanField(_("someone is in danger now"), default=False)
    minor_involved = models.BooleanField(_("a minor is involved"), default=False)
    awareness = models.CharField(
        _("does the person know about this report?"),
        max_length=20,
        choices=codes.Awareness.choices,
        blank=True,
    )
    written_consent = models.BooleanField(
        _("written consent for registration with CoMensha"), default=False
    )
    score = models.PositiveIntegerField(_("triage score"), default=0)
    urgency = models.CharField(
        _("urgency"), max_length=20, choices=codes.Urgency.choices, default=codes.Urgency.LOW
    )
    urgency_rank = models.PositiveSmallIntegerField(default=3, editable=False)
    triage_reasons = models.JSONField(default=list, editable=False)
    # The latest status, kept in step with the appended SignalEvent rows by the services.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=codes.SignalStatus.choices,
        default=codes.SignalStatus.RECEIVED,
    )
    import_key = models.CharField(max_length=80, unique=True, null=True, blank=True, editable=False)
    # Not auto_now_add: an imported registration keeps the date it was received.
    created_at = models.DateTimeField(
        _("received at"), default=timezone.now, editable=False, db_index=True
    )

    class Meta:
        ordering = ["urgency_rank", "created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["municipality", "status", "urgency_rank", "created_at"]),
            models.Index(fields=["reporter", "created_at"]),
            models.Index(fields=["reporter_organisation", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def audit_label(self) -> str:
        return f"signal {self.reference}"


class SignalPerson(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=20, choices=codes.PersonRole.choices)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    age_band = models.CharField(
        _("age group"), max_length=10, choices=codes.AgeBand.choices, default=codes.AgeBand.UNKNOWN
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=codes.Gender.choices, default=codes.Gender.UNKNOWN
    )
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=60, blank=True)
    name = EncryptedTextField(_("name or alias"), blank=True)
    name_index = BlindIndexField(source="name", purpose="person-name")
    phone = EncryptedTextField(_("phone number"), blank=True)
    phone_index = BlindIndexField(source="phone", purpose="phone")

    class Meta:
        verbose_name = _("person in a signal")
        verbose_name_plural = _("persons in a signal")

    def __str__(self) -> str:
        return f"{self.get_role_display()} ({self.get_age_band_display()})"

    @property
    def is_minor(self) -> bool:
        if self.age is not None:
            return self.age < 18
        return self.age_band in codes.MINOR_BANDS


class SignalEvent(models.Model):
    """Everything that happens to a signal, appended: statuses, decisions and messages."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        STATUS = "status", _("Status changed")
        DECISION = "decision", _("Decision")
        MESSAGE_TO_REPORTER = "to_reporter", _("Message to the reporter")
        MESSAGE_FROM_REPORTER = "from_reporter", _("Message from the reporter")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=codes.SignalStatus.choices, blank=True)
    decision = models.CharField(max_length=20, choices=codes.Decision.choices, blank=True)
    text = EncryptedTextField(_("text"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    forwarded_to = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal} {self.kind}"


class Attachment(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    # Encrypted bytes under a random name (see attachments.py); never served directly.
    file = models.FileField(upload_to="attachments/", max_length=200)
    original_name = EncryptedTextField(_("file name"))
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"attachment {self.pk} of {self.signal}"

    def audit_label(self) -> str:
        return f"attachment {self.pk} of signal {self.signal.reference}"
