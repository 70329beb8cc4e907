"""The only code that creates or changes signals. Views, the import and the API call these."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.dispatch import Signal as Announcement
from django.utils import timezone

from samen.core import audit
from samen.core.models import Membership, Organisation, User
from samen.intake import codes
from samen.intake.models import Indicator, IndicatorCatalogue, Signal, SignalEvent, SignalPerson
from samen.intake.triage import Triage, triage

REPEAT_LOCATION_DAYS = 180
# Sent inside the creating transaction with `signals` (a list), after their persons are
# saved: later apps (samen.persons) keep their records in step; intake names none of them.
signals_created = Announcement()

# Unambiguous characters: a reference is read aloud over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class PersonInput:
    role: str = codes.PersonRole.POSSIBLE_VICTIM
    age: int | None = None
    age_band: str = codes.AgeBand.UNKNOWN
    gender: str = codes.Gender.UNKNOWN
    nationality: str = ""
    language: str = ""
    name: str = ""
    phone: str = ""

    @property
    def is_minor(self) -> bool:
        if self.age is not None:
            return self.age < 18
        return self.age_band in codes.MINOR_BANDS


@dataclass
class SignalInput:
    municipality: Organisation
    location_type: str
    persons: list[PersonInput] = field(default_factory=list)
    address: str = ""
    forms: list[str] = field(default_factory=list)
    sector: str = ""
    setting: str = codes.Setting.GENERAL
    indicator_codes: list[str] = field(default_factory=list)
    description: str = ""
    immediate_danger: bool = False
    minor_involved: bool = False
    awareness: str = ""
    written_consent: bool = False
    reporter_contact: str = ""


class SignalError(Exception):
    """A rule of the intake was broken; the message is for the user."""


def current_catalogue() -> IndicatorCatalogue | None:
    return IndicatorCatalogue.objects.filter(is_current=True).first()


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"S-{body[:4]}-{body[4:]}"


def _channel_for(membership: Membership | None) -> str:
    if membership is not None and membership.role == "business_user":
        return codes.Channel.BUSINESS
    return codes.Channel.PROFESSIONAL


@dataclass
class NewSignal:
    """One signal to create; `received_at` only for registrations that have their own date."""

    data: SignalInput
    import_key: str | None = None
    received_at: datetime | None = None


def _recent_addresses(indexes: set[str], since: datetime) -> set[str]:
    if not indexes:
        return set()
    return set(
        Signal.objects.filter(address_index__in=indexes, created_at__gte=since).values_list(
            "address_index", flat=True
        )
    )


def _free_references(count: int) -> list[str]:
    """New references, none already in use (one query, however many are needed)."""
    while True:
        references = {new_reference() for _ in range(count)}
        if (
            len(references) == count
            and not Signal.objects.filter(reference__in=references).exists()
        ):
            return list(references)


def _create(
    items: list[NewSignal], *, reporter: User | None, membership: Membership | None, channel: str
) -> list[Signal]:
    """Create signals in a fixed number of queries, whatever their number (the import path).

    Triage is computed here from the input: the score never depends on the order of writes.
    """
    catalogue = current_catalogue()
    indicators = (
        {i.code: i for i in Indicator.objects.filter(catalogue=catalogue)} if catalogue else {}
    )
    for item in items:
        if not set(item.data.indicator_codes) <= indicators.keys():
            raise SignalError("unknown indicator")
    index_of = Signal._meta.get_field("address_index")
    now = timezone.now()
    addresses = [index_of.hash(item.data.address.strip()) for item in items]
    seen = _recent_addresses(
        {a for a in addresses if a}, now - timedelta(days=REPEAT_LOCATION_DAYS)
    )
    organisation = membership.organisation if membership else None
    signals: list[Signal] = []
    for item, address, reference in zip(
        items, addresses, _free_references(len(items)), strict=True
    ):
        data = item.data
        minor = data.minor_involved or any(p.is_minor for p in data.persons)
        result = triage(
            [indicators[code].grade for code in set(data.indicator_codes)],
            minor=minor,
            immediate_danger=data.immediate_danger,
            repeat_location=bool(address) and address in seen,
        )
        if address:
            seen.add(address)
        signals.append(
            Signal(
                reference=reference,
                channel=channel,
                catalogue=catalogue,
                municipality=data.municipality,
                reporter=reporter,
                reporter_organisation=organisation,
                reporter_contact=data.reporter_contact,
                location_type=data.location_type,
                address=data.address.strip(),
                forms=sorted(set(data.forms)),
                sector=data.sector,
                setting=data.setting,
                description=data.description,
                immediate_danger=data.immediate_danger,
                minor_involved=minor,
                awareness=data.awareness,
                written_consent=data.written_consent,
                import_key=item.import_key,
                created_at=item.received_at or now,
                **_triage_fields(result),
            )
        )
    Signal.objects.bulk_create(signals, batch_size=500)
    SignalPerson.objects.bulk_create(
        (
            SignalPerson(signal=signal, **vars(p))
            for signal, item in zip(signals, items, strict=True)
            for p in item.data.persons
        ),
        batch_size=500,
    )
    Signal.indicators.through.objects.bulk_create(
        (
            Signal.indicators.through(signal_id=signal.pk, indicator_id=indicators[code].pk)
            for signal, item in zip(signals, items, strict=True)
            for code in set(item.data.indicator_codes)
        ),
        batch_size=500,
    )
    SignalEvent.objects.bulk_create(
        (
            SignalEvent(
                signal=signal,
                kind=SignalEvent.Kind.RECEIVED,
                status=codes.SignalStatus.RECEIVED,
                actor=reporter,
                organisation=organisation,
            )
            for signal in signals
        ),
        batch_size=500,
    )
    signals_created.send(sender=Signal, signals=signals)
    return signals


def _triage_fields(result: Triage) -> dict[str, object]:
    return {
        "score": result.score,
        "urgency": result.urgency,
        "urgency_rank": codes.URGENCY_ORDER[codes.Urgency(result.urgency)],
        "triage_reasons": [
            {"code": r.code, "points": r.points, "counts": r.counts} for r in result.reasons
        ],
    }


@transaction.atomic
def create_signal(
    data: SignalInput,
    *,
    reporter: User | None,
    membership: Membership | None,
    channel: str | None = None,
    import_key: str | None = None,
) -> Signal:
    """One signal from a report; audited as one creation."""
    (signal,) = _create(
        [NewSignal(data, import_key)],
        reporter=reporter,
        membership=membership,
        channel=channel or _channel_for(membership),
    )
    audit.record(
        audit.AuditAction.CREATE,
        actor=reporter,
        organisation=membership.organisation if membership else None,
        obj=signal,
        purpose=f"signal via {signal.channel}",
    )
    return signal


@transaction.atomic
def create_signals(
    items: list[NewSignal],
    *,
    reporter: User,
    membership: Membership,
    channel: str,
    purpose: str,
    detail: dict[str, int],
) -> list[Signal]:
    """Many signals at once (spreadsheet import): all or none, one audit event for the batch.

    The audit event holds counts only; the signals themselves carry who imported them.
    """
    signals = _create(items, reporter=reporter, membership=membership, channel=channel)
    audit.record(
        audit.AuditAction.CREATE,
        actor=reporter,
        organisation=membership.organisation,
        purpose=purpose,
        detail=detail,
    )
    return signals


def _append(signal: Signal, membership: Membership, **event: object) -> SignalEvent:
    return SignalEvent.objects.create(
        signal=signal, actor=membership.user, organisation=membership.organisation, **event
    )


def _set_status(signal: Signal, membership: Membership, status: str) -> None:
    if signal.status != status:
        signal.status = status
        signal.save(update_fields=["status"])
        _append(signal, membership, kind=SignalEvent.Kind.STATUS, status=status)


@transaction.atomic
def start_assessment(signal: Signal, membership: Membership) -> None:
    """Opening a received signal in the queue moves it to 'being assessed'."""
    if signal.status == codes.SignalStatus.RECEIVED:
        _set_status(signal, membership, codes.SignalStatus.ASSESSING)


DECISION_STATUS = {
    codes.Decision.OPEN_CASE: codes.SignalStatus.FOLLOWED_UP,
    codes.Decision.FORWARD: codes.SignalStatus.FOLLOWED_UP,
    codes.Decision.ASK_REPORTER: codes.SignalStatus.ASSESSING,
    codes.Decision.CLOSE: codes.SignalStatus.NO_FOLLOW_UP,
}


@transaction.atomic
def decide(
    signal: Signal,
    membership: Membership,
    *,
    decision: str,
    reason: str,
    forward_to: Organisation | None = None,
    message_to_reporter: str = "",
) -> SignalEvent:
    """Record a triage decision with who and why; audited; updates the reporter's status."""
    if decision == codes.Decision.FORWARD and forward_to is None:
        raise SignalError("forward needs a partner")
    if decision == codes.Decision.ASK_REPORTER and not message_to_reporter.strip():
        raise SignalError("question needed")
    event = _append(
        signal,
        membership,
        kind=SignalEvent.Kind.DECISION,
        decision=decision,
        text=reason,
        forwarded_to=forward_to,
    )
    if message_to_reporter.strip():
        _append(
            signal, membership, kind=SignalEvent.Kind.MESSAGE_TO_REPORTER, text=message_to_reporter
        )
    _set_status(signal, membership, DECISION_STATUS[codes.Decision(decision)])
    audit.record(
        audit.AuditAction.CHANGE,
        actor=membership.user,
        organisation=membership.organisation,
        obj=signal,
        purpose=f"triage decision: {decision}",
        detail={"decision": decision, "forwarded_to": forward_to.pk if forward_to else None},
    )
    return event


@transaction.atomic
def message_reporter(signal: Signal, membership: Membership, text: str) -> SignalEvent:
    """A message the reporter reads on their follow-up page (also anonymous reporters)."""
    event = _append(signal, membership, kind=SignalEvent.Kind.MESSAGE_TO_REPORTER, text=text)
    audit.record(
        audit.AuditAction.CHANGE,
        actor=membership.user,
        organisation=membership.organisation,
        obj=signal,
        purpose="message to reporter",
    )
    return event


@transaction.atomic
def reply_from_reporter(signal: Signal, membership: Membership, text: str) -> SignalEvent:
    event = _append(signal, membership, kind=SignalEvent.Kind.MESSAGE_FROM_REPORTER, text=text)
    audit.record(
        audit.AuditAction.CHANGE,
        actor=membership.user,
        organisation=membership.organisation,
        obj=signal,
        purpose="reporter added information",
    )
    return event
