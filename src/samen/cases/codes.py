"""Code lists of case work. Values follow ZGW (Open Zaak) names where ZGW has one, so a
later export to a municipal case system maps them without translation tables."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSESSMENT = "assessment", _("Assessment")
    ACTION = "action", _("Action")
    AFTERCARE = "aftercare", _("Aftercare")
    CLOSED = "closed", _("Closed")


class Confidentiality(models.TextChoices):
    # ZGW `vertrouwelijkheidaanduiding`; only the levels that fit trafficking cases.
    CASE_CONFIDENTIAL = "zaakvertrouwelijk", _("Confidential to the case")
    CONFIDENTIAL = "vertrouwelijk", _("Confidential")
    SECRET = "geheim", _("Secret")


class PersonRole(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim")
    SUSPECT = "suspect", _("Possible suspect")
    WITNESS = "witness", _("Witness")
    CONTACT = "contact", _("Contact person")


class VictimStatus(models.TextChoices):
    # Kept apart on purpose: risk factors, signals of trafficking, recognised in a
    # criminal case (see domain.md).
    POTENTIAL = "potential", _("Potential victim")
    PRESUMED = "presumed", _("Presumed victim")
    RECOGNISED = "recognised", _("Recognised victim")


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")
    REVOKED = "revoked", _("Revoked")


class LegalBasis(models.TextChoices):
    # GDPR art. 6(1); the special categories exception is named in the detail text.
    CONSENT = "consent", _("Consent of the person (GDPR 6(1)(a))")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR 6(1)(c))")
    VITAL_INTEREST = "vital_interest", _("Vital interest (GDPR 6(1)(d))")
    PUBLIC_TASK = "public_task", _("Public task (GDPR 6(1)(e))")


class OutcomeKind(models.TextChoices):
    COMPLAINT = "complaint", _("Criminal complaint (aangifte) made")
    REFLECTION_OFFERED = "reflection_offered", _("Reflection period (B8) offered")
    REFLECTION_STARTED = "reflection_started", _("Reflection period (B8) started")
    SHELTER_COSM = "shelter_cosm", _("Placed in shelter (COSM)")
    SHELTER_OTHER = "shelter_other", _("Placed in other shelter")
    CARE_STARTED = "care_started", _("Care started")
    COMENSHA = "comensha", _("Registered with CoMensha")
    ADMINISTRATIVE = "administrative", _("Administrative measure (e.g. premises closed)")
    INVESTIGATION = "investigation", _("Criminal investigation started")
    NO_FOLLOW_UP = "no_follow_up", _("No follow-up")
