"""Code lists of the intake, after ../shared/domain.md (and HTCDS where it has one)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation (including domestic work and begging)")
    CRIMINAL = "criminal", _("Criminal exploitation (forced crime)")
    ORGAN_REMOVAL = "organ_removal", _("Organ removal")
    UNCLEAR = "unclear", _("Not clear yet")


class Setting(models.TextChoices):
    GENERAL = "general", _("General")
    YOUTH = "youth", _("Young people (loverboy approach)")
    HOTEL = "hotel", _("Hotel or holiday park")
    LABOUR_MIGRANTS = "labour_migrants", _("Labour migrants")
    ASYLUM_RECEPTION = "asylum_reception", _("Asylum reception")


class Dimension(models.TextChoices):
    DECEPTIVE_RECRUITMENT = "deceptive_recruitment", _("Deceptive recruitment")
    COERCIVE_RECRUITMENT = "coercive_recruitment", _("Coercive recruitment")
    RECRUITMENT_ABUSE = (
        "recruitment_abuse_of_vulnerability",
        _("Recruitment by abuse of vulnerability"),
    )
    EXPLOITATIVE_CONDITIONS = "exploitative_conditions", _("Exploitative conditions")
    COERCION_AT_DESTINATION = "coercion_at_destination", _("Coercion at destination")
    ABUSE_AT_DESTINATION = (
        "abuse_of_vulnerability_at_destination",
        _("Abuse of vulnerability at destination"),
    )


class Grade(models.TextChoices):
    STRONG = "strong", _("Strong")
    MEDIUM = "medium", _("Medium")
    WEAK = "weak", _("Weak")


class Channel(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    BUSINESS = "business", _("Business")
    ANONYMOUS = "anonymous", _("Anonymous channel")
    IMPORT = "import", _("Spreadsheet import")


class LocationType(models.TextChoices):
    HOME = "home", _("Home address")
    WORKPLACE = "workplace", _("Workplace or company")
    HOTEL = "hotel", _("Hotel")
    HOLIDAY_PARK = "holiday_park", _("Holiday park or campsite")
    SEX_WORK = "sex_work", _("Sex work location")
    SCHOOL = "school", _("School")
    CARE = "care", _("Care or youth institution")
    ASYLUM_RECEPTION = "asylum_reception", _("Asylum reception centre")
    PUBLIC_SPACE = "public_space", _("Public space")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other or unknown")


class Sector(models.TextChoices):
    PROSTITUTION = "prostitution", _("Prostitution or escort")
    MASSAGE = "massage", _("Massage parlour")
    HOSPITALITY = "hospitality", _("Hotels, restaurants and bars")
    AGRICULTURE = "agriculture", _("Agriculture and horticulture")
    CONSTRUCTION = "construction", _("Construction")
    LOGISTICS = "logistics", _("Factories, warehouses and logistics")
    CLEANING = "cleaning", _("Cleaning")
    DOMESTIC = "domestic", _("Domestic work or au pair")
    RETAIL = "retail", _("Shops and nail or beauty salons")
    BEGGING = "begging", _("Begging")
    DRUGS = "drugs", _("Drug trade or running")
    PROPERTY_CRIME = "property_crime", _("Shoplifting, pickpocketing or burglary")
    FINANCIAL = "financial", _("Money mule, loans or contracts in someone's name")
    OTHER = "other", _("Other or unknown")


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("Under 12")
    AGE_12_15 = "12-15", _("12 to 15")
    AGE_16_17 = "16-17", _("16 or 17")
    AGE_18_22 = "18-22", _("18 to 22")
    AGE_23_29 = "23-29", _("23 to 29")
    AGE_30_49 = "30-49", _("30 to 49")
    AGE_50_PLUS = "50+", _("50 or older")
    UNKNOWN = "unknown", _("Unknown")


MINOR_BANDS = {AgeBand.UNDER_12, AgeBand.AGE_12_15, AgeBand.AGE_16_17}


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class PersonRole(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim")
    SUSPECT = "suspect", _("Possible suspect")


class Awareness(models.TextChoices):
    AGREES = "agrees", _("Knows about the report and agrees")
    DISAGREES = "disagrees", _("Knows about the report and does not agree")
    UNAWARE = "unaware", _("Does not know about the report")


class SignalStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSESSING = "assessing", _("Being assessed")
    FOLLOWED_UP = "followed_up", _("Followed up")
    NO_FOLLOW_UP = "no_follow_up", _("No follow-up")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate danger")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


URGENCY_ORDER = {Urgency.IMMEDIATE: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2, Urgency.LOW: 3}


class Decision(models.TextChoices):
    OPEN_CASE = "open_case", _("Open a case or add to a case")
    FORWARD = "forward", _("Forward to a partner")
    ASK_REPORTER = "ask_reporter", _("Ask the reporter for more information")
    CLOSE = "close", _("Close without follow-up")
