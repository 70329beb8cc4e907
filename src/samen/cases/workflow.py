"""The case workflow as data: which status may follow which (after Signalen's workflow).

Closing is possible from every open status (a case may turn out to need no follow-up);
a closed case may be reopened for assessment when new facts come in.
"""

from __future__ import annotations

from samen.cases.codes import CaseStatus

S = CaseStatus

TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.NEW: frozenset({S.ASSESSMENT, S.CLOSED}),
    S.ASSESSMENT: frozenset({S.ACTION, S.CLOSED}),
    S.ACTION: frozenset({S.ASSESSMENT, S.AFTERCARE, S.CLOSED}),
    S.AFTERCARE: frozenset({S.ACTION, S.CLOSED}),
    S.CLOSED: frozenset({S.ASSESSMENT}),
}


def allowed_next(status: str) -> list[CaseStatus]:
    """The statuses a case may move to from `status`, in workflow order."""
    targets = TRANSITIONS[CaseStatus(status)]
    return [s for s in CaseStatus if s in targets]


def may_transition(from_status: str, to_status: str) -> bool:
    try:
        return CaseStatus(to_status) in TRANSITIONS[CaseStatus(from_status)]
    except ValueError:
        return False
