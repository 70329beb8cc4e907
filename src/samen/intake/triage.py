"""Triage score of a signal: graded indicators plus rules, always with its reasons.

Plain Python (no Django) so that the rule can be read, tested and explained on its own.
Indicators prompt action; they never prove trafficking. The score only orders the queue.

    score = 3·strong + 2·medium + 1·weak  (each ticked indicator)
          + 4 if a minor is involved     (no means of coercion need be shown for minors)
          + 2 if an earlier signal named the same location in the last 180 days
    urgency = immediate  if someone is in danger now
              high       if a minor is involved, or score ≥ 8
              normal     if score ≥ 3
              low        otherwise
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

GRADE_POINTS = {"strong": 3, "medium": 2, "weak": 1}
MINOR_POINTS = 4
REPEAT_LOCATION_POINTS = 2
HIGH_FROM = 8
NORMAL_FROM = 3


@dataclass(frozen=True)
class Reason:
    code: str  # "indicators", "minor", "repeat_location", "immediate_danger"
    points: int
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Triage:
    score: int
    urgency: str
    minor: bool
    reasons: tuple[Reason, ...]


def triage(
    grades: Iterable[str],
    *,
    minor: bool,
    immediate_danger: bool,
    repeat_location: bool,
) -> Triage:
    counts = Counter(grades)
    unknown = set(counts) - set(GRADE_POINTS)
    if unknown:
        raise ValueError(f"unknown indicator grades: {sorted(unknown)}")
    reasons: list[Reason] = []
    indicator_points = sum(GRADE_POINTS[g] * n for g, n in counts.items())
    if indicator_points:
        reasons.append(Reason("indicators", indicator_points, dict(sorted(counts.items()))))
    if minor:
        reasons.append(Reason("minor", MINOR_POINTS))
    if repeat_location:
        reasons.append(Reason("repeat_location", REPEAT_LOCATION_POINTS))
    score = sum(r.points for r in reasons)
    if immediate_danger:
        reasons.insert(0, Reason("immediate_danger", 0))
        urgency = "immediate"
    elif minor or score >= HIGH_FROM:
        urgency = "high"
    elif score >= NORMAL_FROM:
        urgency = "normal"
    else:
        urgency = "low"
    return Triage(score=score, urgency=urgency, minor=minor, reasons=tuple(reasons))
