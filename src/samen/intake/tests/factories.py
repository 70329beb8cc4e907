"""Signals for tests, made through the same service as the real intake."""

from __future__ import annotations

from samen.core.models import Membership, Organisation, User
from samen.core.tests.factories import municipality
from samen.intake import codes, services
from samen.intake.models import Signal


def make_signal(
    reporter: User | None = None,
    *,
    place: Organisation | None = None,
    description: str = "Jonge vrouw wordt elke avond opgehaald door een oudere man.",
    age: int | None = 24,
    name: str = "",
    phone: str = "",
    address: str = "",
    indicators: list[str] | None = None,
    immediate_danger: bool = False,
) -> Signal:
    membership = Membership.objects.filter(user=reporter).first() if reporter else None
    data = services.SignalInput(
        municipality=place or municipality(),
        location_type=codes.LocationType.HOME,
        address=address,
        persons=[services.PersonInput(age=age, name=name, phone=phone, gender=codes.Gender.FEMALE)],
        forms=[codes.ExploitationForm.SEXUAL],
        description=description,
        indicator_codes=indicators or [],
        immediate_danger=immediate_danger,
        awareness=codes.Awareness.UNAWARE,
        reporter_contact="Test Melder, 06-00000000",
    )
    return services.create_signal(data, reporter=reporter, membership=membership)
