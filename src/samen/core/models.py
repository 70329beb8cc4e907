"""Who works in Samen: regions, organisations, people and the roles they hold."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from samen.core.audit_models import AuditChainHead, AuditEvent
from samen.core.fields import BlindIndexField, EncryptedTextField
from samen.core.recovery import RecoveryCode, RecoveryCodeDevice

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "Membership",
    "Municipality",
    "Organisation",
    "OrganisationType",
    "RecoveryCode",
    "RecoveryCodeDevice",
    "Region",
    "Role",
    "User",
]


class Region(models.Model):
    """A cooperating region, e.g. Noord-Veluwe (a Regionale Tafel Mensenhandel area)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGIONAL_PARTNERSHIP = "regional_partnership", _("Regional partnership")
    POLICE = "police", _("Police (AVIM)")
    KMAR = "kmar", _("Royal Military Police (KMar)")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    PROSECUTION = "prosecution", _("Public prosecution service")
    CARE_COORDINATION = "care_coordination", _("Care coordination for trafficking victims")
    SHELTER = "shelter", _("Shelter")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    YOUTH_CARE = "youth_care", _("Youth care")
    GGD = "ggd", _("Public health service (GGD)")
    COA = "coa", _("Asylum reception (COA)")
    HOUSING = "housing", _("Housing association")
    SCHOOL = "school", _("School")
    NGO = "ngo", _("Non-governmental organisation")
    HOTEL = "hotel", _("Hotel")
    HOLIDAY_PARK = "holiday_park", _("Holiday park")
    OTHER = "other", _("Other")


BUSINESS_TYPES = {OrganisationType.HOTEL, OrganisationType.HOLIDAY_PARK}


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    municipality_code = models.CharField(
        _("CBS municipality code"),
        max_length=6,
        blank=True,
        help_text=_("For municipalities: the CBS code, e.g. GM0243 for Harderwijk."),
    )
    municipality = models.ForeignKey(
        "self",
        verbose_name=_("located in municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="located_organisations",
        limit_choices_to={"type": OrganisationType.MUNICIPALITY},
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_code"],
                condition=~models.Q(municipality_code=""),
                name="unique_municipality_code",
            ),
            models.CheckConstraint(
                condition=~models.Q(type="municipality") | ~models.Q(municipality_code=""),
                name="municipality_has_cbs_code",
                violation_error_message=_("A municipality needs its CBS code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipality(self) -> bool:
        return self.type == OrganisationType.MUNICIPALITY


class MunicipalityManager(models.Manager["Municipality"]):
    def get_queryset(self) -> models.QuerySet[Municipality]:
        return super().get_queryset().filter(type=OrganisationType.MUNICIPALITY)


class Municipality(Organisation):
    """Municipalities are organisations of that type; a proxy gives them their own admin."""

    objects = MunicipalityManager()

    class Meta:
        proxy = True
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def save(self, *args: object, **kwargs: object) -> None:
        self.type = OrganisationType.MUNICIPALITY
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator (ketenregisseur)")
    CASE_WORKER = "case_worker", _("Case worker")
    REPORTER = "reporter", _("Reporting professional")
    BUSINESS_USER = "business_user", _("Business user")
    ANALYST = "analyst", _("Analyst")
    CERTIFIER = "certifier", _("Certifier")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    ADMINISTRATOR = "administrator", _("Administrator")


def _new_session_epoch() -> str:
    return secrets.token_hex(16)


class User(AbstractUser):
    """A staff member. Which organisations they act for, and how, lives in Membership."""

    phone = EncryptedTextField(_("phone number"), blank=True)
    phone_index = BlindIndexField(source="phone", purpose="phone")
    # Changing the epoch invalidates every session of this user ("log out everywhere").
    session_epoch = models.CharField(max_length=32, default=_new_session_epoch, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_session_auth_hash(self) -> str:
        return salted_hmac(
            "samen.core.User.session",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def rotate_session_epoch(self) -> None:
        self.session_epoch = _new_session_epoch()
        self.save(update_fields=["session_epoch"])


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"
