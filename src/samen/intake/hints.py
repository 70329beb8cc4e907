"""Hints on the signal page that a person in it may be someone already known.

Filled by a later app (samen.persons registers its provider in its AppConfig.ready()),
so that intake names no app that depends on it. A provider applies the viewer's access
rules itself: it answers only with records the viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from samen.core.models import Membership
from samen.intake.models import Signal, SignalPerson


@dataclass(frozen=True)
class Hint:
    person: SignalPerson  # the person in this signal
    other: str  # what the other record is in, e.g. "signal S-ABCD-EFGH" (no personal data)
    url: str  # where the viewer opens the other record
    confirmed: bool  # linked (same Person) rather than a pair still to be reviewed
    probability: float | None = None
    review_url: str = ""  # the pair's review page, for a doubtful pair
    why: str | Promise = ""


Provider = Callable[[Membership | None, Signal], list[Hint]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def hints_for(membership: Membership | None, signal: Signal) -> list[Hint]:
    return [hint for provider in PROVIDERS for hint in provider(membership, signal)]
