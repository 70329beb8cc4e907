"""The anonymous channel's business rules: make a report, open it with a code, add to it.

Reports go into the intake through `create_signal` with the anonymous channel, so the
coordinator sees them in the ordinary triage queue. Nothing about the reporter's
device, address or browser reaches these functions: they are given only what the
reporter typed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from samen.core import audit
from samen.core.models import Organisation, OrganisationType, Region
from samen.intake import attachments, codes
from samen.intake import services as intake_services
from samen.intake.models import Signal, SignalEvent
from samen.public import languages, receipt, throttle
from samen.public.models import AnonymousAccess

# What the reporter ticked under "what is happening", as forms of exploitation.
WHAT_TO_FORM = {
    "work": codes.ExploitationForm.LABOUR,
    "sex": codes.ExploitationForm.SEXUAL,
    "crime": codes.ExploitationForm.CRIMINAL,
    "other": codes.ExploitationForm.UNCLEAR,
}


@dataclass
class Report:
    who: str  # "me" or "other"
    description: str
    municipality: Organisation
    danger: str  # "yes", "no" or "unknown"
    language: str
    what: list[str] = field(default_factory=list)
    since: str = ""
    place: str = ""
    contact: str = ""


@dataclass
class Photo:
    data: bytes
    content_type_hint: str = ""


class Opened(enum.Enum):
    OK = "ok"
    MALFORMED = "malformed"
    BLOCKED = "blocked"
    WRONG = "wrong"


def municipalities() -> QuerySet[Organisation]:
    """The municipalities of this installation; with one region, only that region's."""
    found = Organisation.objects.filter(type=OrganisationType.MUNICIPALITY, is_active=True)
    regions = Region.objects.filter(organisations__in=found).distinct()
    if regions.count() == 1:
        found = found.filter(region=regions.get())
    return found.select_related("region").order_by("name")


def default_municipality() -> Organisation | None:
    """Where a report goes when the reporter does not know the municipality."""
    candidates = municipalities()
    code = settings.SAMEN_PUBLIC_DEFAULT_MUNICIPALITY
    if code:
        chosen = candidates.filter(municipality_code=code).first()
        if chosen is not None:
            return chosen
    return candidates.order_by("region__name", "name").first()


def _since_text(since: str) -> str:
    return {
        "recent": _("less than a month"),
        "months": _("1 to 12 months"),
        "years": _("more than a year"),
    }.get(since, _("not known"))


def _description(report: Report) -> str:
    """The reporter's own words first, then what the questions told, in staff language."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            report.description,
            "",
            "— " + _("Anonymous reporting channel") + " —",
            _("About: %(who)s")
            % {"who": _("the reporter") if report.who == "me" else _("someone else")},
            _("Since: %(since)s") % {"since": _since_text(report.since)},
            _("Danger now: %(danger)s")
            % {"danger": {"yes": _("yes"), "no": _("no")}.get(report.danger, _("not known"))},
            _("Language of the reporter: %(language)s (%(code)s)")
            % {"language": languages.name(report.language), "code": report.language},
        ]
    return "\n".join(lines)


def _new_access(signal: Signal) -> receipt.Receipt:
    while True:
        made = receipt.new_receipt()
        try:
            with transaction.atomic():
                AnonymousAccess.objects.create(
                    signal=signal, lookup=made.lookup, secret_hash=receipt.hash_secret(made.secret)
                )
        except IntegrityError:  # the lookup group is taken (1 in 33 million): draw again
            continue
        return made


@transaction.atomic
def create_report(report: Report, photo: Photo | None = None) -> tuple[Signal, receipt.Receipt]:
    """A signal in the anonymous channel, its receipt code and the photo, all or nothing."""
    person = intake_services.PersonInput(
        role=codes.PersonRole.POSSIBLE_VICTIM,
        language=languages.name(report.language) if report.who == "me" else "",
    )
    data = intake_services.SignalInput(
        municipality=report.municipality,
        location_type=codes.LocationType.OTHER,
        persons=[person],
        address=report.place,
        forms=sorted({WHAT_TO_FORM[w] for w in report.what if w in WHAT_TO_FORM}),
        description=_description(report),
        immediate_danger=report.danger == "yes",
        awareness=codes.Awareness.AGREES if report.who == "me" else "",
        reporter_contact=report.contact,
    )
    signal = intake_services.create_signal(
        data, reporter=None, membership=None, channel=codes.Channel.ANONYMOUS
    )
    made = _new_access(signal)
    if photo is not None:
        _add_photo(signal, photo)
    return signal, made


def _add_photo(signal: Signal, photo: Photo) -> None:
    # Never the original file name: it may carry a name, a date or a place.
    attachments.add(signal, None, name="photo", data=photo.data)


def open_report(typed: str) -> tuple[Opened, Signal | None]:
    """The report a receipt code opens; wrong codes are counted and throttled."""
    normalised = receipt.normalise(typed)
    if normalised is None:
        return Opened.MALFORMED, None
    parts = receipt.split(normalised)
    if throttle.code_blocked(parts.lookup):
        return Opened.BLOCKED, None
    access = AnonymousAccess.objects.filter(lookup=parts.lookup).select_related("signal").first()
    # Verify against a decoy when the lookup is unknown: the same cost, the same answer.
    stored = access.secret_hash if access else receipt.decoy_hash()
    if not receipt.secret_matches(stored, parts.secret) or access is None:
        throttle.record_failure(parts.lookup)
        return Opened.WRONG, None
    throttle.forget(parts.lookup)
    return Opened.OK, access.signal


def conversation(signal: Signal) -> QuerySet[SignalEvent]:
    """Only the messages; decisions and their reasons stay with the staff."""
    return signal.events.filter(
        kind__in=[SignalEvent.Kind.MESSAGE_TO_REPORTER, SignalEvent.Kind.MESSAGE_FROM_REPORTER]
    ).order_by("created_at", "pk")


@transaction.atomic
def add_information(signal: Signal, text: str, photo: Photo | None = None) -> SignalEvent:
    """The anonymous reporter answers or adds something; audited without an actor."""
    event = SignalEvent.objects.create(
        signal=signal, kind=SignalEvent.Kind.MESSAGE_FROM_REPORTER, text=text
    )
    if photo is not None:
        _add_photo(signal, photo)
    audit.record(
        audit.AuditAction.CHANGE,
        obj=signal,
        purpose="anonymous reporter added information",
        detail={"photo": photo is not None},
    )
    return event
